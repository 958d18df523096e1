#!/usr/bin/python3
"""Writes the .npz fixtures that dev.vectorgrad.nn.SequenceLayerFixturesTest reads: Embedding, SimpleRNN,
LSTM, GRU and MultiHeadAttention computed by PyTorch (1.13, Debian's python3-torch) from weights in Keras's
layouts.

Run from this directory with Debian's Python (it has torch): /usr/bin/python3 make_sequence_fixtures.py
The tests never run Python; this script is kept so the fixtures can be reproduced.

Each <case>.npz holds (float32 unless said):
  x            the input ([batch, time, features]; int64 ids for Embedding)
  dy           a fixed upstream gradient of the output's shape
  y            the layer's output
  dx           d sum(y * dy) / dx (absent for Embedding: ids have no gradient)
  <weight>     each weight in Keras's layout under Keras's name (kernel, recurrent_kernel, bias, ...)
  grad_<w>     d sum(y * dy) / d<weight>
MultiHeadAttention cases hold query (as x, with dx), value (with dvalue), key (with dkey, when given) and
mask (float 0/1, [batch, Tq, Tv], when given), and a causal flag; weights are named query_kernel, ...,
attention_output_bias (the Keras names with "/" as "_"); mha_sequence_masks also holds query_mask, value_mask and
key_mask (float 0/1, [batch, T]) and scores (the probabilities). The F-based cases run torch.nn.functional.multi_head_attention_forward
with separate projection weights converted from Keras's [dim, heads, keyDim] layout.
The recurrent layers run torch's own RNN / LSTM / GRU kernels (torch._VF.rnn_tanh / lstm / gru, what
torch.nn.RNN / LSTM / GRU call; functional_call would silently use a module's cached flat weights) with
parameters built from the Keras-layout tensors (transposed; GRU's gate blocks reordered from Keras's z, r, h to torch's r, z, n; LSTM's
i, f, c, o is torch's i, f, g, o), so the weight gradients come back in Keras's layout.
Computation is in float64 from the float32 inputs, so the references carry no float32 rounding.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261204)


def f32(shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def t64(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)


def save(name, arrays):
    out = {}
    for k, v in arrays.items():
        v = v.detach().numpy() if isinstance(v, torch.Tensor) else np.asarray(v)
        out[k] = v if v.dtype == np.int64 else v.astype(np.float32)
    np.savez(os.path.join(HERE, name + ".npz"), **out)


def finish(name, x, xt, y, weights, tensors, extra=None):
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    d = {"x": x, "dy": dy, "y": y}
    if xt is not None:
        d["dx"] = xt.grad
    for k, v in weights.items():
        d[k] = v
        d["grad_" + k] = tensors[k].grad
    d.update(extra or {})
    save(name, d)


def embedding_case(name, input_dim, output_dim, ids_shape):
    ids = rng.integers(0, input_dim, size=ids_shape).astype(np.int64)
    table = f32((input_dim, output_dim))
    tt = t64(table)
    y = F.embedding(torch.tensor(ids), tt)
    finish(name, ids, None, y, {"embeddings": table}, {"embeddings": tt})


def rnn_case(name, kind, shape, units, return_sequences):
    x = f32(shape)
    feats = shape[2]
    gates = {"simple_rnn": 1, "lstm": 4, "gru": 3}[kind]
    kernel = f32((feats, gates * units), 0.5)
    recurrent = f32((units, gates * units), 0.5)
    bias = f32((2, gates * units) if kind == "gru" else (gates * units,), 0.5)
    xt, kt, rt, bt = t64(x), t64(kernel), t64(recurrent), t64(bias)
    if kind == "gru":
        def reorder(w):  # Keras z, r, h -> torch r, z, n along the last axis
            return torch.cat([w[..., units:2 * units], w[..., :units], w[..., 2 * units:]], dim=-1)
        weights = [reorder(kt).T, reorder(rt).T, reorder(bt[0]), reorder(bt[1])]
    else:
        weights = [kt.T, rt.T, bt, torch.zeros(gates * units, dtype=torch.float64)]
    h0 = torch.zeros(1, shape[0], units, dtype=torch.float64)
    weights = [w.contiguous() for w in weights]
    if kind == "lstm":
        seq = torch._VF.lstm(xt, (h0, h0), weights, True, 1, 0.0, False, False, True)[0]
    elif kind == "gru":
        seq = torch._VF.gru(xt, h0, weights, True, 1, 0.0, False, False, True)[0]
    else:
        seq = torch._VF.rnn_tanh(xt, h0, weights, True, 1, 0.0, False, False, True)[0]
    y = seq if return_sequences else seq[:, -1, :]
    finish(name, x, xt, y, {"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias},
           {"kernel": kt, "recurrent_kernel": rt, "bias": bt})


def mha_case(name, heads, key_dim, b, tq, tv, value_dim, key_dim_in=None, mask=False, causal=False):
    d = heads * key_dim  # torch needs embed_dim = heads * head_dim and maps back to it
    query, value = f32((b, tq, d)), f32((b, tv, value_dim))
    key = f32((b, tv, key_dim_in)) if key_dim_in else None
    kin = key_dim_in or value_dim
    w = {"query_kernel": f32((d, heads, key_dim), 0.4), "query_bias": f32((heads, key_dim), 0.4),
         "key_kernel": f32((kin, heads, key_dim), 0.4), "key_bias": f32((heads, key_dim), 0.4),
         "value_kernel": f32((value_dim, heads, key_dim), 0.4), "value_bias": f32((heads, key_dim), 0.4),
         "attention_output_kernel": f32((heads, key_dim, d), 0.4), "attention_output_bias": f32((d,), 0.4)}
    t = {k: t64(v) for k, v in w.items()}
    qt, vt = t64(query), t64(value)
    kt = t64(key) if key is not None else vt
    allowed = np.ones((b, tq, tv), dtype=bool)
    extra = {}
    if mask:
        allowed = rng.random((b, tq, tv)) < 0.6
        allowed[:, :, 0] = True  # every row keeps a key, so torch's -inf never makes a row NaN
        extra["mask"] = allowed.astype(np.float32)
    if causal:
        allowed = allowed & np.tril(np.ones((tq, tv), dtype=bool))[None]
    extra["causal"] = np.float32(1.0 if causal else 0.0)
    blocked = torch.tensor(~np.repeat(allowed, heads, axis=0))  # torch: True = may not attend, [b*heads, tq, tv]
    y, _ = F.multi_head_attention_forward(
        qt.transpose(0, 1), kt.transpose(0, 1), vt.transpose(0, 1), d, heads,
        None, torch.cat([t["query_bias"].reshape(-1), t["key_bias"].reshape(-1), t["value_bias"].reshape(-1)]),
        None, None, False, 0.0,
        t["attention_output_kernel"].reshape(d, d).T, t["attention_output_bias"],
        training=False, need_weights=False, attn_mask=blocked, use_separate_proj_weight=True,
        q_proj_weight=t["query_kernel"].reshape(d, d).T, k_proj_weight=t["key_kernel"].reshape(kin, d).T,
        v_proj_weight=t["value_kernel"].reshape(value_dim, d).T)
    y = y.transpose(0, 1)
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    out = {"x": query, "dy": dy, "y": y, "dx": qt.grad, "value": value, "dvalue": vt.grad}
    if key is not None:
        out["key"] = key
        out["dkey"] = kt.grad
    for k, v in w.items():
        out[k] = v
        out["grad_" + k] = t[k].grad
    out.update(extra)
    save(name, out)


def mha_masks_case(name, heads, key_dim, b, tq, tv, value_dim, key_dim_in, causal):
    """Keras 3's explicit query_mask, value_mask and key_mask ANDed with attention_mask and the causal mask
    (its _compute_attention_mask), written out in torch ops because F.multi_head_attention_forward's -inf
    makes a fully masked row NaN where Keras attends uniformly: a masked score becomes -1e9 (as the layer's
    where does), so padded queries, whose whole row is masked, get the mean of the values."""
    d = heads * key_dim
    query, value, key = f32((b, tq, d)), f32((b, tv, value_dim)), f32((b, tv, key_dim_in))
    w = {"query_kernel": f32((d, heads, key_dim), 0.4), "query_bias": f32((heads, key_dim), 0.4),
         "key_kernel": f32((key_dim_in, heads, key_dim), 0.4), "key_bias": f32((heads, key_dim), 0.4),
         "value_kernel": f32((value_dim, heads, key_dim), 0.4), "value_bias": f32((heads, key_dim), 0.4),
         "attention_output_kernel": f32((heads, key_dim, d), 0.4), "attention_output_bias": f32((d,), 0.4)}
    t = {k: t64(v) for k, v in w.items()}
    qt, vt, kt = t64(query), t64(value), t64(key)
    attention = rng.random((b, tq, tv)) < 0.7
    query_mask = np.ones((b, tq), dtype=bool)
    query_mask[0, -2:] = False  # padded queries: their rows are fully masked
    value_mask = np.ones((b, tv), dtype=bool)
    value_mask[1, -1] = False
    key_mask = np.ones((b, tv), dtype=bool)
    key_mask[0, -1] = False
    key_mask[1, 1] = False
    allowed = attention & query_mask[:, :, None] & value_mask[:, None, :] & key_mask[:, None, :]
    if causal:
        allowed = allowed & np.tril(np.ones((tq, tv), dtype=bool))[None]
    q = (torch.einsum("btf,fhk->bhtk", qt, t["query_kernel"]) + t["query_bias"][None, :, None, :]) / np.sqrt(key_dim)
    k = torch.einsum("btf,fhk->bhtk", kt, t["key_kernel"]) + t["key_bias"][None, :, None, :]
    v = torch.einsum("btf,fhk->bhtk", vt, t["value_kernel"]) + t["value_bias"][None, :, None, :]
    scores = torch.einsum("bhqk,bhsk->bhqs", q, k)
    scores = torch.where(torch.tensor(allowed)[:, None], scores, torch.tensor(-1e9, dtype=torch.float64))
    probabilities = torch.softmax(scores, dim=-1)
    context = torch.einsum("bhqs,bhsk->bqhk", probabilities, v)
    y = torch.einsum("bqhk,hkd->bqd", context, t["attention_output_kernel"]) + t["attention_output_bias"]
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    out = {"x": query, "dy": dy, "y": y, "dx": qt.grad, "value": value, "dvalue": vt.grad, "key": key,
           "dkey": kt.grad, "scores": probabilities, "mask": attention.astype(np.float32),
           "query_mask": query_mask.astype(np.float32), "value_mask": value_mask.astype(np.float32),
           "key_mask": key_mask.astype(np.float32), "causal": np.float32(1.0 if causal else 0.0)}
    for k_, v_ in w.items():
        out[k_] = v_
        out["grad_" + k_] = t[k_].grad
    save(name, out)


embedding_case("embedding", 11, 5, (3, 7))
rnn_case("simple_rnn_last", "simple_rnn", (3, 5, 4), 6, False)
rnn_case("simple_rnn_sequences", "simple_rnn", (2, 4, 3), 5, True)
rnn_case("lstm_last", "lstm", (3, 5, 4), 6, False)
rnn_case("lstm_sequences_wide", "lstm", (2, 6, 7), 19, True)
rnn_case("gru_last", "gru", (3, 5, 4), 6, False)
rnn_case("gru_sequences_wide", "gru", (2, 6, 7), 19, True)
mha_case("mha_query_value", 2, 3, 2, 5, 5, 6)
mha_case("mha_cross_key_mask", 3, 2, 2, 4, 6, 5, key_dim_in=3, mask=True)
mha_case("mha_causal_mask", 2, 4, 2, 5, 5, 8, mask=True, causal=True)
mha_masks_case("mha_sequence_masks", 2, 3, 2, 5, 6, 4, 3, causal=True)
