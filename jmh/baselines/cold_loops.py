"""Cold start, issue 11 target 5: the two short programs of ColdStartBenchmark, each in a fresh process, for
vectorgrad (JVM), NumPy and PyTorch, so that their ratios come from one session on one machine.

  smallOps   2000 x {add, exp, tanh, sum on 1000 float32; a 32x32 float32 matmul}
  irisSteps  1000 SGD training steps of a 4-10-10-3 ReLU MLP on a batch of 32 (cross-entropy on logits)

Each process times its own loop (array creation included, the import of the library and the JVM's start not:
what JMH's SingleShotTime measures for ColdStartBenchmark) and this script times the whole process. Median and
minimum of --runs processes.

  python3 jmh/baselines/cold_loops.py --out coldloops.json \
      --java JAVA --jar jmh/target/benchmarks.jar [--jvm-arg=-Dvectorgrad.simd=false ...] \
      [--numpy-python python3] [--torch-python PYTHON_WITH_TORCH] [--runs 10] [--aot-cache]

--aot-cache adds a second JVM runner that uses JDK 25's AOT cache (JEP 483/514/515): one training process per
program with -XX:AOTCacheOutput (not timed), then --runs measured processes with -XX:AOTCache, the same
program and options otherwise. The cache is written to a temporary directory and removed afterwards.

The JVM side runs `dev.vectorgrad.bench.ColdStart smallOps|irisSteps`, which prints the loop's time in the same
one-line JSON as the Python snippets below.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

NUMPY_SMALL_OPS = """
import json, time
import numpy as np
t0 = time.perf_counter()
rng = np.random.default_rng(0)
a = rng.standard_normal(1000).astype(np.float32)
b = rng.standard_normal(1000).astype(np.float32)
m = rng.standard_normal((32, 32)).astype(np.float32)
acc = 0.0
for _ in range(2000):
    c = a + b
    e = np.exp(c)
    t = np.tanh(e)
    acc += float(t.sum())
    acc += float((m @ m)[0, 0])
print(json.dumps({"loop_ms": (time.perf_counter() - t0) * 1e3, "result": acc}))
"""

TORCH_IRIS_STEPS = """
import json, time
import torch, torch.nn as nn
torch.set_num_threads(1)
t0 = time.perf_counter()
torch.manual_seed(0)
x = torch.randn(32, 4)
y = torch.randint(0, 3, (32,))
model = nn.Sequential(nn.Linear(4, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 3))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.CrossEntropyLoss()
for _ in range(1000):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
print(json.dumps({"loop_ms": (time.perf_counter() - t0) * 1e3, "result": loss.item()}))
"""

TORCH_SMALL_OPS = """
import json, time
import torch
torch.set_num_threads(1)
t0 = time.perf_counter()
g = torch.Generator().manual_seed(0)
a = torch.randn(1000, generator=g)
b = torch.randn(1000, generator=g)
m = torch.randn(32, 32, generator=g)
acc = 0.0
for _ in range(2000):
    c = a + b
    e = torch.exp(c)
    t = torch.tanh(e)
    acc += t.sum().item()
    acc += (m @ m)[0, 0].item()
print(json.dumps({"loop_ms": (time.perf_counter() - t0) * 1e3, "result": acc}))
"""


def run_once(cmd, env):
    t0 = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)["loop_ms"], wall * 1e3


def measure(cmd, runs, env=None):
    loops, walls = [], []
    for _ in range(runs):
        loop_ms, wall_ms = run_once(cmd, env)
        loops.append(loop_ms)
        walls.append(wall_ms)
    return {"loop_ms_median": statistics.median(loops), "loop_ms_min": min(loops),
            "process_ms_median": statistics.median(walls), "process_ms_min": min(walls),
            "loop_ms_all": loops, "runs": runs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--java")
    ap.add_argument("--jar")
    ap.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option, repeatable")
    ap.add_argument("--numpy-python")
    ap.add_argument("--torch-python")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--only", choices=["smallOps", "irisSteps"], help="run one of the two programs")
    ap.add_argument("--aot-cache", action="store_true",
                    help="also run the JVM with a JDK 25 AOT cache trained by one untimed run of the same program")
    args = ap.parse_args()
    rows = []
    # one thread everywhere, as in the rest of the baselines: the cold-start question is the single-core program
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")

    def record(program, runner, cmd):
        r = measure(cmd, args.runs, env)
        rows.append({"family": "coldloops", "op": program, "params": {"runner": runner}, **r})
        print(f"{program:9s} {runner:40s} loop {r['loop_ms_median']:9.1f} ms (min {r['loop_ms_min']:8.1f})"
              f"   process {r['process_ms_median']:9.1f} ms", flush=True)

    programs = [args.only] if args.only else ["smallOps", "irisSteps"]
    for program in programs:
        if args.java and args.jar:
            cmd = [args.java, "--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1", *args.jvm_arg,
                   "-cp", args.jar, "dev.vectorgrad.bench.ColdStart", program]
            record(program, "vectorgrad " + " ".join(args.jvm_arg), cmd)
            if args.aot_cache:
                with tempfile.TemporaryDirectory() as tmp:
                    cache = os.path.join(tmp, program + ".aot")
                    # training run: records the classes, linked lambdas and method profiles, then writes the cache
                    subprocess.run([cmd[0], "-XX:AOTCacheOutput=" + cache, *cmd[1:]], check=True,
                                   capture_output=True, text=True, env=env)
                    record(program, "vectorgrad AOT cache " + " ".join(args.jvm_arg),
                           [cmd[0], "-XX:AOTCache=" + cache, *cmd[1:]])
        if args.numpy_python and program == "smallOps":
            record(program, "numpy", [args.numpy_python, "-c", NUMPY_SMALL_OPS])
        if args.torch_python:
            record(program, "torch", [args.torch_python, "-c", TORCH_SMALL_OPS if program == "smallOps" else TORCH_IRIS_STEPS])
    harness.write_json(args.out, {"library": "coldloops", "cpu": harness.cpu_info(), "results": rows})


if __name__ == "__main__":
    main()
