#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures that dev.vectorgrad.io's tests read, using real numpy (2.x).

Run from this directory: python3 make_fixtures.py
The tests never run Python; this script is kept so the fixtures can be reproduced.

Value rule (recomputed in Java by NpyFixturesTest), for flat row-major index i:
  float: (i - 3) / 7.0            (float64 division, then cast to float32 for f4)
  i4:    (i - 3) * 12345678
  i8:    (i - 3) * 1234567890123
  bool:  i % 3 == 0
manifest.txt lists one fixture per line: file descr fortran_order shape (shape as 2x3x4, - for ()).
"""
import io
import os
import struct
import zipfile
import zlib

import numpy as np
from numpy.lib import _format_impl as npformat  # the private header reader lives here in numpy 2.x

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.join(HERE, "good")
HOSTILE = os.path.join(HERE, "hostile")


def values(kind, shape):
    n = int(np.prod(shape, dtype=np.int64))
    i = np.arange(n, dtype=np.int64)
    if kind == "f":
        v = (i - 3) / 7.0
    elif kind == "i4":
        v = (i - 3) * 12345678
    elif kind == "i8":
        v = (i - 3) * 1234567890123
    else:
        v = i % 3 == 0
    return v.reshape(shape)


def shape_name(shape):
    return "x".join(str(d) for d in shape) if shape else "-"


def main():
    os.makedirs(GOOD, exist_ok=True)
    os.makedirs(HOSTILE, exist_ok=True)
    manifest = []

    def save(name, arr, descr, fortran, version=None):
        path = os.path.join(GOOD, name)
        if version is None:
            np.save(path, arr, allow_pickle=False)
        else:
            with open(path, "wb") as f:
                npformat.write_array(f, arr, version=version, allow_pickle=False)
        # Check numpy wrote what the manifest claims.
        with open(path, "rb") as f:
            major, _ = npformat.read_magic(f)
            hdr = npformat._read_array_header(f, (major, 0))
        assert hdr[0] == arr.shape and hdr[1] == fortran and hdr[2].str == descr, (name, hdr)
        manifest.append(f"{name} {descr} {fortran} {shape_name(arr.shape)}")

    shapes = [(), (5,), (2, 3), (2, 3, 4), (0,), (2, 0, 3)]
    kinds = [("f4", "f", "f4"), ("f8", "f", "f8"), ("i4", "i4", "i4"), ("i8", "i8", "i8")]
    for tag, kind, code in kinds:
        for endian, ename in (("<", "le"), (">", "be")):
            dt = np.dtype(endian + code)
            for shape in shapes:
                arr = values(kind, shape).astype(dt)
                save(f"{tag}_{ename}_c_{shape_name(shape)}.npy", arr, dt.str, False)
                if len(shape) >= 2 and 0 not in shape:
                    save(f"{tag}_{ename}_f_{shape_name(shape)}.npy", np.asfortranarray(arr), dt.str, True)
    for shape in shapes:
        arr = values("b", shape)
        save(f"b1_c_{shape_name(shape)}.npy", arr, "|b1", False)
        if len(shape) >= 2 and 0 not in shape:
            save(f"b1_f_{shape_name(shape)}.npy", np.asfortranarray(arr), "|b1", True)
    for version in ((1, 0), (2, 0), (3, 0)):
        v = version[0]
        save(f"f8_le_c_2x3_v{v}.npy", values("f", (2, 3)).astype("<f8"), "<f8", False, version)
        save(f"i4_be_f_2x3x4_v{v}.npy", np.asfortranarray(values("i4", (2, 3, 4)).astype(">i4")), ">i4", True, version)

    # A Python 2 era header (3L longs, no growth padding), which numpy still reads for versions 1.0 and 2.0.
    header = b"{'descr': '<i8', 'fortran_order': False, 'shape': (2L, 3L), }"
    write_raw(os.path.join(GOOD, "i8_le_c_2x3_py2.npy"), 1, header, values("i8", (2, 3)).astype("<i8").tobytes())
    manifest.append("i8_le_c_2x3_py2.npy <i8 False 2x3")

    with open(os.path.join(GOOD, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")

    arrays = {
        "weights": values("f", (3, 4)).astype("<f4"),
        "bias": values("f", (4,)).astype("<f8"),
        "labels": values("i8", (5,)).astype("<i8"),
        "mask": values("b", (2, 2)),
        "scalar": values("i4", ()).astype("<i4"),
        "fortran": np.asfortranarray(values("f", (2, 3)).astype(">f8")),
    }
    np.savez(os.path.join(GOOD, "savez.npz"), **arrays)
    np.savez_compressed(os.path.join(GOOD, "savez_compressed.npz"), **arrays)
    np.savez(os.path.join(GOOD, "positional.npz"), values("f", (2,)).astype("<f4"), values("i4", (3,)).astype("<i4"))
    np.savez(os.path.join(GOOD, "empty.npz"))

    hostile()


def write_raw(path, major, header, data=b"", pad=True):
    """A .npy file with a hand-written header, padded as numpy pads it (unless pad=False)."""
    fmt = "<H" if major == 1 else "<I"
    if pad:
        hlen = len(header) + 1
        padlen = 64 - ((8 + struct.calcsize(fmt) + hlen) % 64)
        header = header + b" " * padlen + b"\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY" + bytes([major, 0]) + struct.pack(fmt, len(header)) + header + data)


def hdr(descr, shape, fortran="False"):
    return ("{'descr': %s, 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)).encode("latin1")


def hostile():
    h = lambda name: os.path.join(HOSTILE, name)
    buf = io.BytesIO()
    np.save(buf, values("f", (2, 3)).astype("<f8"))
    good = buf.getvalue()
    with open(h("empty.npy"), "wb") as f:
        pass
    with open(h("magic_only.npy"), "wb") as f:
        f.write(good[:6])
    with open(h("truncated_magic.npy"), "wb") as f:
        f.write(good[:3])
    with open(h("truncated_header.npy"), "wb") as f:
        f.write(good[:30])
    with open(h("truncated_data.npy"), "wb") as f:
        f.write(good[:-5])
    with open(h("bad_magic.npy"), "wb") as f:
        f.write(b"\x93NUMPX" + good[6:])
    with open(h("not_npy.npy"), "wb") as f:
        f.write(b"hello, world\n" * 10)
    with open(h("version_4.npy"), "wb") as f:
        f.write(good[:6] + b"\x04\x00" + good[8:])
    with open(h("version_1_1.npy"), "wb") as f:
        f.write(good[:6] + b"\x01\x01" + good[8:])
    with open(h("header_past_eof.npy"), "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", 5000) + good[10:100])
    with open(h("huge_header_length.npy"), "wb") as f:
        f.write(b"\x93NUMPY\x02\x00" + struct.pack("<I", 0xFFFFFFF0) + good[10:100])
    write_raw(h("elements_2pow40.npy"), 1, hdr("'<f4'", "(1024, 1024, 1024, 1024)"), b"\0" * 64)
    write_raw(h("dim_2pow40.npy"), 1, hdr("'<f4'", "(1099511627776,)"), b"\0" * 64)
    write_raw(h("dim_2pow64.npy"), 1, hdr("'<f4'", "(18446744073709551616, 0)"), b"")
    write_raw(h("claims_2gib.npy"), 1, hdr("'<f8'", "(268435455,)"), b"\0" * 64)
    write_raw(h("negative_dim.npy"), 1, hdr("'<f4'", "(2, -3)"), b"\0" * 64)
    write_raw(h("float_dim.npy"), 1, hdr("'<f4'", "(2.5, 3)"), b"\0" * 64)
    write_raw(h("string_dim.npy"), 1, hdr("'<f4'", "('2', 3)"), b"\0" * 64)
    write_raw(h("shape_list.npy"), 1, hdr("'<f4'", "[2, 3]"), b"\0" * 64)
    write_raw(h("shape_int.npy"), 1, hdr("'<f4'", "(6)"), b"\0" * 64)
    write_raw(h("fortran_int.npy"), 1, hdr("'<f4'", "(2, 3)", fortran="0"), b"\0" * 64)
    write_raw(h("missing_key.npy"), 1, b"{'descr': '<f4', 'shape': (2, 3), }", b"\0" * 64)
    write_raw(h("extra_key.npy"), 1, b"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", b"\0" * 64)
    write_raw(h("duplicate_key.npy"), 1, b"{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}", b"\0" * 64)
    write_raw(h("unclosed_tuple.npy"), 1, b"{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", b"\0" * 64)
    write_raw(h("missing_comma.npy"), 1, b"{'descr': '<f4' 'fortran_order': False, 'shape': (2, 3)}", b"\0" * 64)
    write_raw(h("code_in_header.npy"), 1, b"{'descr': '<f4', 'fortran_order': False, 'shape': __import__('os').getpid()}", b"")
    write_raw(h("trailing_garbage.npy"), 1, b"{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk", b"\0" * 64)
    write_raw(h("not_dict.npy"), 1, b"[1, 2]", b"\0" * 64)
    write_raw(h("deep_nesting.npy"), 2, b"{'descr': '<f4', 'fortran_order': False, 'shape': " + b"(" * 5000 + b")" * 5000 + b"}", b"")
    write_raw(h("bad_utf8_v3.npy"), 3, b"{'descr': '<f4\xff', 'fortran_order': False, 'shape': (2,)}", b"\0" * 64)
    write_raw(h("bool_byte_2.npy"), 1, hdr("'|b1'", "(3,)"), b"\x00\x01\x02")
    with open(h("complex128.npy"), "wb") as f:
        np.save(f, np.arange(4, dtype=np.complex128))
    with open(h("float16.npy"), "wb") as f:
        np.save(f, np.arange(4, dtype=np.float16))
    with open(h("object.npy"), "wb") as f:
        np.save(f, np.array([1, "two", None], dtype=object), allow_pickle=True)
    with open(h("structured.npy"), "wb") as f:
        np.save(f, np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))

    with open(h("not_a_zip.npz"), "wb") as f:
        f.write(b"this is not a zip archive at all" * 4)
    with zipfile.ZipFile(h("text_entry.npz"), "w") as z:
        z.writestr("a.npy", good)
        z.writestr("readme.txt", b"hello")
    with zipfile.ZipFile(h("bad_entry.npz"), "w") as z:
        z.writestr("a.npy", good)
        z.writestr("b.npy", b"\x93NUMPX" + good[6:])
    with zipfile.ZipFile(h("truncated_entry.npz"), "w") as z:
        z.writestr("a.npy", good[:-8])
    with zipfile.ZipFile(h("object_entry.npz"), "w") as z:
        with open(h("object.npy"), "rb") as f:
            z.writestr("obj.npy", f.read())
    # A zip bomb: a small, valid array followed by 64 MiB of zeros that deflate to about 64 KiB.
    with zipfile.ZipFile(h("bomb.npz"), "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open("a.npy", "w", force_zip64=True) as e:
            e.write(good)
            zeros = b"\0" * (1 << 20)
            for _ in range(64):
                e.write(zeros)
    # A deflated entry whose header claims 2 GiB: its few compressed bytes cannot inflate that far.
    claim = io.BytesIO()
    write_raw_to(claim, hdr("'<f8'", "(268435455,)"), b"\0" * 64)
    with zipfile.ZipFile(h("claims_2gib.npz"), "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.npy", claim.getvalue())
    with zipfile.ZipFile(h("claims_2gib_stored.npz"), "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("big.npy", claim.getvalue())
    with open(h("truncated.npz"), "wb") as f:
        with open(os.path.join(GOOD, "savez.npz"), "rb") as g:
            data = g.read()
        f.write(data[: len(data) // 2])
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(h("duplicate_entry.npz"), "w") as z:
            z.writestr("a.npy", good)
            z.writestr("a.npy", good)


def write_raw_to(f, header, data):
    hlen = len(header) + 1
    padlen = 64 - ((10 + hlen) % 64)
    header = header + b" " * padlen + b"\n"
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + data)


if __name__ == "__main__":
    main()
