#!/usr/bin/env python3
"""Writes the fixtures that dev.vectorgrad.MathOpsFixturesTest reads: cases.npz (arrays) and cases.txt
(one case per line: name, op, then key=value parameters). Inputs are stored under "<name>.x" (and "<name>.y"
for a second operand), expected results under "<name>.out" (and "<name>.idx" for top-k indices).

Run from this directory with numpy 2.x (and scipy for erf): python3 make_math_fixtures.py
The tests never run Python; this script is kept so the fixtures can be reproduced.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261203)
arrays = {}
lines = []


def case(name, op, inputs, outputs, **params):
    for k, v in inputs.items():
        arrays[name + "." + k] = np.array(v, order="C")
    for k, v in outputs.items():
        arrays[name + "." + k] = np.array(v, order="C")
    p = " ".join(f"{k}={fmt(v)}" for k, v in params.items())
    lines.append(f"{name} {op} {p}".rstrip())


def fmt(v):
    if isinstance(v, (tuple, list)):
        return ",".join(str(int(a)) for a in v) if len(v) else "-"
    if isinstance(v, bool):
        return "1" if v else "0"
    return repr(v)


def f32(*shape, lo=-3.0, hi=3.0):
    return rng.uniform(lo, hi, size=shape).astype(np.float32)


def f64(*shape, lo=-3.0, hi=3.0):
    return rng.uniform(lo, hi, size=shape)


def i32(*shape, lo=-9, hi=10):
    return rng.integers(lo, hi, size=shape, dtype=np.int32)


# ---- statistics: population variance / std, L2 norm ----
for i, (x, axes, keep) in enumerate([
        (f64(2, 3, 4), (), False), (f64(2, 3, 4), (1,), False), (f64(2, 3, 4), (-1,), True),
        (f64(2, 3, 4), (0, 2), False), (f32(5, 7), (0,), True), (i32(4, 5), (-1,), False),
        (f64(3, 4) + 1e8, (1,), False), (np.zeros((0, 3)), (1,), False), (f64(1), (), False)]):
    ax = None if not axes else axes
    case(f"variance{i}", "variance", {"x": x},
         {"out": np.var(x.astype(np.float64), axis=ax, keepdims=keep).astype(np.float32 if x.dtype != np.float64 else np.float64)},
         axes=axes, keepDims=keep)
    case(f"std{i}", "std", {"x": x},
         {"out": np.std(x.astype(np.float64), axis=ax, keepdims=keep).astype(np.float32 if x.dtype != np.float64 else np.float64)},
         axes=axes, keepDims=keep)
    case(f"norm{i}", "norm", {"x": x},
         {"out": np.sqrt(np.sum(x.astype(np.float64) ** 2, axis=ax, keepdims=keep)).astype(np.float32 if x.dtype != np.float64 else np.float64)},
         axes=axes, keepDims=keep)


# ---- scans: numpy has no exclusive/reverse flags, so they are spelled out ----
def scan(x, axis, exclusive, reverse, prod):
    f = np.cumprod if prod else np.cumsum
    y = np.flip(x, axis) if reverse else x
    s = f(y, axis=axis, dtype=x.dtype)
    if exclusive and s.shape[axis] > 0:
        ident = np.ones_like(np.take(s, [0], axis=axis)) if prod else np.zeros_like(np.take(s, [0], axis=axis))
        s = np.concatenate([ident, np.take(s, np.arange(s.shape[axis] - 1), axis=axis)], axis=axis)
    return np.flip(s, axis) if reverse else s


k = 0
for x, axis in [(f32(3, 4, 5), 0), (f32(3, 4, 5), 1), (f32(3, 4, 5), -1), (f64(7), 0), (i32(4, 6), 1),
                (rng.integers(-3, 4, size=(3, 5)).astype(np.int64), 0), (np.zeros((0, 4), np.float32), 1),
                (np.zeros((2, 0), np.float64), 1), (f32(2, 1, 3), 1)]:
    for exclusive in (False, True):
        for reverse in (False, True):
            for prod in (False, True):
                xx = (x * 0.5 + 1).astype(x.dtype) if prod and x.dtype.kind == "f" else x
                case(f"scan{k}", "cumprod" if prod else "cumsum", {"x": xx}, {"out": scan(xx, axis, exclusive, reverse, prod)},
                     axis=axis, exclusive=exclusive, reverse=reverse)
                k += 1
# long sums keep numpy's sequential float32 order
x = f32(1000)
case("scanlong", "cumsum", {"x": x}, {"out": np.cumsum(x, dtype=np.float32)}, axis=0, exclusive=False, reverse=False)


# ---- sorting: stable; descending cases have no NaN so that sorting -x is the stable descending order ----
def with_ties(x):
    return np.round(x).astype(x.dtype)


k = 0
for x, axis in [(with_ties(f32(4, 9)), -1), (with_ties(f64(6, 3)), 0), (i32(3, 4, 5), 1),
                (np.array([2**60 + 3, 2**60 + 1, 2**60 + 2, -5, 2**60 + 1], np.int64), 0),
                (np.array([3.0, np.nan, -np.inf, 1.0, np.nan, np.inf, -0.0, 0.0]), 0),
                (np.zeros((0, 5), np.float32), 1), (np.zeros((3, 0), np.float32), 1)]:
    case(f"sort{k}", "sort", {"x": x}, {"out": np.sort(x, axis=axis, kind="stable")}, axis=axis, descending=False)
    case(f"argsort{k}", "argsort", {"x": x}, {"out": np.argsort(x, axis=axis, kind="stable").astype(np.int64)},
         axis=axis, descending=False)
    if not (x.dtype.kind == "f" and np.isnan(x).any()):
        neg = -x.astype(np.float64) if x.dtype != np.int64 else -x
        order = np.argsort(neg, axis=axis, kind="stable")
        case(f"sortd{k}", "sort", {"x": x}, {"out": np.take_along_axis(x, order, axis)}, axis=axis, descending=True)
        case(f"argsortd{k}", "argsort", {"x": x}, {"out": order.astype(np.int64)}, axis=axis, descending=True)
    k += 1

k = 0
for x, kk in [(with_ties(f32(3, 10)), 4), (f64(12), 12), (i32(2, 3, 7), 1), (with_ties(f32(5, 6)), 0),
              (np.zeros((0, 4), np.float32), 2)]:
    order = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :kk]
    case(f"topk{k}", "topK", {"x": x}, {"out": np.take_along_axis(x, order, -1), "idx": order.astype(np.int64)}, k=kk)
    k += 1

# ---- clipping ----
k = 0
for x, lo, hi in [(f32(4, 5), -1.0, 1.5), (f64(7), 0.0, 0.0), (np.array([np.nan, -np.inf, np.inf, 2.0]), -1.0, 1.0)]:
    case(f"clip{k}", "clip", {"x": x}, {"out": np.clip(x, lo, hi)}, min=lo, max=hi)
    k += 1
x = i32(3, 4)
case("clipint", "clipLong", {"x": x}, {"out": np.clip(x, -2, 5).astype(np.int32)}, min=-2, max=5)
case("clipintd", "clip", {"x": x}, {"out": np.clip(x.astype(np.float32), -2.5, 5.5)}, min=-2.5, max=5.5)
for k, (x, c) in enumerate([(f32(3, 4), 1.0), (f64(5), 100.0), (np.zeros((2, 2)), 1.0)]):
    n = np.sqrt(np.sum(x.astype(np.float64) ** 2))
    case(f"clipbynorm{k}", "clipByNorm", {"x": x}, {"out": (x * c / max(n, c)).astype(x.dtype)}, clipNorm=c)
a, b = f64(3, 2), f64(4)
g = np.sqrt(np.sum(a ** 2) + np.sum(b ** 2))
for k, c in enumerate([1.0, 1000.0]):
    case(f"globalnorm{k}", "clipByGlobalNorm", {"x": a, "y": b}, {"out": a * c / max(g, c), "idx": b * c / max(g, c)}, clipNorm=c)

# ---- logic ----
p, q = rng.random((3, 4)) < 0.5, rng.random((4,)) < 0.5
for name, f in [("logicalAnd", np.logical_and), ("logicalOr", np.logical_or), ("logicalXor", np.logical_xor)]:
    case(name + "0", name, {"x": p, "y": q}, {"out": f(p, q)})
    case(name + "1", name, {"x": p[:, :1], "y": q[None, :]}, {"out": f(p[:, :1], q[None, :])})
case("logicalNot0", "logicalNot", {"x": p}, {"out": np.logical_not(p)})
k = 0
for x, axes, keep in [(rng.random((3, 4, 2)) < 0.3, (), False), (rng.random((3, 4, 2)) < 0.7, (1,), True),
                      (rng.random((3, 4, 2)) < 0.7, (0, -1), False), (np.zeros((0, 3), bool), (0,), False),
                      (np.array([[0.0, np.nan], [0.0, 0.0]]), (1,), False), (i32(2, 3, lo=0, hi=2), (), False)]:
    ax = None if not axes else axes
    case(f"any{k}", "any", {"x": x}, {"out": np.any(x, axis=ax, keepdims=keep)}, axes=axes, keepDims=keep)
    case(f"all{k}", "all", {"x": x}, {"out": np.all(x, axis=ax, keepdims=keep)}, axes=axes, keepDims=keep)
    k += 1

np.savez(os.path.join(HERE, "cases.npz"), **arrays)
with open(os.path.join(HERE, "cases.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "cases")
