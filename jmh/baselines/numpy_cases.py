"""NumPy counterparts of vectorgrad's JMH benchmarks, one registered case per (family, op, params).

Families and the JMH classes they mirror (sizes are the JMH @Param values, so rows line up):
  kernel   AddBenchmark, AxpyBenchmark, UnaryBenchmark, ReduceBenchmark, SoftmaxBenchmark: float32, written
           into a preallocated output where NumPy allows (out=), like the raw kernels
  ndarray  NDArrayBenchmark: the same ops allocating their result, as NDArray always does
  gemm     GemmBenchmark: square C = A·B, float32 and float64
  training TrainingStepBenchmark.twoLargeMatmulsOnly: the step's two large products
To add an op: write a function below with @grid(...) or @case(...) returning the callable to time.
"""
import numpy as np

from harness import case, grid
from sizes import GEMM_SIZES, KERNEL_SIZES, NDARRAY_SIZES, SOFTMAX_SIZES


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
        out += 1
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
        out -= np.log(np.exp(out).sum())
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
