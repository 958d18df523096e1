#!/usr/bin/python3
"""PyTorch's side of Conv2DBenchmark (issue 10): Conv2D 3x3, SAME, stride 1, with bias, on
[64, 28, 28, 1] -> 32 filters and [64, 14, 14, 32] -> 64 filters; forward, and forward + backward
(gradients of sum(y * dy) for the input, weight and bias), one thread, eager CPU.

  /usr/bin/python3 jmh/torch_conv.py jmh/target/torch-conv.json [--threads 1]

PyTorch's own layout (NCHW; oneDNN or its native kernel picks the algorithm); the input is
converted once outside the timed loop, as a PyTorch user's data would already be NCHW.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--seconds", type=float, default=3.0, help="measurement time per case")
args = ap.parse_args()
torch.set_num_threads(args.threads)


def timed(fn, seconds):
    for _ in range(5):
        fn()
    best = None
    for _ in range(5):  # five measurements, the median reported, as JMH's iterations
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds / 5:
            fn()
            n += 1
        us = (time.perf_counter() - t0) / n * 1e6
        best = sorted((best or []) + [us])
    return best[len(best) // 2]


results = []
for n, h, w, c, f in ((64, 28, 28, 1, 32), (64, 14, 14, 32, 64)):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, c, h, w, generator=g, requires_grad=True)
    weight = torch.randn(f, c, 3, 3, generator=g, requires_grad=True)
    bias = torch.zeros(f, requires_grad=True)
    dy = torch.randn(n, f, h, w, generator=g)
    shape = f"{n}x{h}x{w}x{c}-{f}"

    def forward():
        with torch.no_grad():
            return F.conv2d(x, weight, bias, padding=1)

    def forward_backward():
        y = F.conv2d(x, weight, bias, padding=1)
        return torch.autograd.grad(y, (x, weight, bias), dy)

    results.append({"case": "forward", "shape": shape, "threads": args.threads, "us": timed(forward, args.seconds)})
    results.append({"case": "forwardBackward", "shape": shape, "threads": args.threads,
                    "us": timed(forward_backward, args.seconds)})

json.dump({"torch": torch.__version__, "results": results}, open(args.out, "w"), indent=1)
