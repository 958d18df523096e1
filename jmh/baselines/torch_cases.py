"""PyTorch (CPU, eager) counterparts of vectorgrad's JMH benchmarks.

Families and the JMH classes they mirror:
  autodiff  AutodiffBenchmark: x³ with first and second derivative (nested tapes = create_graph=True),
            and plain-tensor MLP steps written op by op (tape + ops, manual SGD update)
  training  TrainingStepBenchmark: nn.Sequential 784-128-10 with CrossEntropyLoss and torch.optim SGD/Adam
            (what Model.trainOnBatch does), the 4-10-10-3 Iris step with SGD (batch 32), the forward + loss
            alone, and the step's two large products
  kernel, ndarray, gemm   the same element-wise, reduction and GEMM rows as numpy_cases.py, in torch
            (UnaryBenchmark's erf / gelu / geluTanh / softplus as torch.special.erf and torch.nn.functional)
  manipulation, scan      ManipulationBenchmark and ScanSortBenchmark: index_select / take / cat, cumsum, topk
  conv      Conv2DBenchmark: F.conv2d 3x3, padding 1, with bias, forward and forward + backward, in PyTorch's
            own NCHW layout (a PyTorch user's data already is; oneDNN or the native kernel picks the algorithm)
  sequence  SequenceLayersBenchmark: nn.LSTM(64 -> 128) over [32, 50, 64] (last state) forward and forward +
            backward; nn.MultiheadAttention(512, 8 heads) self-attention on [16, 128, 512], forward (eval, no
            grad: torch's fused path) and forward + backward
  cnn       CnnTrainingStepBenchmark: one training step, batch 64, of examples/DigitsCnn's model (two conv +
            pool blocks, dropout, softmax head), Keras's cross-entropy on probabilities, Adam
To add an op or layer: write a function below with @grid(...) or @case(...) returning the callable to time.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from harness import case, grid
from sizes import CNN_IMAGE_SIZES, CONV_SHAPES, GEMM_SIZES, KERNEL_SIZES, MANIPULATION_SIZES, NDARRAY_SIZES, SCAN_SIZES, SOFTMAX_SIZES


def uniform(n, lo=-1.0, hi=1.0, seed=42, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, generator=g, dtype=dtype) * (hi - lo) + lo


# ---- autodiff: the tape's own overhead ----

def _cube_second_order():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x * x
    (dy,) = torch.autograd.grad(y, x, create_graph=True)
    (d2y,) = torch.autograd.grad(dy, x)
    return d2y


def _cube_first_order():
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x * x
    (dy,) = torch.autograd.grad(y, x)
    return dy


assert abs(_cube_second_order().item() - 12.0) < 1e-6   # 6x at x = 2
assert abs(_cube_first_order().item() - 12.0) < 1e-6    # 3x² at x = 2


@case("autodiff", "scalarCubeSecondOrder")
def cube2():
    return _cube_second_order


@case("autodiff", "scalarCubeFirstOrder")
def cube1():
    return _cube_first_order


def _tape_mlp_step(batch, *sizes):
    """AutodiffBenchmark.Mlp.step: matmul + bias (+ relu), -mean(logSoftmax · onehot), grads, w -= 0.01·g."""
    g = torch.Generator().manual_seed(0)
    params = []
    for i in range(len(sizes) - 1):
        limit = (6.0 / (sizes[i] + sizes[i + 1])) ** 0.5
        params.append((torch.rand(sizes[i], sizes[i + 1], generator=g) * 2 * limit - limit).requires_grad_())
        params.append(torch.zeros(sizes[i + 1], requires_grad=True))
    x = torch.randn(batch, sizes[0], generator=g)
    one_hot = torch.nn.functional.one_hot(torch.randint(0, sizes[-1], (batch,), generator=g), sizes[-1]).float()

    def step():
        h = x
        for i in range(0, len(params), 2):
            h = h @ params[i] + params[i + 1]
            if i + 2 < len(params):
                h = h.relu()
        loss = (h.log_softmax(1) * one_hot).sum() * (-1.0 / batch)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, gr in zip(params, grads):
                p.sub_(gr * 0.01)
        return loss
    return step


@case("autodiff", "mlpIrisStep", batch=32)
def mlp_iris(batch):
    return _tape_mlp_step(batch, 4, 10, 10, 3)


@case("autodiff", "mlpMnistStep", batch=128)
def mlp_mnist(batch):
    return _tape_mlp_step(batch, 784, 128, 10)


# ---- training: Keras-style model, loss and optimizer ----

def _model_step(batch, optimizer, sizes=(784, 128, 10)):
    """A Sequential of Linear layers with ReLU between them, CrossEntropyLoss, and SGD(0.01) or Adam(0.001)."""
    torch.manual_seed(0)
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=0.01) if optimizer == "sgd" else \
        torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    x, y = torch.randn(batch, sizes[0]), torch.randint(0, sizes[-1], (batch,))

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss
    return step


@case("training", "sgdStep", batch=128)
def sgd_step(batch):
    return _model_step(batch, "sgd")


@case("training", "adamStep", batch=128)
def adam_step(batch):
    return _model_step(batch, "adam")


@case("training", "irisSgdStep", batch=32)
def iris_sgd_step(batch):
    """TrainingStepBenchmark.irisSgdStep: nn.Sequential 4-10-10-3 (ReLU, ReLU, linear), CrossEntropyLoss, SGD(0.01)."""
    return _model_step(batch, "sgd", sizes=(4, 10, 10, 3))


@case("training", "forwardAndLossOnly", batch=128)
def forward_and_loss(batch):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    loss_fn = nn.CrossEntropyLoss()
    x, y = torch.randn(batch, 784), torch.randint(0, 10, (batch,))

    def f():
        with torch.no_grad():
            return loss_fn(model(x), y)
    return f


@case("training", "twoLargeMatmulsOnly", batch=128)
def two_large_matmuls(batch):
    x, w1, dh = torch.randn(batch, 784), torch.randn(784, 128) * 0.05, torch.randn(batch, 128) * 0.01

    def f():
        x @ w1
        return x.T @ dh
    return f


# ---- kernel / ndarray / gemm: the element-wise, reduction and matmul rows ----

@grid("kernel", "add", "n", KERNEL_SIZES)
def k_add(n):
    a, b, out = uniform(n, 0, 1), uniform(n, 0, 1, seed=43), torch.empty(n)
    return lambda: torch.add(a, b, out=out)


@grid("kernel", "exp", "n", KERNEL_SIZES)
def k_exp(n):
    x, out = uniform(n), torch.empty(n)
    return lambda: torch.exp(x, out=out)


@grid("kernel", "tanh", "n", KERNEL_SIZES)
def k_tanh(n):
    x, out = uniform(n), torch.empty(n)
    return lambda: torch.tanh(x, out=out)


@grid("kernel", "sigmoid", "n", KERNEL_SIZES)
def k_sigmoid(n):
    x, out = uniform(n), torch.empty(n)
    return lambda: torch.sigmoid(x, out=out)


@grid("kernel", "relu", "n", KERNEL_SIZES)
def k_relu(n):
    x = uniform(n)
    return lambda: torch.relu(x)


@grid("kernel", "sum", "n", KERNEL_SIZES)
def k_sum(n):
    x = uniform(n)
    return lambda: torch.sum(x)


@grid("kernel", "max", "n", KERNEL_SIZES)
def k_max(n):
    x = uniform(n)
    return lambda: torch.max(x)


@grid("kernel", "dot", "n", KERNEL_SIZES)
def k_dot(n):
    x, y = uniform(n), uniform(n, seed=43)
    return lambda: torch.dot(x, y)


@grid("kernel", "softmax", "n", SOFTMAX_SIZES)
def k_softmax(n):
    x = torch.randn(n, generator=torch.Generator().manual_seed(42)) * 5
    return lambda: torch.softmax(x, 0)


@grid("kernel", "logSoftmax", "n", SOFTMAX_SIZES)
def k_log_softmax(n):
    x = torch.randn(n, generator=torch.Generator().manual_seed(42)) * 5
    return lambda: torch.log_softmax(x, 0)


@grid("kernel", "logSumExp", "n", SOFTMAX_SIZES)
def k_log_sum_exp(n):
    x = torch.randn(n, generator=torch.Generator().manual_seed(42)) * 5
    return lambda: torch.logsumexp(x, 0)


@grid("ndarray", "add", "n", NDARRAY_SIZES)
def nd_add(n):
    a, b = uniform(n), uniform(n, seed=43)
    return lambda: a + b


@grid("ndarray", "mulAdd", "n", NDARRAY_SIZES)
def nd_mul_add(n):
    a, b, c = uniform(n), uniform(n, seed=43), uniform(n, 0, 1, seed=44)
    return lambda: a * b + c


@grid("ndarray", "exp", "n", NDARRAY_SIZES)
def nd_exp(n):
    a = uniform(n)
    return lambda: torch.exp(a)


@grid("ndarray", "sum", "n", NDARRAY_SIZES)
def nd_sum(n):
    a = uniform(n)
    return lambda: a.sum()


for _dtype in ("float32", "float64"):
    @grid("gemm", "matmul", "n", GEMM_SIZES, dtype=_dtype)
    def gemm(n, dtype):
        dt = getattr(torch, dtype)
        a, b = torch.rand(n, n, dtype=dt) * 2 - 1, torch.rand(n, n, dtype=dt) * 2 - 1
        c = torch.empty(n, n, dtype=dt)
        return lambda: torch.matmul(a, b, out=c)


# ---- kernel: UnaryBenchmark's activations (float32 in [-1, 1)) ----

@grid("kernel", "erf", "n", KERNEL_SIZES)
def k_erf(n):
    x, out = uniform(n), torch.empty(n)
    return lambda: torch.special.erf(x, out=out)


@grid("kernel", "gelu", "n", KERNEL_SIZES)
def k_gelu(n):
    x = uniform(n)
    return lambda: F.gelu(x)                             # no out= form: allocates, as nn.GELU does


@grid("kernel", "geluTanh", "n", KERNEL_SIZES)
def k_gelu_tanh(n):
    x = uniform(n)
    return lambda: F.gelu(x, approximate="tanh")


@grid("kernel", "softplus", "n", KERNEL_SIZES)
def k_softplus(n):
    x = uniform(n)
    return lambda: F.softplus(x)


# ---- manipulation: ManipulationBenchmark (size floats in each result, allocated) ----

@grid("manipulation", "gatherRows", "size", MANIPULATION_SIZES)
def m_gather_rows(size):
    g = torch.Generator().manual_seed(42)
    table = torch.rand(4 * size // 16, 16, generator=g) * 2 - 1
    ids = torch.randint(0, 4 * size // 16, (size // 16,), generator=g)
    return lambda: torch.index_select(table, 0, ids)      # what nn.Embedding's forward does


@grid("manipulation", "gatherElements", "size", MANIPULATION_SIZES)
def m_gather_elements(size):
    g = torch.Generator().manual_seed(42)
    vector, ids = torch.rand(size, generator=g) * 2 - 1, torch.randint(0, size, (size,), generator=g)
    return lambda: torch.take(vector, ids)


@grid("manipulation", "concat", "size", MANIPULATION_SIZES)
def m_concat(size):
    a, b = uniform(size // 2), uniform(size // 2, seed=43)
    return lambda: torch.cat([a, b])


@grid("manipulation", "concatRows", "size", MANIPULATION_SIZES)
def m_concat_rows(size):
    a, b = uniform(size // 2).reshape(size // 40, 20), uniform(size // 2, seed=43).reshape(size // 40, 20)
    return lambda: torch.cat([a, b], 1)


# ---- scan: ScanSortBenchmark (float32 in [-1, 1), result allocated) ----

@grid("scan", "cumsum", "n", SCAN_SIZES)
def s_cumsum(n):
    x = uniform(n)
    return lambda: torch.cumsum(x, 0)


@grid("scan", "cumsumAxis0", "n", SCAN_SIZES)
def s_cumsum_axis0(n):
    m = uniform(n).reshape(n // 100, 100)
    return lambda: torch.cumsum(m, 0)


@grid("scan", "topK10", "n", SCAN_SIZES)
def s_top_k10(n):
    x = uniform(n)
    return lambda: torch.topk(x, 10)


# ---- conv: Conv2DBenchmark (one thread, like the benchmark's -Dvectorgrad.threads=1) ----

def _conv_operands(shape):
    n, h, w, c, f = (int(p) for p in shape.replace("-", "x").split("x"))
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, c, h, w, generator=g, requires_grad=True)
    weight = torch.randn(f, c, 3, 3, generator=g, requires_grad=True)
    bias = torch.zeros(f, requires_grad=True)
    dy = torch.randn(n, f, h, w, generator=g)
    return x, weight, bias, dy


@grid("conv", "forward", "shape", CONV_SHAPES)
def conv_forward(shape):
    x, weight, bias, _ = _conv_operands(shape)

    def f():
        with torch.no_grad():
            return F.conv2d(x, weight, bias, padding=1)
    return f


@grid("conv", "forwardBackward", "shape", CONV_SHAPES)
def conv_forward_backward(shape):
    # the gradients of sum(y · dy) for the input, kernel and bias: y.backward(dy) with all three requiring grad
    x, weight, bias, dy = _conv_operands(shape)

    def f():
        y = F.conv2d(x, weight, bias, padding=1)
        return torch.autograd.grad(y, (x, weight, bias), dy)
    return f


# ---- sequence: SequenceLayersBenchmark (one thread) ----

def _lstm_operands():
    # Keras's LSTM(128) on [32, 50, 64], the last hidden state [32, 128]; torch's LSTM has two bias vectors
    # where Keras has one: 512 more adds per step, nothing against the two GEMMs
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    lstm = nn.LSTM(64, 128, batch_first=True)
    x = torch.randn(32, 50, 64, generator=g, requires_grad=True)
    dy = torch.randn(32, 128, generator=g)
    return lstm, x, dy


@case("sequence", "lstmForward")
def lstm_forward():
    lstm, x, _ = _lstm_operands()

    def f():
        with torch.no_grad():
            return lstm(x)[0][:, -1, :]
    return f


@case("sequence", "lstmForwardBackward")
def lstm_forward_backward():
    # the gradients of sum(y · dy) for the input and every weight, as the JMH method takes them
    lstm, x, dy = _lstm_operands()
    sources = [x] + list(lstm.parameters())

    def f():
        y = lstm(x)[0][:, -1, :]
        return torch.autograd.grad(y, sources, dy)
    return f


def _attention_operands():
    # Keras's MultiHeadAttention(8 heads, key 64) self-attention on [16, 128, 512]: embed 512 = 8 x 64, four
    # 512 x 512 projections with biases, scores scaled by 1/8, no dropout
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    mha = nn.MultiheadAttention(512, 8, batch_first=True)
    x = torch.randn(16, 128, 512, generator=g, requires_grad=True)
    dy = torch.randn(16, 128, 512, generator=g)
    return mha, x, dy


@case("sequence", "attentionForward")
def attention_forward():
    # eval() and no_grad let torch take its fused inference path (native MHA): its best forward
    mha, x, _ = _attention_operands()
    mha.eval()

    def f():
        with torch.no_grad():
            return mha(x, x, x, need_weights=False)[0]
    return f


@case("sequence", "attentionForwardBackward")
def attention_forward_backward():
    mha, x, dy = _attention_operands()
    sources = [x] + list(mha.parameters())

    def f():
        y = mha(x, x, x, need_weights=False)[0]
        return torch.autograd.grad(y, sources, dy)
    return f


# ---- cnn: CnnTrainingStepBenchmark (one thread) ----

def _keras_sparse_ce_on_probabilities(p, labels):
    """Keras 3's SparseCategoricalCrossentropy(from_logits=False), as vectorgrad computes it:
    -logSoftmax(log(clip(p / Σp, 1e-7, 1 - 1e-7)))[label], averaged over the batch."""
    p = p / p.sum(1, keepdim=True)
    return F.nll_loss(torch.log(p.clamp(1e-7, 1 - 1e-7)).log_softmax(1), labels)


@grid("cnn", "trainStep", "image", CNN_IMAGE_SIZES)
def cnn_train_step(image):
    # examples/DigitsCnn's model in NCHW: conv 32 + relu, pool, conv 64 + relu, pool, flatten, dropout 0.25,
    # dense 10 + softmax; Keras's loss on the probabilities; Adam(0.002) with Keras's epsilon 1e-7
    torch.manual_seed(0)
    side = image // 4
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Dropout(0.25), nn.Linear(64 * side * side, 10), nn.Softmax(1))
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=0.002, eps=1e-7)
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(64, 1, image, image, generator=g), torch.randint(0, 10, (64,), generator=g)

    def step():
        opt.zero_grad()
        loss = _keras_sparse_ce_on_probabilities(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()                                # trainOnBatch returns the loss as a double too
    return step
