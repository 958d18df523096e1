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

# ---- unary functions: exact values from mpmath at 40 digits, rounded once to the result type ----
import mpmath as mp  # noqa: E402

mp.mp.dps = 40
S2PI = mp.sqrt(2 / mp.pi)
SELU_A, SELU_L = mp.mpf("1.6732632423543772848170429916717"), mp.mpf("1.0507009873554804934193349852946")
UNARY = {
    "erf": (mp.erf, -6, 6), "log1p": (mp.log1p, -0.99, 50), "expm1": (mp.expm1, -20, 20),
    "log2": (lambda v: mp.log(v, 2), 1e-3, 1e6), "log10": (mp.log10, 1e-3, 1e6), "tan": (mp.tan, -1.5, 1.5),
    "asin": (mp.asin, -1, 1), "acos": (mp.acos, -1, 1), "atan": (mp.atan, -50, 50), "sinh": (mp.sinh, -20, 20),
    "cosh": (mp.cosh, -20, 20), "softplus": (lambda v: mp.log1p(mp.exp(v)), -30, 30),
    "gelu": (lambda v: v * mp.ncdf(v), -12, 12),
    "geluTanh": (lambda v: v / 2 * (1 + mp.tanh(S2PI * (v + mp.mpf("0.044715") * v ** 3))), -6, 6),
    "silu": (lambda v: v / (1 + mp.exp(-v)), -30, 30), "elu": (lambda v: v if v > 0 else mp.expm1(v), -10, 10),
    "selu": (lambda v: SELU_L * (v if v > 0 else SELU_A * mp.expm1(v)), -10, 10),
    "leakyRelu": (lambda v: v if v > 0 else mp.mpf("0.2") * v, -10, 10),
    "softsign": (lambda v: v / (1 + abs(v)), -100, 100),
    "hardSigmoid": (lambda v: min(max(v + 3, 0), 6) / 6, -5, 5),
}
for name, (f, lo, hi) in UNARY.items():
    x64 = rng.uniform(lo, hi, size=(4, 9))
    if lo <= 0 <= hi:
        x64[0, :3] = [0.0, -0.0, 1.0] if name not in ("log1p",) else [0.0, -0.0, 0.5]
    exact = np.array([float(f(mp.mpf(float(v)))) for v in x64.ravel()]).reshape(x64.shape)
    # the tanh form's argument u carries its own rounding, which e^(-2u) amplifies to about 2|u| ulps
    case(name + "64", name, {"x": x64}, {"out": exact}, ulps=32 if name == "geluTanh" else 4)
    x32 = x64.astype(np.float32)
    exact32 = np.array([np.float32(float(f(mp.mpf(float(v))))) for v in x32.ravel()], np.float32).reshape(x32.shape)
    case(name + "32", name, {"x": x32}, {"out": exact32}, ulps=2)
    case(name + "Empty", name, {"x": np.zeros((0, 3), np.float32)}, {"out": np.zeros((0, 3), np.float32)})
xi = np.arange(-3, 4, dtype=np.int32).reshape(7, 1)
case("erfInt", "erf", {"x": xi}, {"out": np.array([np.float32(float(mp.erf(int(v)))) for v in xi.ravel()], np.float32).reshape(7, 1)}, ulps=2)

# ---- rounding, reciprocals, float classes ----
ties = np.array([[-2.5, -1.5, -0.5, -0.0, 0.5, 1.5, 2.5, 3.7], [-3.2, 1e20, -1e20, np.inf, -np.inf, np.nan, 0.49999997, 2**52 + 1.0]])
for dt in (np.float32, np.float64):
    x = ties.astype(dt)
    tag = "32" if dt == np.float32 else "64"
    case("floor" + tag, "floor", {"x": x}, {"out": np.floor(x)})
    case("ceil" + tag, "ceil", {"x": x}, {"out": np.ceil(x)})
    case("round" + tag, "round", {"x": x}, {"out": np.round(x)})
    case("isNaN" + tag, "isNaN", {"x": x}, {"out": np.isnan(x)})
    case("isInf" + tag, "isInf", {"x": x}, {"out": np.isinf(x)})
    case("isFinite" + tag, "isFinite", {"x": x}, {"out": np.isfinite(x)})
xi = i32(3, 4)
case("floorInt", "floor", {"x": xi}, {"out": xi})
case("isFiniteInt", "isFinite", {"x": xi}, {"out": np.isfinite(xi)})
xr = f64(3, 4, lo=0.1, hi=9)
case("reciprocal64", "reciprocal", {"x": xr}, {"out": 1 / xr})
case("rsqrt64", "rsqrt", {"x": xr}, {"out": 1 / np.sqrt(xr)})
case("reciprocalInt", "reciprocal", {"x": np.array([1, 2, -4], np.int32)}, {"out": np.array([1, 0.5, -0.25], np.float32)})

# ---- Python's // and %, atan2, squared difference (broadcasting, every sign) ----
a, b = i32(4, 5, lo=-20, hi=21), np.array([3, -3, 7, -2, 5], np.int32)
case("floorDivInt", "floorDiv", {"x": a, "y": b}, {"out": a // b})
case("floorModInt", "floorMod", {"x": a, "y": b}, {"out": a % b})
al = rng.integers(-10**15, 10**15, size=(6,)).astype(np.int64)
bl = np.array([[7], [-9]], np.int64)
case("floorDivLong", "floorDiv", {"x": al, "y": bl}, {"out": al // bl})
case("floorModLong", "floorMod", {"x": al, "y": bl}, {"out": al % bl})
af, bf = f64(3, 4, lo=-10, hi=10), np.array([0.7, -0.3, 2.0, -4.5])
case("floorDiv64", "floorDiv", {"x": af, "y": bf}, {"out": af // bf})
case("floorMod64", "floorMod", {"x": af, "y": bf}, {"out": af % bf})
case("floorMod32", "floorMod", {"x": af.astype(np.float32), "y": bf.astype(np.float32)},
     {"out": af.astype(np.float32) % bf.astype(np.float32)})
case("floorModZero", "floorMod", {"x": np.array([1.0, -1.0, 0.0]), "y": np.array([0.0, 0.0, 0.0])},
     {"out": np.array([np.nan, np.nan, np.nan])})
ya, xa = f64(3, 1), f64(1, 4)
case("atan2_64", "atan2", {"x": ya, "y": xa}, {"out": np.arctan2(ya, xa)}, ulps=2)
case("atan2_32", "atan2", {"x": ya.astype(np.float32), "y": xa.astype(np.float32)},
     {"out": np.arctan2(ya, xa).astype(np.float32)}, ulps=2)
case("sqdiff", "squaredDifference", {"x": af, "y": bf}, {"out": (af - bf) ** 2})
case("sqdiffInt", "squaredDifference", {"x": a, "y": b}, {"out": (a - b) ** 2})

np.savez(os.path.join(HERE, "cases.npz"), **arrays)
with open(os.path.join(HERE, "cases.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(len(lines), "cases")
