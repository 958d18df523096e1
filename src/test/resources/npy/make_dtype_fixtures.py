#!/usr/bin/env python3
"""Writes the fixtures for vectorgrad's STRING and COMPLEX64/COMPLEX128 dtypes, using real numpy (2.x).

Run from this directory: python3 make_dtype_fixtures.py
The tests never run Python; this script is kept so the fixtures can be reproduced. Everything goes to
dtypes/:
  io_*.npy         arrays whose values the Java test rebuilds by the rule below, to check that Java
                   reads numpy's bytes and writes exactly numpy's bytes
  in_*.npy         operands, and out_<op>_<dtype>.npy numpy's results of <op> on them
  printed.txt      numpy's str() of arrays (TensorFlow prints a tensor's values with numpy's str;
                   a tf.string tensor is a numpy object array of bytes), one case per block:
                   '=== name' then the exact text, ending at the next '===' line

Value rule for io_ files, flat row-major index i:
  complex: (i - 3) / 7.0 + 1j * (2 - i) / 3.0   (complex128 arithmetic, then cast for c8)
  unicode: 's' + str(i) + 'é' * (i % 3)        (so widths and non-ASCII code points vary)
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dtypes")


def complex_values(shape, dtype):
    n = int(np.prod(shape, dtype=np.int64))
    i = np.arange(n, dtype=np.float64)
    return ((i - 3) / 7.0 + 1j * (2 - i) / 3.0).astype(dtype).reshape(shape)


def text_values(shape):
    n = int(np.prod(shape, dtype=np.int64))
    return np.array(["s" + str(i) + "\u00e9" * (i % 3) for i in range(n)], dtype=str).reshape(shape)


def save(name, arr):
    np.save(os.path.join(OUT, name), arr, allow_pickle=False)


def main():
    os.makedirs(OUT, exist_ok=True)
    for shape in [(), (5,), (2, 3)]:
        tag = "x".join(str(d) for d in shape) if shape else "scalar"
        save("io_c8_" + tag + ".npy", complex_values(shape, np.complex64))
        save("io_c16_" + tag + ".npy", complex_values(shape, np.complex128))
        save("io_U_" + tag + ".npy", text_values(shape))
    save("io_U_empty.npy", np.array([], dtype=str))
    save("io_c8_big_endian.npy", complex_values((4,), np.dtype(">c8")))
    save("io_U_big_endian.npy", text_values((4,)).astype(">U4"))

    rng = np.random.default_rng(3)
    for dt, tag in [(np.complex64, "c8"), (np.complex128, "c16")]:
        a = (rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))).astype(dt)
        b = (rng.standard_normal((4,)) + 1j * rng.standard_normal((4,))).astype(dt)  # broadcasts against a
        m = (rng.standard_normal((4, 2)) + 1j * rng.standard_normal((4, 2))).astype(dt)
        a[0, 0] = 0  # log, sqrt, sign and angle at zero
        a[0, 1] = -2 + 0j  # on the branch cut
        a[0, 2] = complex(-2, -0.0)
        save("in_a_" + tag + ".npy", a)
        save("in_b_" + tag + ".npy", b)
        save("in_m_" + tag + ".npy", m)
        with np.errstate(all="ignore"):
            results = {
                "add": a + b, "sub": a - b, "mul": a * b, "div": a / b, "neg": -a,
                "exp": np.exp(a), "log": np.log(a), "sqrt": np.sqrt(a), "square": np.square(a),
                "abs": np.abs(a), "angle": np.angle(a), "conj": np.conj(a), "real": a.real, "imag": a.imag,
                "sign": np.sign(a), "sum": np.sum(a), "sum0": np.sum(a, axis=0), "mean1": np.mean(a, axis=1),
                "matmul": a @ m, "eq": a == a[:, ::-1], "transpose_mul": a.T * b[:3],
                "to_float32": a.real.astype(np.float32), "from_float64": a.real.astype(np.float64).astype(dt),
            }
        for name, value in results.items():
            save("out_" + name + "_" + tag + ".npy", np.asarray(value))

    cases = {
        "c8_scalar": np.array(4 + 3j, dtype=np.complex64),
        "c16_scalar": np.array(4 + 3j),
        "c16_scalar_pure_imag": np.array(3j),
        "c16_scalar_neg_zero_imag": np.array(complex(1.5, -0.0)),
        "c16_scalar_neg_real_zero": np.array(complex(-0.0, 2)),
        "c16_scalar_nan_inf": np.array(complex(np.nan, np.inf)),
        "c16_scalar_small": np.array(complex(1e-5, -2.5e20)),
        "c8_scalar_digits": np.array(0.1 + 0.2j, dtype=np.complex64),
        "c8_vector": np.array([1 + 2j, 3.5 - 1j], dtype=np.complex64),
        "c16_matrix": np.array([[1 + 2j, -3.25 + 0j], [0.5 - 1e-3j, 7 + 100j]]),
        "c16_sci": np.array([1e-7 + 1j, 123456789 - 2j]),
        "c16_nonfinite": np.array([np.nan + 1j, complex(1, np.inf), complex(-np.inf, -np.nan), 2 - 3j]),
        "c8_long": (np.arange(30, dtype=np.float32) / 3 + 1j * np.arange(30, dtype=np.float32)).astype(np.complex64),
        "c8_summarised": (np.arange(2000, dtype=np.float32) + 1j).astype(np.complex64),
        "c16_neg_zero": np.array([complex(-0.0, -0.0), complex(0.0, 0.0)]),
        "bytes_scalar": np.array(b"Hello", dtype=object),
        "bytes_vector": np.array([b"Hello", b"World", b"", "caf\u00e9".encode()], dtype=object),
        "bytes_quotes": np.array([b"it's", b'say "hi"', b"both ' and \"", b"tab\tnew\nline\\"], dtype=object),
        "bytes_matrix": np.array([[b"a", b"bb"], [b"ccc", "\u20ac".encode()]], dtype=object),
        "bytes_long": np.array([("word%d" % i).encode() for i in range(20)], dtype=object),
    }
    with open(os.path.join(OUT, "printed.txt"), "w", encoding="utf-8", newline="\n") as f:
        for name, value in cases.items():
            f.write("=== " + name + "\n" + str(value) + "\n")


if __name__ == "__main__":
    main()
