#!/usr/bin/env python3
"""Writes the fixtures that ManipulationFixturesTest reads: real numpy's answers for the indexing and
manipulation ops (concat ... einsum), including negative axes, empty arrays, integer dtypes and
non-contiguous inputs.

Run from this directory: python3 make_fixtures.py
The tests never run Python; this script is kept so the fixtures can be reproduced.

Each case is <name>.npz holding in0, in1, ... (inputs, C-contiguous) and out0, out1, ... (numpy's
results; ops returning lists have several). manifest.txt has one line per case:
    name op key=value key=value ...
The op and its parameters are what the Java test calls; `view=T` (transpose) or `view=step2` (every
second element of the last axis) says that in0 is first made into that non-contiguous view, which the
numpy side applied too.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []


def arr(shape, dtype=np.float32, seed=0):
    rng = np.random.default_rng(seed)
    if np.dtype(dtype).kind == "f":
        return rng.uniform(-3, 3, size=shape).astype(dtype)
    if np.dtype(dtype).kind == "b":
        return rng.uniform(size=shape) > 0.5
    return rng.integers(-50, 50, size=shape).astype(dtype)


def view(x, v):
    if v == "T":
        return x.T
    if v == "step2":
        return x[..., ::2]
    return x


def case(name, op, inputs, outputs, **params):
    data = {f"in{i}": np.array(a, order="C") for i, a in enumerate(inputs)}
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    for i, o in enumerate(outputs):
        data[f"out{i}"] = np.array(o, order="C")
    np.savez(os.path.join(HERE, name + ".npz"), **data)
    tokens = " ".join(f"{k}={v}" for k, v in params.items())
    CASES.append(f"{name} {op} {tokens}".rstrip())


def main():
    for f in os.listdir(HERE):
        if f.endswith(".npz"):
            os.remove(os.path.join(HERE, f))

    # concat / stack
    a, b = arr((2, 3)), arr((2, 5), seed=1)
    case("concat_axis1", "concat", [a, b], np.concatenate([a, b], axis=1), axis=1)
    case("concat_neg_axis", "concat", [a, b], np.concatenate([a, b], axis=-1), axis=-1)
    c, d = arr((2, 3), np.int32), arr((4, 3), np.int32, seed=2)
    case("concat_int32_axis0", "concat", [c, d], np.concatenate([c, d], axis=0), axis=0)
    e = np.zeros((0, 3), np.float32)
    case("concat_empty", "concat", [a, e, a], np.concatenate([a, e, a], axis=0), axis=0)
    t = arr((3, 4), seed=3)
    case("concat_transposed", "concat", [t, arr((4, 2), seed=4)], np.concatenate([t.T, arr((4, 2), seed=4)], 1),
         axis=1, view="T")
    m = arr((2, 3), np.int64), arr((2, 3), np.float64, seed=5)
    case("concat_promotes", "concat", list(m), np.concatenate(m, axis=0), axis=0)
    s3 = [arr((2, 3), seed=i) for i in range(3)]
    case("stack_axis0", "stack", s3, np.stack(s3, 0), axis=0)
    case("stack_neg_axis", "stack", s3, np.stack(s3, -1), axis=-1)
    case("stack_bool", "stack", [arr((4,), bool), arr((4,), bool, 1)],
         np.stack([arr((4,), bool), arr((4,), bool, 1)], 1), axis=1)

    # unstack / split (list results)
    x = arr((3, 4, 2), seed=6)
    case("unstack_axis1", "unstack", [x], [x[:, i] for i in range(4)], axis=1)
    case("unstack_neg", "unstack", [x], [x[..., i] for i in range(2)], axis=-1)
    case("split_count", "split", [x], np.split(x, 2, axis=1), n=2, axis=1)
    case("split_sizes", "split", [x], np.split(x, [1, 1, 3], axis=1), sizes="1,0,2,1", axis=1)
    case("split_minus_one", "split", [x], np.split(x, [1], axis=0), sizes="1,-1", axis=0)
    xi = arr((4, 6), np.int32, 7)
    case("split_step_view", "split", [xi], np.split(xi[..., ::2], 3, axis=-1), n=3, axis=-1, view="step2")

    # tile / repeat
    y = arr((2, 3), seed=8)
    case("tile_2x3", "tile", [y], np.tile(y, (2, 3)), reps="2,3")
    case("tile_prepend", "tile", [y], np.tile(y, (2, 1, 2)), reps="2,1,2")
    case("tile_short", "tile", [y], np.tile(y, (3,)), reps="3")
    case("tile_size1_axis", "tile", [arr((1, 3), np.int64)], np.tile(arr((1, 3), np.int64), (4, 1)), reps="4,1")
    case("tile_zero", "tile", [y], np.tile(y, (0, 2)), reps="0,2")
    case("repeat_axis0", "repeat", [y], np.repeat(y, 3, axis=0), r=3, axis=0)
    case("repeat_neg_axis_int", "repeat", [xi], np.repeat(xi, 2, axis=-1), r=2, axis=-1)
    case("repeat_transposed", "repeat", [y], np.repeat(y.T, 2, axis=1), r=2, axis=1, view="T")

    # pad
    z = arr((3, 4), seed=9)
    case("pad_constant", "pad", [z], np.pad(z, ((1, 2), (0, 3))), pads="1,2;0,3", mode="CONSTANT", c=0)
    case("pad_constant_value", "pad", [xi], np.pad(xi, ((0, 1), (2, 0)), constant_values=7), pads="0,1;2,0",
         mode="CONSTANT", c=7)
    case("pad_reflect", "pad", [z], np.pad(z, ((2, 1), (3, 3)), mode="reflect"), pads="2,1;3,3", mode="REFLECT", c=0)
    case("pad_symmetric", "pad", [z], np.pad(z, ((3, 1), (2, 4)), mode="symmetric"), pads="3,1;2,4",
         mode="SYMMETRIC", c=0)
    case("pad_reflect_view", "pad", [xi], np.pad(xi[..., ::2], ((1, 1), (2, 2)), mode="reflect"), pads="1,1;2,2",
         mode="REFLECT", c=0, view="step2")

    # gather and friends
    g = arr((5, 4), seed=10)
    case("gather_axis0", "gather", [g, np.array([4, 0, 0, 2], np.int32)], np.take(g, [4, 0, 0, 2], axis=0), axis=0)
    idx2 = np.array([[1, 3], [0, -1]], np.int64)
    case("gather_2d_idx_axis1", "gather", [g, idx2], np.take(g, idx2, axis=1), axis=1)
    case("gather_neg_axis", "gather", [arr((2, 3, 4), np.int32, 11), np.array([3, 1], np.int32)],
         np.take(arr((2, 3, 4), np.int32, 11), [3, 1], axis=-1), axis=-1)
    case("gather_empty_idx", "gather", [g, np.zeros((0,), np.int64)], np.take(g, np.zeros((0,), np.int64), 0), axis=0)
    case("gather_scalar_idx", "gather", [g, np.array(2, np.int32)], np.take(g, 2, axis=0), axis=0)
    gt = arr((4, 5), seed=12)
    case("gather_transposed", "gather", [gt, np.array([1, 1, 3], np.int32)], np.take(gt.T, [1, 1, 3], axis=0),
         axis=0, view="T")
    h = arr((3, 4, 2), seed=13)
    ind = np.array([[0, 1], [2, 3], [1, 0]], np.int64)
    case("gather_nd_pairs", "gatherNd", [h, ind], h[ind[:, 0], ind[:, 1]])
    ind3 = np.array([[[2, 3, 1]], [[0, 0, 0]]], np.int32)
    case("gather_nd_full", "gatherNd", [h, ind3], h[ind3[..., 0], ind3[..., 1], ind3[..., 2]])
    ind1 = np.array([[2], [0]], np.int32)
    case("gather_nd_rows_int", "gatherNd", [xi, ind1], xi[ind1[:, 0]])
    tai = np.array([[0, 2], [1, 1], [2, 0]], np.int64)
    k3 = arr((3, 3), seed=14)
    case("take_along_axis1", "takeAlongAxis", [k3, tai], np.take_along_axis(k3, tai, axis=1), axis=1)
    tai0 = np.array([[2, 0, 1]], np.int32)
    case("take_along_axis0_bcast", "takeAlongAxis", [k3, tai0], np.take_along_axis(k3, tai0, axis=0), axis=0)
    srt = np.argsort(k3, axis=-1).astype(np.int64)
    case("take_along_argsort", "takeAlongAxis", [k3, srt], np.take_along_axis(k3, srt, axis=-1), axis=-1)

    # scatterNd (duplicates add) and unsortedSegmentSum
    sidx = np.array([[4], [3], [1], [7], [4]], np.int32)
    upd = np.array([9, 10, 11, 12, 13], np.float32)
    out = np.zeros(8, np.float32)
    np.add.at(out, sidx[:, 0], upd)
    case("scatter_nd_1d_dups", "scatterNd", [sidx, upd], out, shape="8")
    sidx2 = np.array([[0], [2], [0]], np.int64)
    upd2 = arr((3, 4, 4), np.int32, 15)
    out2 = np.zeros((4, 4, 4), np.int32)
    np.add.at(out2, sidx2[:, 0], upd2)
    case("scatter_nd_slices_int", "scatterNd", [sidx2, upd2], out2, shape="4,4,4")
    sidx3 = np.array([[1, 2], [0, 0], [1, 2]], np.int32)
    upd3 = np.array([1.5, 2.5, 3.5], np.float64)
    out3 = np.zeros((2, 3), np.float64)
    np.add.at(out3, (sidx3[:, 0], sidx3[:, 1]), upd3)
    case("scatter_nd_points", "scatterNd", [sidx3, upd3], out3, shape="2,3")
    seg = np.array([0, 2, 0, 1], np.int32)
    data = arr((4, 3), seed=16)
    so = np.zeros((3, 3), np.float32)
    np.add.at(so, seg, data)
    case("segment_sum", "unsortedSegmentSum", [data, seg], so, n=3)

    # booleanMask / argWhere
    bm = np.array([True, False, True, True, False])
    case("boolean_mask_rows", "booleanMask", [g, bm], g[bm])
    bm2 = arr((3, 4), bool, 17)
    case("boolean_mask_2d", "booleanMask", [h, bm2], h[bm2])
    case("boolean_mask_int", "booleanMask", [xi, np.zeros(4, bool)], xi[np.zeros(4, bool)])
    case("arg_where_bool", "argWhere", [bm2], np.argwhere(bm2))
    case("arg_where_int", "argWhere", [np.array([[0, 3, 0], [-1, 0, 2]], np.int32)],
         np.argwhere(np.array([[0, 3, 0], [-1, 0, 2]], np.int32)))
    case("arg_where_empty", "argWhere", [np.zeros((2, 0), np.float32)], np.argwhere(np.zeros((2, 0), np.float32)))

    # oneHot: out-of-range and negative indices give zero rows, as tf.one_hot does
    oh = np.array([[0, 2], [-1, 5]], np.int64)
    case("one_hot_f32", "oneHot", [oh], (oh[..., None] == np.arange(4)).astype(np.float32), depth=4, dtype="FLOAT32")
    oh1 = np.array([1, 0, 3], np.int32)
    case("one_hot_int32", "oneHot", [oh1], (oh1[..., None] == np.arange(3)).astype(np.int32), depth=3, dtype="INT32")

    # creation
    case("eye_4", "eye", [], np.eye(4, dtype=np.float32), n=4, m=4, dtype="FLOAT32")
    case("eye_2x5_int", "eye", [], np.eye(2, 5, dtype=np.int64), n=2, m=5, dtype="INT64")
    case("linspace_f32", "linspace", [], np.linspace(-1, 2.5, 8).astype(np.float32), start=-1, stop=2.5, num=8,
         dtype="FLOAT32")
    case("linspace_f64_one", "linspace", [], np.linspace(3, 9, 1), start=3, stop=9, num=1, dtype="FLOAT64")
    case("linspace_int", "linspace", [], np.linspace(0, 10, 4, dtype=np.int32), start=0, stop=10, num=4, dtype="INT32")
    case("linspace_neg_int", "linspace", [], np.linspace(-7, 0, 5, dtype=np.int64), start=-7, stop=0, num=5,
         dtype="INT64")
    case("linspace_empty", "linspace", [], np.linspace(0, 1, 0).astype(np.float32), start=0, stop=1, num=0,
         dtype="FLOAT32")

    # tril / triu
    tr = arr((2, 3, 4), seed=18)
    case("tril_0", "tril", [tr], np.tril(tr), k=0)
    case("tril_neg1", "tril", [tr], np.tril(tr, -1), k=-1)
    case("triu_1_int", "triu", [xi], np.triu(xi, 1), k=1)
    case("triu_transposed", "triu", [z], np.triu(z.T, 0), k=0, view="T")

    # einsum
    p, q = arr((3, 4), seed=19), arr((4, 5), seed=20)
    case("einsum_matmul", "einsum", [p, q], np.einsum("ij,jk->ik", p, q), eq="ij,jk->ik")
    case("einsum_implicit", "einsum", [p, q], np.einsum("ij,jk", p, q), eq="ij,jk")
    case("einsum_transpose_out", "einsum", [p, q], np.einsum("ij,jk->ki", p, q), eq="ij,jk->ki")
    bp, bq = arr((2, 3, 4), seed=21), arr((2, 4, 5), seed=22)
    case("einsum_batch", "einsum", [bp, bq], np.einsum("bij,bjk->bik", bp, bq), eq="bij,bjk->bik")
    el, er = arr((2, 1, 3, 4), seed=23), arr((5, 4, 2), seed=24)
    case("einsum_ellipsis_bcast", "einsum", [el, er], np.einsum("...ij,...jk->...ik", el, er),
         eq="...ij,...jk->...ik")
    case("einsum_ellipsis_implicit", "einsum", [el], np.einsum("...ij", el), eq="...ij")
    case("einsum_ellipsis_sum", "einsum", [el], np.einsum("i...->...", el), eq="i...->...")
    sq = arr((4, 4), seed=25)
    case("einsum_trace", "einsum", [sq], np.einsum("ii", sq), eq="ii")
    case("einsum_diag", "einsum", [sq], np.einsum("ii->i", sq), eq="ii->i")
    case("einsum_sum_all", "einsum", [p], np.einsum("ij->", p), eq="ij->")
    u, v = arr((3,), seed=26), arr((4,), seed=27)
    case("einsum_outer", "einsum", [u, v], np.einsum("i,j->ij", u, v), eq="i,j->ij")
    case("einsum_dot", "einsum", [u, u], np.einsum("i,i", u, u), eq="i,i")
    case("einsum_hadamard", "einsum", [p, p], np.einsum("ij,ij->ij", p, p), eq="ij,ij->ij")
    w1, w2, w3 = arr((2, 3), seed=28), arr((3, 4), seed=29), arr((4, 2), seed=30)
    case("einsum_three", "einsum", [w1, w2, w3], np.einsum("ab,bc,cd->ad", w1, w2, w3), eq="ab,bc,cd->ad")
    case("einsum_chain_trace", "einsum", [w1, w2, w3], np.einsum("ab,bc,ca->", w1, w2, w3), eq="ab,bc,ca->")
    att_q, att_k = arr((2, 5, 3, 4), seed=31), arr((2, 6, 3, 4), seed=32)
    case("einsum_attention", "einsum", [att_q, att_k], np.einsum("bqhd,bkhd->bhqk", att_q, att_k),
         eq="bqhd,bkhd->bhqk")
    ii, ij = arr((3, 4), np.int32, 33), arr((4, 2), np.int32, 34)
    case("einsum_int", "einsum", [ii, ij], np.einsum("ij,jk->ik", ii, ij), eq="ij,jk->ik")
    r52 = arr((5, 2), seed=37)
    case("einsum_transposed_view", "einsum", [q, r52], np.einsum("ji,jk->ik", q.T, r52), eq="ji,jk->ik", view="T")
    case("einsum_empty", "einsum", [np.zeros((0, 3), np.float32), arr((3, 2), seed=35)],
         np.einsum("ij,jk->ik", np.zeros((0, 3), np.float32), arr((3, 2), seed=35)), eq="ij,jk->ik")
    case("einsum_bilinear", "einsum", [u, arr((3, 4), seed=36), v], np.einsum("i,ij,j", u, arr((3, 4), seed=36), v),
         eq="i,ij,j")

    # more integer dtypes and empty arrays
    ti = arr((3, 4), np.int64, 38)
    tii = np.array([[3], [0], [-1]], np.int32)
    case("take_along_axis_int64", "takeAlongAxis", [ti, tii], np.take_along_axis(ti, tii, axis=1), axis=1)
    e23 = np.zeros((2, 0, 3), np.int32)
    case("unstack_empty_inner", "unstack", [e23], [e23[i] for i in range(2)], axis=0)
    case("stack_empty", "stack", [np.zeros((0,), np.float32)] * 2, np.stack([np.zeros((0,), np.float32)] * 2, 1),
         axis=1)
    case("split_empty_axis", "split", [e23], np.split(e23, 3, axis=1), n=3, axis=1)
    case("pad_empty", "pad", [np.zeros((0, 3), np.float64)], np.pad(np.zeros((0, 3)), ((1, 1), (0, 2)),
         constant_values=2.5), pads="1,1;0,2", mode="CONSTANT", c=2.5)
    case("gather_from_empty_rows", "gather", [np.zeros((4, 0), np.float32), np.array([3, 1], np.int32)],
         np.take(np.zeros((4, 0), np.float32), [3, 1], axis=0), axis=0)
    case("tril_wide", "tril", [arr((3, 5), np.int64, 39)], np.tril(arr((3, 5), np.int64, 39), 2), k=2)
    case("triu_tall_neg", "triu", [arr((5, 2), seed=40)], np.triu(arr((5, 2), seed=40), -2), k=-2)
    up1, up2 = arr((2, 3), seed=41), arr((3, 4), seed=42)
    case("einsum_upper_implicit", "einsum", [up1, up2], np.einsum("Ba,aC", up1, up2), eq="Ba,aC")
    case("einsum_explicit_transpose", "einsum", [up1], np.einsum("ij->ji", up1), eq="ij->ji")

    with open(os.path.join(HERE, "manifest.txt"), "w") as f:
        f.write("\n".join(CASES) + "\n")
    print(f"wrote {len(CASES)} cases")


if __name__ == "__main__":
    main()
