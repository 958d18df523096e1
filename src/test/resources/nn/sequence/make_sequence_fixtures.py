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


embedding_case("embedding", 11, 5, (3, 7))
rnn_case("simple_rnn_last", "simple_rnn", (3, 5, 4), 6, False)
rnn_case("simple_rnn_sequences", "simple_rnn", (2, 4, 3), 5, True)
rnn_case("lstm_last", "lstm", (3, 5, 4), 6, False)
rnn_case("lstm_sequences_wide", "lstm", (2, 6, 7), 19, True)
rnn_case("gru_last", "gru", (3, 5, 4), 6, False)
rnn_case("gru_sequences_wide", "gru", (2, 6, 7), 19, True)
