"""Cold start: wall time of a whole fresh process that does its first array op, or its first training
step of the 784-128-10 MLP (batch 128), for vectorgrad (JVM, with and without the JDK 25 AOT cache),
NumPy and PyTorch. Median of --runs processes, each started by this script with the same stopwatch.

  python3 cold_start.py --out coldstart.json --java JAVA --jar jmh/target/benchmarks.jar \
      [--numpy-python python3] [--torch-python python3] [--aot-dir jmh/target] [--runs 5]

The AOT cache (JEP 483/514: -XX:AOTCacheOutput=F records a training run, -XX:AOTCache=F uses it) keeps the
loaded and linked classes of a previous run, which is most of a JVM's first second.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

NUMPY_OP = "import numpy as np; a = np.random.default_rng(42).uniform(-1, 1, 1000).astype(np.float32); print((a + a).sum())"
TORCH_STEP = """
import torch, torch.nn as nn
torch.set_num_threads(1)
a = torch.rand(1000) * 2 - 1
first = (a + a).sum().item()
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
x, y = torch.randn(128, 784), torch.randint(0, 10, (128,))
opt.zero_grad(); loss = nn.CrossEntropyLoss()(model(x), y); loss.backward(); opt.step()
print(first, loss.item())
"""
TORCH_OP = "import torch; a = torch.rand(1000) * 2 - 1; print((a + a).sum().item())"


def time_process(cmd, runs):
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # the JVM warns about incubator modules
        samples.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(samples), "min_s": min(samples), "max_s": max(samples), "runs": runs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--java")
    ap.add_argument("--jar")
    ap.add_argument("--aot-dir")
    ap.add_argument("--numpy-python")
    ap.add_argument("--torch-python")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    rows = []

    def measure(op, runner, cmd, **extra):
        r = time_process(cmd, args.runs)
        rows.append({"family": "coldstart", "op": op, "params": {"runner": runner}, **extra, **r})
        print(f"coldstart {op:6s} {runner:22s} {r['median_s'] * 1e3:9.1f} ms", flush=True)

    if args.java and args.jar:
        base = [args.java, "--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1", "-cp", args.jar,
                "dev.vectorgrad.bench.ColdStart"]
        for op in ("op", "step"):
            cmd = base + (["op"] if op == "op" else [])
            measure(op, "vectorgrad", cmd)
            if args.aot_dir:
                os.makedirs(args.aot_dir, exist_ok=True)
                cache = os.path.join(args.aot_dir, f"coldstart-{op}.aot")
                training = subprocess.run(cmd[:1] + [f"-XX:AOTCacheOutput={cache}"] + cmd[1:],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                made = training.returncode == 0
                if made and os.path.exists(cache):
                    # AOTMode=on: a cache the JVM cannot use fails the run instead of being ignored silently
                    try:
                        measure(op, "vectorgrad+AOT cache", cmd[:1] + ["-XX:AOTMode=on", f"-XX:AOTCache={cache}"] + cmd[1:])
                    except subprocess.CalledProcessError as e:
                        print(f"coldstart: the JVM could not use {cache}: {e.stderr.decode(errors='replace')[-500:]}", flush=True)
                else:
                    print("coldstart: no AOT cache made (-XX:AOTCacheOutput needs JDK 25): "
                          + training.stderr.decode(errors="replace")[-300:], flush=True)
    if args.numpy_python:
        measure("op", "numpy", [args.numpy_python, "-c", NUMPY_OP])
    if args.torch_python:
        measure("op", "torch", [args.torch_python, "-c", TORCH_OP])
        measure("step", "torch", [args.torch_python, "-c", TORCH_STEP])
    harness.write_json(args.out, {"library": "coldstart", "cpu": harness.cpu_info(), "results": rows})


if __name__ == "__main__":
    main()
