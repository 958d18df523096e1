#!/usr/bin/env python3
"""Puts vectorgrad's JMH figures beside the NumPy and PyTorch baselines measured in the same session.

  python3 jmh/compare.py --jmh jmh/target/jmh.json --numpy jmh/target/numpy.json \
      [--numpy2 jmh/target/numpy-2threads.json] [--torch jmh/target/torch.json] > jmh/target/RESULTS.md

Or compares two JMH runs of the same benchmarks, before and after a change, row by row:

  python3 jmh/compare.py --before before.json --after after.json [--threshold 3]

A row is flagged SLOWER when its after time exceeds its before time by more than --threshold percent and
the two 99.9% confidence intervals (score ± scoreError, as JMH reports them) do not overlap; FASTER the
other way round. The exit status is 1 when any row is flagged SLOWER, so a script can stop on it.

Ratios are "how many times faster vectorgrad is" (baseline time / vectorgrad time, or
vectorgrad GFLOP/s / baseline GFLOP/s): above 1 means vectorgrad is faster. Standard library only.
"""
import argparse
import json
import platform

ap = argparse.ArgumentParser()
ap.add_argument("--jmh", nargs="+", help="one or more JMH JSON result files")
ap.add_argument("--before", nargs="+", help="JMH JSON of the baseline run (with --after: regression check)")
ap.add_argument("--after", nargs="+", help="JMH JSON of the run to check against --before")
ap.add_argument("--threshold", type=float, default=3.0, help="percent slower that counts, with disjoint intervals")
ap.add_argument("--numpy")
ap.add_argument("--numpy2", help="numpy_baseline.py run with OPENBLAS_NUM_THREADS=2 (GEMM only)")
ap.add_argument("--torch")
ap.add_argument("--torch-conv", help="jmh/torch_conv.py output (Conv2DBenchmark's baseline)")
args = ap.parse_args()

UNIT_NS = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}


def load_jmh(paths):
    rows = {}
    for r in [r for path in paths for r in json.load(open(path))]:
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        params = r.get("params", {})
        unit = r["primaryMetric"]["scoreUnit"]
        score = r["primaryMetric"]["score"]
        err = r["primaryMetric"].get("scoreError", 0.0)
        if unit in UNIT_NS:
            ns, err_ns = score * UNIT_NS[unit], err * UNIT_NS[unit]
        elif unit.startswith("ops/"):
            per = {"ops/s": 1e9, "ops/ms": 1e6, "ops/us": 1e3, "ops/ns": 1.0}[unit]
            ns, err_ns = per / score, per / score * (err / score if score else 0)
        else:
            continue
        key = (name, tuple(sorted(params.items())))
        rows[key] = (ns, err_ns, r.get("threads", 1))
    return rows




def regressions(before, after, threshold):
    """Markdown table of every row present in both runs; returns (lines, number of SLOWER rows)."""
    lines = [f"| benchmark | params | before (ns/op) | after (ns/op) | after/before | verdict |",
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


if args.before or args.after:
    if not (args.before and args.after):
        ap.error("--before and --after go together")
    table, n_slower = regressions(load_jmh(args.before), load_jmh(args.after), args.threshold)
    print("\n".join(table))
    raise SystemExit(1 if n_slower else 0)
if not args.jmh:
    ap.error("--jmh is required (or --before and --after)")

jmh = load_jmh(args.jmh)


def find(name, **params):
    want = {k: str(v) for k, v in params.items()}
    for (n, p), v in jmh.items():
        if n == name and all(dict(p).get(k) == val for k, val in want.items()):
            return v
    return None


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}g}"


out = []
np_data = json.load(open(args.numpy)) if args.numpy else None
np2_data = json.load(open(args.numpy2)) if args.numpy2 else None
torch_data = json.load(open(args.torch)) if args.torch else None

out.append("## Machine\n")
m = (np_data or {}).get("machine", {})
out.append(f"- CPU: {m.get('cpu_model', platform.processor())}, {m.get('ncpu', '?')} cores")
if np_data:
    out.append(f"- NumPy {np_data.get('numpy')} with {', '.join(i.get('library', '') + ' ' + i.get('corename', '') for i in np_data.get('openblas', []))}")
if torch_data:
    out.append(f"- PyTorch {torch_data.get('torch')} (CPU, eager)")
out.append("")

# ---- elementwise and reductions, raw kernels, ns per element ----
if np_data:
    elem = {(r["op"], r["n"]): r for r in np_data["elementwise"]}
    kernel_rows = [
        ("add", "AddBenchmark.simd", "AddBenchmark.scalar", "add", "size"),
        ("a*x+y", "AxpyBenchmark.simd", "AxpyBenchmark.scalar", "fma", "size"),
        ("exp", "UnaryBenchmark.expSimd", "UnaryBenchmark.expScalar", "exp", "n"),
        ("tanh", "UnaryBenchmark.tanhSimd", "UnaryBenchmark.tanhScalar", "tanh", "n"),
        ("sum", "ReduceBenchmark.sumSimd", "ReduceBenchmark.sumScalar", "sum", "n"),
        ("max", "ReduceBenchmark.maxSimd", "ReduceBenchmark.maxScalar", "max", "n"),
        ("dot", "ReduceBenchmark.dotSimd", "ReduceBenchmark.dotScalar", "dot", "n"),
    ]
    out.append("## Kernels, float32, one thread (ns per element; ratio = NumPy time / vectorgrad time)\n")
    out.append("| op | n (ours / NumPy) | scalar twin | SIMD | NumPy | SIMD vs twin | **vs NumPy** |")
    out.append("|---|---|---|---|---|---|---|")
    for label, simd, scalar, npop, pname in kernel_rows:
        for ours_n, np_n in ((100003, 100000), (10000000, 10000000)):
            s = find(simd, **{pname: ours_n})
            t = find(scalar, **{pname: ours_n})
            e = elem.get((npop, np_n))
            s_pe = s[0] / ours_n if s else None
            t_pe = t[0] / ours_n if t else None
            n_pe = e["ns_per_elem"] if e else None
            out.append(f"| {label} | {ours_n} / {np_n} | {fmt(t_pe)} | {fmt(s_pe)} | {fmt(n_pe)} | "
                       f"{fmt(t_pe / s_pe if s_pe and t_pe else None)}x | **{fmt(n_pe / s_pe if s_pe and n_pe else None)}x** |")
    out.append("")

    nd_rows = [("add", "NDArrayBenchmark.add", "add_alloc"), ("a*b+c (2 ops)", "NDArrayBenchmark.mulAdd", "fma"),
               ("exp", "NDArrayBenchmark.exp", "exp"), ("tanh", "NDArrayBenchmark.tanh", "tanh"),
               ("sum", "NDArrayBenchmark.sum", "sum"), ("max", "NDArrayBenchmark.max", "max"),
               ("dot", "NDArrayBenchmark.dot", "dot")]
    out.append("## Through NDArray, float32 (µs per call, result allocated; ratio = NumPy / vectorgrad)\n")
    out.append("| op | n | vectorgrad | NumPy | **vs NumPy** |")
    out.append("|---|---|---|---|---|")
    for label, bench, npop in nd_rows:
        for n in (1000, 100000, 10000000):
            s = find(bench, size=n)
            e = elem.get((npop, n))
            ours = s[0] / 1e3 if s else None
            theirs = e["ns_per_call"] / 1e3 if e else None
            out.append(f"| {label} | {n} | {fmt(ours)} | {fmt(theirs)} | **{fmt(theirs / ours if ours and theirs else None)}x** |")
    for label, bench in (("column sums (axis 0)", "NDArrayBenchmark.sumAxis0"),
                         ("add of two transposed views", "NDArrayBenchmark.addTransposed"),
                         ("a + 0.5", "NDArrayBenchmark.addScalar")):
        for n in (1000, 100000, 10000000):
            s = find(bench, size=n)
            if s:
                out.append(f"| {label} | {n} | {fmt(s[0] / 1e3)} | — | — |")
    out.append("")

# ---- GEMM ----
if np_data and np_data.get("gemm"):
    g1 = {(r["dtype"], r["n"]): r["gflops"] for r in np_data["gemm"]}
    g2 = {(r["dtype"], r["n"]): r["gflops"] for r in (np2_data or {}).get("gemm", [])}
    out.append("## GEMM (GFLOP/s; ratio = vectorgrad / OpenBLAS)\n")
    out.append("| dtype | n | ours 1 thread | OpenBLAS 1 thread | **ratio** | ours all threads | OpenBLAS 2 threads | ours threads / ours 1 | EJML |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for dt, npdt in (("float", "float32"), ("double", "float64")):
        for n in (64, 256, 1024, 2048):
            flops = 2.0 * n ** 3
            s = find("GemmBenchmark.simd", n=n, dtype=dt)
            t = find("GemmBenchmark.simdThreads", n=n, dtype=dt)
            e = find("GemmBenchmark.ejml", n=n, dtype=dt)
            ours = flops / s[0] if s else None
            ours_t = flops / t[0] if t else None
            ejml = flops / e[0] if e else None
            ob = g1.get((npdt, n))
            ob2 = g2.get((npdt, n))
            out.append(f"| {npdt} | {n} | {fmt(ours)} | {fmt(ob)} | **{fmt(ours / ob if ours and ob else None)}x** | "
                       f"{fmt(ours_t)} | {fmt(ob2)} | {fmt(ours_t / ours if ours and ours_t else None)}x | {fmt(ejml)} |")
    out.append("")

# ---- autodiff and training steps against PyTorch ----
if torch_data:
    t1 = {(r["case"], r["threads"]): r["us"] for r in torch_data["results"]}
    cases = [
        ("x³ with first and second derivative (nested tapes)", "AutodiffBenchmark.scalarCubeSecondOrder",
         "scalar x^3: fwd + grad(create_graph) + 2nd grad"),
        ("x³ first derivative", "AutodiffBenchmark.scalarCubeFirstOrder", "scalar x^3: fwd + backward (1st order)"),
        ("MLP 4-10-10-3, batch 32, SGD step (tape + ops)", "AutodiffBenchmark.mlpIrisStep", "MLP 4-10-10-3, batch 32, SGD step"),
        ("MLP 784-128-10, batch 128, SGD step (tape + ops)", "AutodiffBenchmark.mlpMnistStep", "MLP 784-128-10, batch 128, SGD step"),
        ("MLP 784-128-10, batch 128, SGD step (Model.trainOnBatch)", "TrainingStepBenchmark.sgdStep", "MLP 784-128-10, batch 128, SGD step"),
        ("same, all threads (2 cores)", "TrainingStepBenchmark.sgdStepAllThreads", None),
        ("MLP 784-128-10, batch 128, Adam step (Model.trainOnBatch)", "TrainingStepBenchmark.adamStep", None),
        ("same, all threads (2 cores)", "TrainingStepBenchmark.adamStepAllThreads", None),
    ]
    out.append("## Autodiff and training steps against PyTorch eager, one thread (µs per step; ratio = PyTorch / vectorgrad)\n")
    out.append("| case | vectorgrad | PyTorch | **vs PyTorch** |")
    out.append("|---|---|---|---|")
    for label, bench, tcase in cases:
        s = None
        for (n, p), v in jmh.items():
            if n == bench and dict(p).get("threads", "1") in ("1",):
                s = v
                break
        if s is None:
            s = find(bench)
        ours = s[0] / 1e3 if s else None
        theirs = t1.get((tcase, 1)) if tcase else None
        out.append(f"| {label} | {fmt(ours)} | {fmt(theirs)} | **{fmt(theirs / ours if ours and theirs else None)}x** |")
    out.append("")

# ---- Conv2D (issue 10) against PyTorch ----
if args.torch_conv:
    tc = {(r["case"], r["shape"]): r["us"] for r in json.load(open(args.torch_conv))["results"]}
    out.append("## Conv2D 3x3 SAME against PyTorch eager, one thread (µs per call; ratio = PyTorch / vectorgrad)\n")
    out.append("| input → filters | pass | vectorgrad | PyTorch | **vs PyTorch** |")
    out.append("|---|---|---|---|---|")
    for shape in ("64x28x28x1-32", "64x14x14x32-64"):
        for case in ("forward", "forwardBackward"):
            s = find("Conv2DBenchmark." + case, shape=shape)
            ours = s[0] / 1e3 if s else None
            theirs = tc.get((case, shape))
            out.append(f"| {shape} | {case} | {fmt(ours)} | {fmt(theirs)} | "
                       f"**{fmt(theirs / ours if ours and theirs else None)}x** |")
    out.append("")

print("\n".join(out))
