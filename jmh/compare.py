#!/usr/bin/env python3
"""Puts vectorgrad's JMH figures beside the NumPy and PyTorch baselines measured in the same session.

  python3 jmh/compare.py --jmh jmh/target/jmh.json [--numpy jmh/target/numpy.json] \
      [--torch jmh/target/torch.json] [--coldstart jmh/target/coldstart.json] > jmh/target/RESULTS.md

The baseline files are written by jmh/baselines/run.py and cold_start.py (jmh/bench.sh runs all of it).
Or compares two JMH runs of the same benchmarks, before and after a change, row by row:

  python3 jmh/compare.py --before before.json --after after.json [--threshold 3]

A row is flagged SLOWER when its after time exceeds its before time by more than --threshold percent and
the two 99.9% confidence intervals (score ± scoreError, as JMH reports them) do not overlap; FASTER the
other way round. The exit status is 1 when any row is flagged SLOWER, so a script can stop on it.

Ratios are "how many times faster vectorgrad is" (baseline time / vectorgrad time): above 1 means vectorgrad
is faster. Standard library only.
"""
import argparse
import json

UNIT_NS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def load_jmh(paths):
    rows = {}
    for r in [r for path in paths for r in json.load(open(path))]:
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = r.get("params", {})
        unit = r["primaryMetric"]["scoreUnit"]
        score = r["primaryMetric"]["score"]
        err = float(r["primaryMetric"].get("scoreError", 0.0))  # "NaN" (a string) after a single iteration
        err = 0.0 if err != err else err
        if unit in UNIT_NS:
            ns, err_ns = score * UNIT_NS[unit], err * UNIT_NS[unit]
        elif unit.startswith("ops/"):
            per = {"ops/s": 1e9, "ops/ms": 1e6, "ops/us": 1e3}[unit]
            ns, err_ns = per / score, per / score * (err / score if score else 0)
        else:
            continue
        key = (name, tuple(sorted(params.items())))
        rows[key] = (ns, err_ns, r.get("threads", 1))
    return rows


jmh = {}


def find(name, **params):
    want = {k: str(v) for k, v in params.items()}
    for (n, p), v in jmh.items():
        if n == name and all(dict(p).get(k) == val for k, val in want.items()):
            return v
    return None


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}g}"


# ---- baselines (jmh/baselines/run.py JSON) ----

class Baseline:
    """One baseline result file, looked up by (family, op, params) at one thread or at every core."""

    def __init__(self, path):
        self.data = json.load(open(path)) if path else None
        self.rows = {}
        for r in (self.data or {}).get("results", []):
            key = (r["family"], r["op"], tuple(sorted((k, str(v)) for k, v in r["params"].items())))
            self.rows.setdefault(key, {})[r.get("threads", 1)] = r["median_s"] * 1e9

    def __bool__(self):
        return self.data is not None

    def ns(self, family, op, threads=1, **params):
        """Nanoseconds per call with `threads` threads; threads='best' takes the faster of 1 and all cores."""
        key = (family, op, tuple(sorted((k, str(v)) for k, v in params.items())))
        by_threads = self.rows.get(key, {})
        if threads == "best":
            return min(by_threads.values()) if by_threads else None
        if threads == "all":
            return by_threads.get(max(by_threads), None) if by_threads else None
        return by_threads.get(threads)


def ratio(theirs, ours):
    return fmt(theirs / ours) + "x" if theirs and ours else "—"


def table(out):
    """A section without a single measured row is left out (a subset run measures a few families)."""
    return out if any(line.startswith("| ") and not line.startswith("| op |") and not line.startswith("| dtype |")
                      and not line.startswith("| case |") and not line.startswith("| first |") for line in out) else []


def machine_section(jmh_paths, np_b, torch_b, cold, vg_info=None):
    out = ["## Machine and what ran\n"]
    if vg_info:
        out.append(f"- {vg_info} (`VectorgradInfo.describe()`, default flags)")
    src = (np_b.data or torch_b.data or (cold or {}))
    cpu = src.get("cpu", {}) if src else {}
    if cpu:
        out.append(f"- CPU: {cpu.get('model')}, {cpu.get('ncpu')} cores, vector ISA **{cpu.get('vector_isa')}** "
                   f"({' '.join(cpu.get('isa', []))})")
    if jmh_paths:
        first = json.load(open(jmh_paths[0]))
        if first:
            r = first[0]
            out.append(f"- JDK: {r.get('vmName')} {r.get('jdkVersion')} ({r.get('vmVersion')}); JMH {r.get('jmhVersion')}, "
                       f"{r.get('forks')} fork(s), {r.get('warmupIterations')} × {r.get('warmupTime')} warm-up, "
                       f"{r.get('measurementIterations')} × {r.get('measurementTime')} measurement")
    for label, b in (("NumPy", np_b), ("PyTorch", torch_b)):
        if not b:
            out.append(f"- {label}: not measured (see jmh/bench.sh for what to install)")
            continue
        d = b.data
        ver = ", ".join(f"{k} {v}" for k, v in d.get("versions", {}).items() if isinstance(v, str))
        blas = "; ".join(f"{i.get('library')} core **{i.get('corename')}**" for i in d.get("openblas", [])) or "no OpenBLAS loaded"
        out.append(f"- {label}: {ver}, Python {d.get('python')}; BLAS: {blas}; "
                   f"env: {d.get('env') or 'no BLAS variables set'}" + (" — **quick run, figures meaningless**" if d.get("quick") else ""))
        for n in d.get("notes", []):
            out.append(f"  - note: {n}")
    out.append("")
    return out


def kernel_section(np_b, torch_b):
    rows = [  # label, SIMD benchmark, scalar twin, parameter name, baseline op, sizes
        ("add", "AddBenchmark.simd", "AddBenchmark.scalar", "size", "add", (1000, 100003, 10000000)),
        ("a + 0.5", "AddBenchmark.simdBroadcastRight", "AddBenchmark.scalarBroadcastRight", "size", "addScalar", (100003,)),
        ("a·x + y", "AxpyBenchmark.simd", "AxpyBenchmark.scalar", "size", "axpy", (100003, 10000000)),
        ("exp", "UnaryBenchmark.expSimd", "UnaryBenchmark.expScalar", "n", "exp", (100003, 10000000)),
        ("tanh", "UnaryBenchmark.tanhSimd", "UnaryBenchmark.tanhScalar", "n", "tanh", (100003, 10000000)),
        ("sigmoid", "UnaryBenchmark.sigmoidSimd", "UnaryBenchmark.sigmoidScalar", "n", "sigmoid", (100003,)),
        ("relu", "UnaryBenchmark.reluSimd", "UnaryBenchmark.reluScalar", "n", "relu", (100003,)),
        ("erf (NumPy: scipy.special.erf)", "UnaryBenchmark.erfSimd", "UnaryBenchmark.erfScalar", "n", "erf", (1000, 100003)),
        ("gelu, exact (NumPy: x/2·(1 + erf(x/√2)))", "UnaryBenchmark.geluSimd", "UnaryBenchmark.geluScalar", "n", "gelu", (1000, 100003)),
        ("gelu, tanh form", "UnaryBenchmark.geluTanhSimd", "UnaryBenchmark.geluTanhScalar", "n", "geluTanh", (1000, 100003)),
        ("softplus (NumPy: logaddexp(0, x))", "UnaryBenchmark.softplusSimd", "UnaryBenchmark.softplusScalar", "n", "softplus", (1000, 100003)),
        ("sum", "ReduceBenchmark.sumSimd", "ReduceBenchmark.sumScalar", "n", "sum", (1000, 100003, 10000000)),
        ("max", "ReduceBenchmark.maxSimd", "ReduceBenchmark.maxScalar", "n", "max", (100003, 10000000)),
        ("dot", "ReduceBenchmark.dotSimd", "ReduceBenchmark.dotScalar", "n", "dot", (100003, 10000000)),
        ("softmax", "SoftmaxBenchmark.softmaxSimd", "SoftmaxBenchmark.softmaxScalar", "n", "softmax", (10, 1000)),
        ("log softmax", "SoftmaxBenchmark.logSoftmaxSimd", "SoftmaxBenchmark.logSoftmaxScalar", "n", "logSoftmax", (1000,)),
        ("logsumexp", "SoftmaxBenchmark.logSumExpSimd", "SoftmaxBenchmark.logSumExpScalar", "n", "logSumExp", (1000,)),
    ]
    out = ["## Kernels, float32, one thread (ns per element; ratio = baseline time / vectorgrad time)\n",
           "| op | n | scalar twin | SIMD | NumPy | PyTorch | SIMD vs twin | **vs NumPy** | **vs PyTorch** |",
           "|---|---|---|---|---|---|---|---|---|"]
    for label, simd, scalar, pname, op, sizes in rows:
        for n in sizes:
            s, t = find(simd, **{pname: n}), find(scalar, **{pname: n})
            if not s:
                continue
            s_pe, t_pe = s[0] / n, (t[0] / n if t else None)
            npe = (np_b.ns("kernel", op, n=n) or 0) / n or None
            tpe = (torch_b.ns("kernel", op, n=n) or 0) / n or None
            out.append(f"| {label} | {n} | {fmt(t_pe)} | {fmt(s_pe)} | {fmt(npe)} | {fmt(tpe)} | "
                       f"{ratio(t_pe, s_pe)} | **{ratio(npe, s_pe)}** | **{ratio(tpe, s_pe)}** |")
    out.append("")
    return out


def ndarray_section(np_b, torch_b):
    ops = [("add", "add"), ("a*b + c (2 ops)", "mulAdd"), ("a + 0.5", "addScalar"), ("exp", "exp"),
           ("tanh", "tanh"), ("sum", "sum"), ("max", "max"), ("dot (matmul of vectors)", "dot"),
           ("column sums (axis 0)", "sumAxis0"), ("add of two transposed views", "addTransposed")]
    out = ["## Through NDArray, float32 (µs per call, result allocated; ratio = baseline / vectorgrad)\n",
           "| op | n | vectorgrad | NumPy | PyTorch | **vs NumPy** | **vs PyTorch** |",
           "|---|---|---|---|---|---|---|"]
    for label, op in ops:
        for n in (1000, 100000, 10000000):
            s = find("NDArrayBenchmark." + op, size=n)
            if not s:
                continue
            ours, npy, tor = s[0], np_b.ns("ndarray", op, n=n), torch_b.ns("ndarray", op, n=n)
            out.append(f"| {label} | {n} | {fmt(ours / 1e3)} | {fmt(npy and npy / 1e3)} | {fmt(tor and tor / 1e3)} | "
                       f"**{ratio(npy, ours)}** | **{ratio(tor, ours)}** |")
    out.append("")
    return out


def _per_call_rows(rows, np_b, torch_b, scale):
    """'| label | n | vectorgrad | NumPy | PyTorch | vs NumPy | vs PyTorch |' for (label, benchmark, param,
    family, op, sizes) rows; times divided by `scale` (1e3: µs)."""
    out = []
    for label, bench, pname, fam, op, sizes in rows:
        for n in sizes:
            s = find(bench, **{pname: n})
            if not s:
                continue
            ours, npy, tor = s[0], np_b.ns(fam, op, **{pname: n}), torch_b.ns(fam, op, **{pname: n})
            out.append(f"| {label} | {n} | {fmt(ours / scale)} | {fmt(npy and npy / scale)} | {fmt(tor and tor / scale)} | "
                       f"**{ratio(npy, ours)}** | **{ratio(tor, ours)}** |")
    return out


def scoped_section(np_b, torch_b):
    """Issue 11's allocation rows: the op inside an NDArray.scope() (its result buffer reused), beside the same op with
    a fresh result (NDArrayBenchmark, where it has the row) and NumPy's ufunc."""
    ops = [("add", "add"), ("mul", "mul"), ("a*b + c (2 ops)", "mulAdd"), ("exp", "exp"), ("tanh", "tanh"),
           ("sigmoid", "sigmoid"), ("relu", "relu"), ("log", "log"), ("gelu (exact)", "gelu"), ("softplus", "softplus")]
    out = ["## Through NDArray inside NDArray.scope(), float32 (µs per call; ratio = NumPy / vectorgrad)\n",
           "Each call opens a scope, runs the op, reads one element and closes the scope, so the result reuses the "
           "buffer the previous call released. 'fresh' is the same op allocating a new result (NDArrayBenchmark).\n",
           "| op | n | scoped | fresh | NumPy | **scoped vs NumPy** | fresh vs NumPy |",
           "|---|---|---|---|---|---|---|"]
    for label, op in ops:
        for n in (100000,):
            s = find("ScopedOpsBenchmark." + op, size=n)
            if not s:
                continue
            f = find("NDArrayBenchmark." + op, size=n)
            ours, fresh, npy = s[0], (f[0] if f else None), np_b.ns("scoped", op, size=n)
            out.append(f"| {label} | {n} | {fmt(ours / 1e3)} | {fmt(fresh and fresh / 1e3)} | {fmt(npy and npy / 1e3)} | "
                       f"**{ratio(npy, ours)}** | {ratio(npy, fresh)} |")
    out.append("")
    return out


def manipulation_section(np_b, torch_b):
    rows = [  # label, JMH benchmark, parameter, family, baseline op, sizes (floats in the result)
        ("gather rows, 16 wide (np.take axis 0 / index_select)", "ManipulationBenchmark.gatherRows", "size",
         "manipulation", "gatherRows", (1000, 100000)),
        ("gather elements (np.take / torch.take)", "ManipulationBenchmark.gatherElements", "size",
         "manipulation", "gatherElements", (1000, 100000)),
        ("concat two 1-D halves", "ManipulationBenchmark.concat", "size", "manipulation", "concat", (1000, 100000)),
        ("concat two [n/40, 20] along axis 1", "ManipulationBenchmark.concatRows", "size", "manipulation",
         "concatRows", (1000, 100000)),
        ("gather rows, in an NDArray.scope()", "ManipulationBenchmark.scopedGatherRows", "size", "manipulation",
         "gatherRows", (100000,)),
        ("gather elements, in an NDArray.scope()", "ManipulationBenchmark.scopedGatherElements", "size",
         "manipulation", "gatherElements", (100000,)),
        ("concat two 1-D halves, in an NDArray.scope()", "ManipulationBenchmark.scopedConcat", "size",
         "manipulation", "concat", (100000,)),
        ("concat along axis 1, in an NDArray.scope()", "ManipulationBenchmark.scopedConcatRows", "size",
         "manipulation", "concatRows", (100000,)),
        ("cumsum, 1-D", "ScanSortBenchmark.cumsum", "n", "scan", "cumsum", (1000, 100000)),
        ("cumsum of [n/100, 100] along axis 0", "ScanSortBenchmark.cumsumAxis0", "n", "scan", "cumsumAxis0", (1000, 100000)),
        ("top 10 with indices (NumPy: argpartition + sort of 10)", "ScanSortBenchmark.topK10", "n", "scan", "topK10",
         (1000, 100000)),
    ]
    out = ["## Gather, concat, scans and top-k through NDArray, float32 (µs per call, result allocated; "
           "ratio = baseline / vectorgrad)\n",
           "| op | n | vectorgrad | NumPy | PyTorch | **vs NumPy** | **vs PyTorch** |",
           "|---|---|---|---|---|---|---|"]
    out += _per_call_rows(rows, np_b, torch_b, 1e3)
    out.append("")
    return out


def conv_section(np_b, torch_b):
    out = ["## Conv2D 3x3, SAME, stride 1, with bias, float32, one thread (ms per call; ratio = PyTorch / vectorgrad)\n",
           "vectorgrad: the Keras-style layer on NHWC (im2col + GEMM); PyTorch: `F.conv2d` on NCHW, its own layout. "
           "Forward + backward is the gradients of sum(y · dy) for the input, kernel and bias. NumPy has no "
           "convolution to compare.\n",
           "| case | batch x h x w x channels-filters | vectorgrad | PyTorch | **vs PyTorch** |", "|---|---|---|---|---|"]
    for op, label in (("forward", "forward"), ("forwardBackward", "forward + backward")):
        for shape in ("64x28x28x1-32", "64x14x14x32-64"):
            s = find("Conv2DBenchmark." + op, shape=shape)
            if not s:
                continue
            ours, tor = s[0], torch_b.ns("conv", op, shape=shape)
            out.append(f"| {label} | {shape} | {fmt(ours / 1e6)} | {fmt(tor and tor / 1e6)} | **{ratio(tor, ours)}** |")
    out.append("")
    return out


def layers_section(np_b, torch_b):
    rows = [  # label, JMH benchmark, params, baseline family, op
        ("LSTM(128) on [32, 50, 64], forward", "SequenceLayersBenchmark.lstmForward", {}, "sequence", "lstmForward"),
        ("LSTM(128) on [32, 50, 64], forward + backward", "SequenceLayersBenchmark.lstmForwardBackward", {},
         "sequence", "lstmForwardBackward"),
        ("MultiHeadAttention(8, 64) on [16, 128, 512], forward", "SequenceLayersBenchmark.attentionForward", {},
         "sequence", "attentionForward"),
        ("MultiHeadAttention(8, 64) on [16, 128, 512], forward + backward",
         "SequenceLayersBenchmark.attentionForwardBackward", {}, "sequence", "attentionForwardBackward"),
        ("digits CNN training step, batch 64, 8x8 images", "CnnTrainingStepBenchmark.trainStep", {"image": 8},
         "cnn", "trainStep"),
        ("digits CNN training step, batch 64, 28x28 images", "CnnTrainingStepBenchmark.trainStep", {"image": 28},
         "cnn", "trainStep"),
    ]
    out = ["## Sequence layers and a CNN training step, float32, one thread (ms per call; ratio = PyTorch / vectorgrad)\n",
           "Forward + backward is the gradients of sum(y · dy) for the input and every weight. The CNN step is "
           "trainOnBatch (forward, loss, backward, Adam update) against the same model, loss and optimizer in torch. "
           "PyTorch's attention forward runs in eval mode without autograd (its fused path).\n",
           "| case | vectorgrad | PyTorch | **vs PyTorch** |", "|---|---|---|---|"]
    for label, bench, params, fam, op in rows:
        s = find(bench, **params)
        if not s:
            continue
        ours, tor = s[0], torch_b.ns(fam, op, **params)
        out.append(f"| {label} | {fmt(ours / 1e6)} | {fmt(tor and tor / 1e6)} | **{ratio(tor, ours)}** |")
    out.append("")
    return out


def _op_table_rows(bench_class, family, methods, np_b):
    """One row per (op/dtype row, size), one vectorgrad/NumPy pair of columns per benchmark method."""
    rows = sorted({(dict(p)["row"], int(dict(p)["size"])) for (n, p) in jmh
                   if n.startswith(bench_class + ".") and "row" in dict(p) and "size" in dict(p)})
    out = []
    for row, size in rows:
        cells = []
        for m in methods:
            s = find(f"{bench_class}.{m}", row=row, size=size)
            ours, npy = (s[0] if s else None), np_b.ns(family, m, row=row, size=size)
            cells.append(f"{fmt(ours and ours / 1e3)} | {fmt(npy and npy / 1e3)} | **{ratio(npy, ours)}**")
        out.append(f"| {row} | {size} | " + " | ".join(cells) + " |")
    return out


def ndarray_ops_section(np_b, torch_b):
    methods = ("arrays", "scalarRight", "scalarLeft", "broadcastRow")
    out = ["## Elementwise binary and comparison ops through NDArray (µs per call, result allocated; "
           "ratio = NumPy / vectorgrad)\n",
           "Operands: a ∘ b of one shape; a ∘ 0-d scalar; 0-d scalar ∘ a; [n/100, 100] ∘ [100] (a bias add). "
           "NumPy's ufunc allocates its result as NDArray does.\n",
           "| op | n | " + " | ".join(f"{m} ours | {m} NumPy | **{m} vs NumPy**" for m in methods) + " |",
           "|---|---|" + "---|---|---|" * len(methods)]
    out += _op_table_rows("NDArrayOpsBenchmark", "ndarrayOps", methods, np_b)
    out.append("")
    return out


def ndarray_unary_ops_section(np_b, torch_b):
    methods = ("contiguous", "transposed")
    out = ["## Elementwise unary ops through NDArray (µs per call, result allocated; ratio = NumPy / vectorgrad)\n",
           "Contiguous: one run of n; transposed: the ufunc on `m.T` for m of [n/100, 100]. relu is "
           "`np.maximum(a, 0)`.\n",
           "| op | n | " + " | ".join(f"{m} ours | {m} NumPy | **{m} vs NumPy**" for m in methods) + " |",
           "|---|---|" + "---|---|---|" * len(methods)]
    out += _op_table_rows("NDArrayUnaryOpsBenchmark", "ndarrayUnaryOps", methods, np_b)
    out.append("")
    return out


def gemm_section(np_b, torch_b):
    out = ["## GEMM, square C = A·B (GFLOP/s; ratio = vectorgrad / baseline)\n",
           "| dtype | n | ours 1 thread | NumPy 1 thread | PyTorch 1 thread | **vs NumPy** | **vs PyTorch** | "
           "ours all threads | NumPy all threads | **vs NumPy, all** | EJML |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for dt, npdt in (("float", "float32"), ("double", "float64")):
        for n in (64, 256, 1024, 2048):
            s = find("GemmBenchmark.simd", n=n, dtype=dt)
            if not s:
                continue
            gf = lambda ns: 2.0 * n ** 3 / ns if ns else None  # noqa: E731  (FLOP per ns = GFLOP/s)
            t, e = find("GemmBenchmark.simdThreads", n=n, dtype=dt), find("GemmBenchmark.ejml", n=n, dtype=dt)
            ours, ours_t = gf(s[0]), gf(t[0] if t else None)
            npy, tor = gf(np_b.ns("gemm", "matmul", n=n, dtype=npdt)), gf(torch_b.ns("gemm", "matmul", n=n, dtype=npdt))
            npy_t = gf(np_b.ns("gemm", "matmul", threads="all", n=n, dtype=npdt))
            out.append(f"| {npdt} | {n} | {fmt(ours)} | {fmt(npy)} | {fmt(tor)} | **{ratio(ours, npy)}** | "
                       f"**{ratio(ours, tor)}** | {fmt(ours_t)} | {fmt(npy_t)} | **{ratio(ours_t, npy_t)}** | "
                       f"{fmt(gf(e[0] if e else None))} |")
    out.append("")
    return out


def training_section(np_b, torch_b):
    cases = [  # label, JMH benchmark, baseline family, op, params, all-threads?
        ("x³, first and second derivative (nested tapes)", "AutodiffBenchmark.scalarCubeSecondOrder", "autodiff", "scalarCubeSecondOrder", {}, False),
        ("x³, first derivative", "AutodiffBenchmark.scalarCubeFirstOrder", "autodiff", "scalarCubeFirstOrder", {}, False),
        ("MLP 4-10-10-3, batch 32, SGD step (tape + ops)", "AutodiffBenchmark.mlpIrisStep", "autodiff", "mlpIrisStep", {"batch": 32}, False),
        ("MLP 784-128-10, batch 128, SGD step (tape + ops)", "AutodiffBenchmark.mlpMnistStep", "autodiff", "mlpMnistStep", {"batch": 128}, False),
        ("MLP 784-128-10, batch 128, SGD step (Model.trainOnBatch / nn + optim)", "TrainingStepBenchmark.sgdStep", "training", "sgdStep", {"batch": 128}, False),
        ("same, all threads", "TrainingStepBenchmark.sgdStepAllThreads", "training", "sgdStep", {"batch": 128}, True),
        ("MLP 784-128-10, batch 128, Adam step", "TrainingStepBenchmark.adamStep", "training", "adamStep", {"batch": 128}, False),
        ("same, all threads", "TrainingStepBenchmark.adamStepAllThreads", "training", "adamStep", {"batch": 128}, True),
        ("MLP 4-10-10-3, batch 32, SGD step (Model.trainOnBatch / nn + optim)", "TrainingStepBenchmark.irisSgdStep", "training", "irisSgdStep", {"batch": 32}, False),
        ("forward + loss only, no tape", "TrainingStepBenchmark.forwardAndLossOnly", "training", "forwardAndLossOnly", {"batch": 128}, False),
        ("the step's two large products", "TrainingStepBenchmark.twoLargeMatmulsOnly", "training", "twoLargeMatmulsOnly", {"batch": 128}, False),
    ]
    out = ["## Autodiff and training steps (µs per step; ratio = baseline / vectorgrad)\n",
           "One thread on both sides unless the row says all threads. For those rows the PyTorch figure is the "
           "faster of 1 thread and all cores: on a machine with few cores torch with every core oversubscribes "
           "(its OpenMP pool and OpenBLAS's pthreads compete) and is often slower than with one; both figures "
           "are in torch.json.\n",
           "| case | vectorgrad | PyTorch | NumPy | **vs PyTorch** | **vs NumPy** |", "|---|---|---|---|---|---|"]
    for label, bench, fam, op, params, all_threads in cases:
        s = find(bench)
        if not s:
            continue
        ours = s[0]
        tor = torch_b.ns(fam, op, threads="best" if all_threads else 1, **params)
        npy = np_b.ns(fam, op, threads="best" if all_threads else 1, **params)
        out.append(f"| {label} | {fmt(ours / 1e3)} | {fmt(tor and tor / 1e3)} | {fmt(npy and npy / 1e3)} | "
                   f"**{ratio(tor, ours)}** | **{ratio(npy, ours)}** |")
    out.append("")
    return out


def coldstart_section(cold):
    if not cold:
        return []
    rows = {(r["op"], r["params"]["runner"]): r["median_s"] * 1e3 for r in cold.get("results", [])}
    out = ["## Cold start: a fresh process to its first result (ms, median of whole-process wall times)\n",
           "| first | vectorgrad | vectorgrad + AOT cache | NumPy | PyTorch |", "|---|---|---|---|---|"]
    for op, label in (("op", "array op (n = 1000)"), ("step", "784-128-10 training step")):
        out.append(f"| {label} | {fmt(rows.get((op, 'vectorgrad')))} | {fmt(rows.get((op, 'vectorgrad+AOT cache')))} | "
                   f"{fmt(rows.get((op, 'numpy')))} | {fmt(rows.get((op, 'torch')))} |")
    out.append("\nThe AOT cache is the JDK 25 one: `-XX:AOTCacheOutput=app.aot` on a training run, then "
               "`-XX:AOTCache=app.aot`.\n")
    return out


def baseline_tables(args):
    """Every table that puts JMH rows beside the jmh/baselines results."""
    np_b, torch_b = Baseline(args.numpy), Baseline(args.torch)
    cold = json.load(open(args.coldstart)) if args.coldstart else None
    vg_info = open(args.vectorgrad_info).read().strip() if args.vectorgrad_info else None
    out = machine_section(args.jmh, np_b, torch_b, cold, vg_info)
    for section in (kernel_section, ndarray_section, scoped_section, ndarray_ops_section, ndarray_unary_ops_section,
                    manipulation_section, gemm_section, conv_section, layers_section, training_section):
        out += table(section(np_b, torch_b))
    return out + coldstart_section(cold)


def regressions(before, after, threshold):
    """Markdown table of every row present in both runs; returns (lines, number of SLOWER rows)."""
    lines = ["| benchmark | params | before (ns/op) | after (ns/op) | after/before | verdict |",
             "|---|---|---|---|---|---|"]
    slower = 0
    for key in sorted(set(before) & set(after)):
        (b, b_err, _), (a, a_err, _) = before[key], after[key]
        ratio = a / b if b else float("nan")
        disjoint = a - a_err > b + b_err or b - b_err > a + a_err
        verdict = ""
        if disjoint and ratio > 1 + threshold / 100:
            verdict, slower = "**SLOWER**", slower + 1
        elif disjoint and ratio < 1 - threshold / 100:
            verdict = "faster"
        params = ", ".join(f"{k}={v}" for k, v in key[1])
        lines.append(f"| {key[0]} | {params} | {b:.4g} ± {b_err:.2g} | {a:.4g} ± {a_err:.2g} | {ratio:.3f} | {verdict} |")
    only = len(set(before) ^ set(after))
    lines.append("")
    lines.append(f"{slower} row(s) more than {threshold:g}% slower with disjoint confidence intervals; "
                 f"{len(set(before) & set(after))} rows compared, {only} in one run only.")
    return lines, slower


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", nargs="*", default=[], help="one or more JMH JSON result files")
    ap.add_argument("--numpy", help="jmh/baselines/run.py numpy output")
    ap.add_argument("--torch", help="jmh/baselines/run.py torch output")
    ap.add_argument("--coldstart", help="jmh/baselines/cold_start.py output")
    ap.add_argument("--vectorgrad-info", help="a file holding VectorgradInfo.describe()'s line")
    ap.add_argument("--before", nargs="+", help="JMH JSON of the baseline run (with --after: regression check)")
    ap.add_argument("--after", nargs="+", help="JMH JSON of the run to check against --before")
    ap.add_argument("--threshold", type=float, default=3.0, help="percent slower that counts, with disjoint intervals")
    args = ap.parse_args()
    if args.before or args.after:
        if not (args.before and args.after):
            ap.error("--before and --after go together")
        table_lines, n_slower = regressions(load_jmh(args.before), load_jmh(args.after), args.threshold)
        print("\n".join(table_lines))
        raise SystemExit(1 if n_slower else 0)
    jmh.update(load_jmh(args.jmh))
    print("# JMH results beside NumPy and PyTorch\n")
    print("\n".join(baseline_tables(args)))


if __name__ == "__main__":
    main()
