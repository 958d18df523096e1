"""NumPy counterparts of vectorgrad's JMH benchmarks, one registered case per (family, op, params).

Families and the JMH classes they mirror (sizes are the JMH @Param values, so rows line up):
  kernel   AddBenchmark, AxpyBenchmark, UnaryBenchmark, ReduceBenchmark, SoftmaxBenchmark: float32, written
           into a preallocated output where NumPy allows (out=), like the raw kernels
  ndarray  NDArrayBenchmark: the same ops allocating their result, as NDArray always does
  gemm     GemmBenchmark: square C = A·B, float32 and float64
  training TrainingStepBenchmark.twoLargeMatmulsOnly: the step's two large products
  kernel   UnaryBenchmark's erf / gelu / geluTanh / softplus too (erf from scipy.special when installed:
           NumPy has no erf ufunc; without scipy those rows carry PyTorch's figure only)
  manipulation     ManipulationBenchmark: np.take rows / elements, np.concatenate whole / along rows
  scan             ScanSortBenchmark: np.cumsum 1-D and along axis 0, the ten largest with their indices
  ndarrayOps       NDArrayOpsBenchmark: binary and comparison ufuncs per op/dtype, result allocated
  ndarrayUnaryOps  NDArrayUnaryOpsBenchmark: unary ufuncs per op/dtype, contiguous and on a transposed view
  scoped           ScopedOpsBenchmark: the issue 11 allocation and transcendental rows (add, mul, a*b+c, exp,
                   tanh, sigmoid, relu, log, gelu, softplus),
                   result allocated by the ufunc (malloc hands back the block just freed, as a scope does)
(Conv2DBenchmark has no NumPy row: NumPy has no convolution a user would reach for; see torch_cases.py.)
To add an op: write a function below with @grid(...) or @case(...) returning the callable to time.
"""
import numpy as np

from harness import case, grid
from sizes import (GEMM_SIZES, KERNEL_SIZES, MANIPULATION_SIZES, NDARRAY_OPS_ROWS, NDARRAY_OPS_SIZES, NDARRAY_SIZES,
                   NDARRAY_UNARY_ROWS, SCAN_SIZES, SCOPED_SIZES, SOFTMAX_SIZES)

try:
    from scipy.special import erf as _erf   # NumPy itself has no erf ufunc
except ImportError:
    _erf = None


def uniform(n, lo=-1.0, hi=1.0, seed=42, dtype=np.float32):
    return np.random.default_rng(seed).uniform(lo, hi, n).astype(dtype)


# ---- kernel: raw loops into a preallocated output ----

@grid("kernel", "add", "n", KERNEL_SIZES)
def k_add(n):
    a, b, out = uniform(n, 0, 1), uniform(n, 0, 1, seed=43), np.empty(n, np.float32)
    return lambda: np.add(a, b, out=out)


@grid("kernel", "addScalar", "n", KERNEL_SIZES)
def k_add_scalar(n):
    a, out, s = uniform(n, 0, 1), np.empty(n, np.float32), np.float32(0.5)
    return lambda: np.add(a, s, out=out)


@grid("kernel", "axpy", "n", KERNEL_SIZES)
def k_axpy(n):
    # out = alpha*x + y: NumPy has no fused axpy ufunc, so two ufuncs through a preallocated temporary
    x, y, out, alpha = uniform(n), uniform(n, seed=43), np.empty(n, np.float32), np.float32(1.5)

    def f():
        np.multiply(x, alpha, out=out)
        np.add(out, y, out=out)
    return f


@grid("kernel", "exp", "n", KERNEL_SIZES)
def k_exp(n):
    x, out = uniform(n), np.empty(n, np.float32)
    return lambda: np.exp(x, out=out)


@grid("kernel", "tanh", "n", KERNEL_SIZES)
def k_tanh(n):
    x, out = uniform(n), np.empty(n, np.float32)
    return lambda: np.tanh(x, out=out)


@grid("kernel", "sigmoid", "n", KERNEL_SIZES)
def k_sigmoid(n):
    # 1 / (1 + exp(-x)) in three in-place ufuncs: what NumPy users write (scipy.special.expit is one ufunc)
    x, out = uniform(n), np.empty(n, np.float32)

    def f():
        np.negative(x, out=out)
        np.exp(out, out=out)
        np.add(out, 1, out=out)
        np.reciprocal(out, out=out)
    return f


@grid("kernel", "relu", "n", KERNEL_SIZES)
def k_relu(n):
    x, out = uniform(n), np.empty(n, np.float32)
    return lambda: np.maximum(x, np.float32(0), out=out)


@grid("kernel", "sum", "n", KERNEL_SIZES)
def k_sum(n):
    x = uniform(n)
    return lambda: np.add.reduce(x)          # pairwise float32 summation


@grid("kernel", "max", "n", KERNEL_SIZES)
def k_max(n):
    x = uniform(n)
    return lambda: np.maximum.reduce(x)


@grid("kernel", "dot", "n", KERNEL_SIZES)
def k_dot(n):
    x, y = uniform(n), uniform(n, seed=43)
    return lambda: np.dot(x, y)              # BLAS sdot


def _softmax(x, out):
    np.subtract(x, x.max(), out=out)
    np.exp(out, out=out)
    out /= out.sum()


@grid("kernel", "softmax", "n", SOFTMAX_SIZES)
def k_softmax(n):
    x, out = (np.random.default_rng(42).standard_normal(n) * 5).astype(np.float32), np.empty(n, np.float32)
    return lambda: _softmax(x, out)


@grid("kernel", "logSoftmax", "n", SOFTMAX_SIZES)
def k_log_softmax(n):
    x, out = (np.random.default_rng(42).standard_normal(n) * 5).astype(np.float32), np.empty(n, np.float32)

    def f():
        m = x.max()
        np.subtract(x, m, out=out)
        np.subtract(out, np.log(np.exp(out).sum()), out=out)
    return f


@grid("kernel", "logSumExp", "n", SOFTMAX_SIZES)
def k_log_sum_exp(n):
    x = (np.random.default_rng(42).standard_normal(n) * 5).astype(np.float32)

    def f():
        m = x.max()
        return m + np.log(np.exp(x - m).sum())
    return f


# ---- ndarray: the same ops allocating their result ----

@grid("ndarray", "add", "n", NDARRAY_SIZES)
def nd_add(n):
    a, b = uniform(n), uniform(n, seed=43)
    return lambda: a + b


@grid("ndarray", "mulAdd", "n", NDARRAY_SIZES)
def nd_mul_add(n):
    a, b, c = uniform(n), uniform(n, seed=43), uniform(n, 0, 1, seed=44)
    return lambda: a * b + c


@grid("ndarray", "addScalar", "n", NDARRAY_SIZES)
def nd_add_scalar(n):
    a = uniform(n)
    return lambda: a + np.float32(0.5)


@grid("ndarray", "exp", "n", NDARRAY_SIZES)
def nd_exp(n):
    a = uniform(n)
    return lambda: np.exp(a)


@grid("ndarray", "tanh", "n", NDARRAY_SIZES)
def nd_tanh(n):
    a = uniform(n)
    return lambda: np.tanh(a)


@grid("ndarray", "sum", "n", NDARRAY_SIZES)
def nd_sum(n):
    a = uniform(n)
    return lambda: a.sum()


@grid("ndarray", "max", "n", NDARRAY_SIZES)
def nd_max(n):
    a = uniform(n)
    return lambda: a.max()


@grid("ndarray", "dot", "n", NDARRAY_SIZES)
def nd_dot(n):
    a, b = uniform(n), uniform(n, seed=43)
    return lambda: a @ b


def _matrix(n):
    rows = int(n ** 0.5)
    return uniform(rows * (n // rows)).reshape(rows, n // rows)


@grid("ndarray", "sumAxis0", "n", NDARRAY_SIZES)
def nd_sum_axis0(n):
    m = _matrix(n)
    return lambda: m.sum(axis=0)


@grid("ndarray", "addTransposed", "n", NDARRAY_SIZES)
def nd_add_transposed(n):
    m = _matrix(n)
    return lambda: m.T + m.T


# ---- gemm ----

for _dtype in ("float32", "float64"):
    @grid("gemm", "matmul", "n", GEMM_SIZES, dtype=_dtype)
    def gemm(n, dtype):
        rng = np.random.default_rng(42)
        a, b = rng.uniform(-1, 1, (n, n)).astype(dtype), rng.uniform(-1, 1, (n, n)).astype(dtype)
        c = np.empty((n, n), dtype)
        return lambda: np.matmul(a, b, out=c)


# ---- gemm: the same two products alone, float32 and float64, into a preallocated result (MlpGemmBenchmark) ----

for _dtype in ("float32", "float64"):
    for _product in ("xW1", "xTdH"):
        @case("gemm", "mlpProduct", product=_product, dtype=_dtype)
        def mlp_product(product, dtype):
            rng = np.random.default_rng(0)
            x = rng.uniform(-1, 1, (128, 784)).astype(dtype)
            w1 = rng.uniform(-0.05, 0.05, (784, 128)).astype(dtype)
            dh = rng.uniform(-0.01, 0.01, (128, 128)).astype(dtype)
            if product == "xW1":
                c = np.empty((128, 128), dtype)
                return lambda: np.matmul(x, w1, out=c)
            c = np.empty((784, 128), dtype)
            xt = x.T  # a view: OpenBLAS gets a transpose flag, as Gemm gets strides
            return lambda: np.matmul(xt, dh, out=c)


# ---- training: the two large products of one 784-128-10 step (batch 128) ----

@case("training", "twoLargeMatmulsOnly", batch=128)
def two_large_matmuls(batch):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, 784)).astype(np.float32)
    w1 = (rng.standard_normal((784, 128)) * 0.05).astype(np.float32)
    dh = (rng.standard_normal((batch, 128)) * 0.01).astype(np.float32)

    def f():
        x @ w1
        return x.T @ dh
    return f


# ---- kernel: UnaryBenchmark's activations (float32 in [-1, 1), written into a preallocated output) ----

_SQRT_HALF = np.float32(0.5 ** 0.5)
_GELU_TANH_C = np.float32((2 / np.pi) ** 0.5)

if _erf is not None:
    @grid("kernel", "erf", "n", KERNEL_SIZES)
    def k_erf(n):
        x, out = uniform(n), np.empty(n, np.float32)
        return lambda: _erf(x, out=out)

    @grid("kernel", "gelu", "n", KERNEL_SIZES)
    def k_gelu(n):
        # x/2 · (1 + erf(x/√2)) in place: what a NumPy user writes without a fused gelu ufunc
        x, out = uniform(n), np.empty(n, np.float32)

        def f():
            np.multiply(x, _SQRT_HALF, out=out)
            _erf(out, out=out)
            np.add(out, 1, out=out)
            np.multiply(out, x, out=out)
            np.multiply(out, np.float32(0.5), out=out)
        return f


@grid("kernel", "geluTanh", "n", KERNEL_SIZES)
def k_gelu_tanh(n):
    # x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))) in place
    x, out = uniform(n), np.empty(n, np.float32)

    def f():
        np.multiply(x, x, out=out)
        np.multiply(out, np.float32(0.044715), out=out)
        np.add(out, 1, out=out)
        np.multiply(out, x, out=out)
        np.multiply(out, _GELU_TANH_C, out=out)
        np.tanh(out, out=out)
        np.add(out, 1, out=out)
        np.multiply(out, x, out=out)
        np.multiply(out, np.float32(0.5), out=out)
    return f


@grid("kernel", "softplus", "n", KERNEL_SIZES)
def k_softplus(n):
    # log(1 + exp(x)) without overflow: one ufunc
    x, out = uniform(n), np.empty(n, np.float32)
    return lambda: np.logaddexp(np.float32(0), x, out=out)


# ---- manipulation: ManipulationBenchmark (size floats in each result, allocated) ----

@grid("manipulation", "gatherRows", "size", MANIPULATION_SIZES)
def m_gather_rows(size):
    rng = np.random.default_rng(42)
    table = rng.uniform(-1, 1, (4 * size // 16, 16)).astype(np.float32)
    ids = rng.integers(0, 4 * size // 16, size // 16).astype(np.int32)
    return lambda: np.take(table, ids, axis=0)


@grid("manipulation", "gatherElements", "size", MANIPULATION_SIZES)
def m_gather_elements(size):
    rng = np.random.default_rng(42)
    vector, ids = rng.uniform(-1, 1, size).astype(np.float32), rng.integers(0, size, size).astype(np.int32)
    return lambda: np.take(vector, ids)


@grid("manipulation", "concat", "size", MANIPULATION_SIZES)
def m_concat(size):
    a, b = uniform(size // 2), uniform(size // 2, seed=43)
    return lambda: np.concatenate([a, b])


@grid("manipulation", "concatRows", "size", MANIPULATION_SIZES)
def m_concat_rows(size):
    a, b = uniform(size // 2).reshape(size // 40, 20), uniform(size // 2, seed=43).reshape(size // 40, 20)
    return lambda: np.concatenate([a, b], axis=1)


# ---- scan: ScanSortBenchmark (float32 in [-1, 1), result allocated) ----

@grid("scan", "cumsum", "n", SCAN_SIZES)
def s_cumsum(n):
    x = uniform(n)
    return lambda: np.cumsum(x)


@grid("scan", "cumsumAxis0", "n", SCAN_SIZES)
def s_cumsum_axis0(n):
    m = uniform(n).reshape(n // 100, 100)
    return lambda: np.cumsum(m, axis=0)


@grid("scan", "topK10", "n", SCAN_SIZES)
def s_top_k10(n):
    # NumPy has no top-k: argpartition finds the ten largest in O(n), then only those ten are sorted
    # (descending, as topK returns them) -- faster than the np.argsort(-x)[:10] a casual user writes
    x = uniform(n)

    def f():
        idx = np.argpartition(x, n - 10)[n - 10:]
        idx = idx[np.argsort(x[idx])[::-1]]
        return x[idx], idx
    return f


# ---- ndarrayOps / ndarrayUnaryOps: NDArrayOpsBenchmark, NDArrayUnaryOpsBenchmark (result allocated) ----

_BINARY = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "maximum": np.maximum,
           "minimum": np.minimum, "lt": np.less, "eq": np.equal}
_UNARY = {"neg": np.negative, "abs": np.abs, "square": np.square, "sign": np.sign, "sqrt": np.sqrt}


def _operand(dtype, lo, hi, shape, rng):
    """The benchmark's operands: floats uniform in [lo, hi), integers in [lo, hi)."""
    if dtype.startswith("int"):
        return rng.integers(int(lo), int(hi), shape).astype(dtype)
    return rng.uniform(lo, hi, shape).astype(dtype)


def _binary_operands(row, size):
    name, dtype = row.split("/")
    lo, hi = (1, 2) if dtype.startswith("float") else (-50, 50)
    rng = np.random.default_rng(42)
    a, b = _operand(dtype, lo, hi, size, rng), _operand(dtype, lo, hi, size, rng)
    scalar = _operand(dtype, lo, hi, (), rng)                    # a 0-d array, as the benchmark's
    matrix, row_vec = _operand(dtype, lo, hi, (size // 100, 100), rng), _operand(dtype, lo, hi, 100, rng)
    return _BINARY[name], a, b, scalar, matrix, row_vec


@grid("ndarrayOps", "arrays", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[0])
@grid("ndarrayOps", "arrays", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[1])
def nd_ops_arrays(row, size):
    op, a, b, _, _, _ = _binary_operands(row, size)
    return lambda: op(a, b)


@grid("ndarrayOps", "scalarRight", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[0])
@grid("ndarrayOps", "scalarRight", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[1])
def nd_ops_scalar_right(row, size):
    op, a, _, s, _, _ = _binary_operands(row, size)
    return lambda: op(a, s)


@grid("ndarrayOps", "scalarLeft", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[0])
@grid("ndarrayOps", "scalarLeft", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[1])
def nd_ops_scalar_left(row, size):
    op, a, _, s, _, _ = _binary_operands(row, size)
    return lambda: op(s, a)


@grid("ndarrayOps", "broadcastRow", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[0])
@grid("ndarrayOps", "broadcastRow", "row", NDARRAY_OPS_ROWS, size=NDARRAY_OPS_SIZES[1])
def nd_ops_broadcast_row(row, size):
    op, _, _, _, m, r = _binary_operands(row, size)
    return lambda: op(m, r)


def _unary_operands(row, size):
    name, dtype = row.split("/")
    lo = 0 if name == "sqrt" else -50
    rng = np.random.default_rng(42)
    a, m = _operand(dtype, lo, 50, size, rng), _operand(dtype, lo, 50, (size // 100, 100), rng)
    if name == "relu":
        zero = np.zeros((), dtype)
        return (lambda v: np.maximum(v, zero)), a, m
    return _UNARY[name], a, m


@grid("ndarrayUnaryOps", "contiguous", "row", NDARRAY_UNARY_ROWS, size=NDARRAY_OPS_SIZES[0])
@grid("ndarrayUnaryOps", "contiguous", "row", NDARRAY_UNARY_ROWS, size=NDARRAY_OPS_SIZES[1])
def nd_unary_contiguous(row, size):
    op, a, _ = _unary_operands(row, size)
    return lambda: op(a)


@grid("ndarrayUnaryOps", "transposed", "row", NDARRAY_UNARY_ROWS, size=NDARRAY_OPS_SIZES[0])
@grid("ndarrayUnaryOps", "transposed", "row", NDARRAY_UNARY_ROWS, size=NDARRAY_OPS_SIZES[1])
def nd_unary_transposed(row, size):
    # the ufunc walks the transposed view itself (its result keeps the view's memory order, order='K')
    op, _, m = _unary_operands(row, size)
    return lambda: op(m.T)


# ---- scoped: ScopedOpsBenchmark (the JMH side reuses its result buffer through NDArray.scope()) ----

def _scoped_operands(size):
    return uniform(size), uniform(size, seed=43), uniform(size, 0, 1, seed=44)


@grid("scoped", "add", "size", SCOPED_SIZES)
def sc_add(size):
    a, b, _ = _scoped_operands(size)
    return lambda: a + b


@grid("scoped", "mul", "size", SCOPED_SIZES)
def sc_mul(size):
    a, b, _ = _scoped_operands(size)
    return lambda: a * b


@grid("scoped", "mulAdd", "size", SCOPED_SIZES)
def sc_mul_add(size):
    a, b, c = _scoped_operands(size)
    return lambda: a * b + c


@grid("scoped", "exp", "size", SCOPED_SIZES)
def sc_exp(size):
    a, _, _ = _scoped_operands(size)
    return lambda: np.exp(a)


@grid("scoped", "tanh", "size", SCOPED_SIZES)
def sc_tanh(size):
    a, _, _ = _scoped_operands(size)
    return lambda: np.tanh(a)


@grid("scoped", "sigmoid", "size", SCOPED_SIZES)
def sc_sigmoid(size):
    # what a NumPy user writes: 1 / (1 + exp(-x)), three ufuncs, each allocating
    a, _, _ = _scoped_operands(size)
    one = np.float32(1)
    return lambda: one / (one + np.exp(-a))


@grid("scoped", "relu", "size", SCOPED_SIZES)
def sc_relu(size):
    a, _, _ = _scoped_operands(size)
    zero = np.float32(0)
    return lambda: np.maximum(a, zero)


@grid("scoped", "log", "size", SCOPED_SIZES)
def sc_log(size):
    _, _, c = _scoped_operands(size)
    return lambda: np.log(c)


if _erf is not None:
    @grid("scoped", "gelu", "size", SCOPED_SIZES)
    def sc_gelu(size):
        # what a NumPy user writes for exact gelu: four ufuncs and scipy's erf, each allocating
        a, _, _ = _scoped_operands(size)
        half = np.float32(0.5)
        return lambda: half * a * (1 + _erf(a * _SQRT_HALF))


@grid("scoped", "softplus", "size", SCOPED_SIZES)
def sc_softplus(size):
    # log(1 + exp(x)) without overflow: one ufunc
    a, _, _ = _scoped_operands(size)
    return lambda: np.logaddexp(np.float32(0), a)
