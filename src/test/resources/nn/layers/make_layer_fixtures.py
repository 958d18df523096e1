#!/usr/bin/python3
"""Writes the .npz fixtures that dev.vectorgrad.nn.LayerFixturesTest reads: every image layer and option
computed by PyTorch (1.13, Debian's python3-torch), in Keras's layouts.

Run from this directory with Debian's Python (it has torch): /usr/bin/python3 make_layer_fixtures.py
The tests never run Python; this script is kept so the fixtures can be reproduced.

Each <case>.npz holds, all float32:
  x            the input, channels-last as Keras takes it
  dy           a fixed upstream gradient of the output's shape
  y            the layer's output
  dx           d sum(y * dy) / dx
  <weight>     each weight in Keras's layout and under Keras's name (kernel, bias, gamma, beta, ...)
  grad_<w>     d sum(y * dy) / d<weight>
  after_<w>    (BatchNormalization in training) the moving statistic after the call
Weights are converted from Keras to PyTorch layout here (kernel [kh, kw, in, out] -> [out, in, kh, kw]);
TensorFlow's SAME padding (extra row/column at the end) is applied with F.pad, since PyTorch pads
symmetrically; pooling pads with -inf (max) or averages only real pixels (avg), as TensorFlow does.
Computation is in float64 from the float32 inputs, so the references carry no float32 rounding.
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261203)


def f32(shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def t64(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)


def same_pads(size, k, s, d=1):
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def pad_nchw(x, kh, kw, sh, sw, dh, dw, padding, value=0.0):
    if padding == "valid":
        return x
    t, b = same_pads(x.shape[2], kh, sh, dh)
    l, r = same_pads(x.shape[3], kw, sw, dw)
    return F.pad(x, (l, r, t, b), value=value)


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def save(name, x, dy, y, dx, weights=None, grads=None, extra=None):
    d = {"x": x, "dy": dy, "y": y, "dx": dx}
    for k, v in (weights or {}).items():
        d[k] = v
    for k, v in (grads or {}).items():
        d["grad_" + k] = v
    for k, v in (extra or {}).items():
        d[k] = v
    np.savez(os.path.join(HERE, name + ".npz"), **{k: np.asarray(v, dtype=np.float32) for k, v in d.items()})


def activation(y, name):
    return torch.relu(y) if name == "relu" else y


def conv2d_case(name, shape, filters, k, s=(1, 1), d=(1, 1), padding="valid", use_bias=True, act="linear"):
    x = f32(shape)
    kernel = f32((k[0], k[1], shape[3], filters), 0.5)
    bias = f32((filters,), 0.5)
    xt, kt, bt = t64(x), t64(kernel), t64(bias)
    xp = pad_nchw(nchw(xt), k[0], k[1], s[0], s[1], d[0], d[1], padding)
    y = F.conv2d(xp, kt.permute(3, 2, 0, 1), bt if use_bias else None, stride=s, dilation=d)
    y = activation(nhwc(y), act)
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    w = {"kernel": kernel}
    g = {"kernel": kt.grad.numpy()}
    if use_bias:
        w["bias"] = bias
        g["bias"] = bt.grad.numpy()
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy(), w, g)


def conv1d_case(name, shape, filters, k, s=1, d=1, padding="valid"):
    x = f32(shape)
    kernel = f32((k, shape[2], filters), 0.5)
    bias = f32((filters,), 0.5)
    xt, kt, bt = t64(x), t64(kernel), t64(bias)
    xc = xt.permute(0, 2, 1)
    if padding == "same":
        l, r = same_pads(shape[1], k, s, d)
        xc = F.pad(xc, (l, r))
    y = F.conv1d(xc, kt.permute(2, 1, 0), bt, stride=s, dilation=d).permute(0, 2, 1)
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy(), {"kernel": kernel, "bias": bias},
         {"kernel": kt.grad.numpy(), "bias": bt.grad.numpy()})


def conv2d_transpose_case(name, shape, filters, k, s, padding):
    x = f32(shape)
    kernel = f32((k, k, filters, shape[3]), 0.5)  # Keras: [k, k, filters, in]
    bias = f32((filters,), 0.5)
    xt, kt, bt = t64(x), t64(kernel), t64(bias)
    full = F.conv_transpose2d(nchw(xt), kt.permute(3, 2, 0, 1), None, stride=s)  # (in-1)*s + k, no cropping
    if padding == "same":
        oh, ow = shape[1] * s, shape[2] * s
        top, _ = same_pads(oh, k, s)
        left, _ = same_pads(ow, k, s)
        full = full[:, :, top:top + oh, left:left + ow]  # TF crops from the forward conv's SAME padding
    y = nhwc(full) + bt
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy(), {"kernel": kernel, "bias": bias},
         {"kernel": kt.grad.numpy(), "bias": bt.grad.numpy()})


def depthwise_case(name, shape, k, s, padding, mult):
    x = f32(shape)
    c = shape[3]
    kernel = f32((k, k, c, mult), 0.5)
    bias = f32((c * mult,), 0.5)
    xt, kt, bt = t64(x), t64(kernel), t64(bias)
    xp = pad_nchw(nchw(xt), k, k, s, s, 1, 1, padding)
    w = kt.reshape(k, k, c * mult).permute(2, 0, 1).unsqueeze(1)  # out channel c*mult + m
    y = nhwc(F.conv2d(xp, w, bt, stride=s, groups=c))
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy(), {"kernel": kernel, "bias": bias},
         {"kernel": kt.grad.numpy(), "bias": bt.grad.numpy()})


def pool2d(xn, kind, k, s, padding):
    if kind == "max":
        return F.max_pool2d(pad_nchw(xn, k, k, s, s, 1, 1, padding, -math.inf), k, s)
    total = F.avg_pool2d(pad_nchw(xn, k, k, s, s, 1, 1, padding), k, s) * (k * k)
    count = F.avg_pool2d(pad_nchw(torch.ones_like(xn), k, k, s, s, 1, 1, padding), k, s) * (k * k)
    return total / count


def pool2d_case(name, shape, kind, k, s, padding):
    x = f32(shape)
    xt = t64(x)
    y = nhwc(pool2d(nchw(xt), kind, k, s, padding))
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy())


def pool1d_case(name, shape, kind, k, s, padding):
    x = f32(shape)
    xt = t64(x)
    xn = xt.permute(0, 2, 1).unsqueeze(2)  # [b, c, 1, steps]
    if padding == "same":
        l, r = same_pads(shape[1], k, s)
        pads = (l, r, 0, 0)
    else:
        pads = (0, 0, 0, 0)
    if kind == "max":
        y = F.max_pool2d(F.pad(xn, pads, value=-math.inf), (1, k), (1, s))
    else:
        total = F.avg_pool2d(F.pad(xn, pads), (1, k), (1, s)) * k
        count = F.avg_pool2d(F.pad(torch.ones_like(xn), pads), (1, k), (1, s)) * k
        y = total / count
    y = y.squeeze(2).permute(0, 2, 1)
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy())


def global_case(name, shape, kind):
    x = f32(shape)
    xt = t64(x)
    axes = tuple(range(1, len(shape) - 1))
    y = xt.mean(dim=axes) if kind == "avg" else xt.amax(dim=axes)
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy())


def upsampling_case(name, shape, size):
    x = f32(shape)
    xt = t64(x)
    y = nhwc(F.interpolate(nchw(xt), scale_factor=size, mode="nearest"))
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy())


def batchnorm_case(name, shape, training, momentum=0.99, eps=1e-3):
    x = f32(shape, 2.0) + 0.5
    c = shape[-1]
    gamma, beta = f32((c,), 0.3) + 1, f32((c,), 0.3)
    moving_mean, moving_var = f32((c,), 0.2), (np.abs(f32((c,))) + 0.5).astype(np.float32)
    xt, gt, bt = t64(x), t64(gamma), t64(beta)
    axes = tuple(range(len(shape) - 1))
    if training:
        mean = xt.mean(dim=axes)
        var = ((xt - mean) ** 2).mean(dim=axes)  # biased, as Keras
    else:
        mean = torch.tensor(moving_mean, dtype=torch.float64)
        var = torch.tensor(moving_var, dtype=torch.float64)
    y = (xt - mean) / torch.sqrt(var + eps) * gt + bt
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    extra = {}
    if training:
        extra["after_moving_mean"] = moving_mean * momentum + mean.detach().numpy() * (1 - momentum)
        extra["after_moving_variance"] = moving_var * momentum + var.detach().numpy() * (1 - momentum)
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy(),
         {"gamma": gamma, "beta": beta, "moving_mean": moving_mean, "moving_variance": moving_var},
         {"gamma": gt.grad.numpy(), "beta": bt.grad.numpy()}, extra)


def layernorm_case(name, shape, eps=1e-3):
    x = f32(shape, 2.0) + 0.5
    c = shape[-1]
    gamma, beta = f32((c,), 0.3) + 1, f32((c,), 0.3)
    xt, gt, bt = t64(x), t64(gamma), t64(beta)
    y = F.layer_norm(xt, (c,), gt, bt, eps)
    dy = f32(tuple(y.shape))
    y.backward(torch.tensor(dy, dtype=torch.float64))
    save(name, x, dy, y.detach().numpy(), xt.grad.numpy(), {"gamma": gamma, "beta": beta},
         {"gamma": gt.grad.numpy(), "beta": bt.grad.numpy()})


conv2d_case("conv2d_valid", (2, 7, 6, 3), 4, (3, 3))
conv2d_case("conv2d_same_stride2", (2, 7, 6, 3), 5, (3, 3), s=(2, 2), padding="same")
conv2d_case("conv2d_same_dilation2", (2, 7, 8, 2), 3, (3, 3), d=(2, 2), padding="same")
conv2d_case("conv2d_rect_strides_relu_nobias", (2, 8, 7, 3), 4, (2, 3), s=(2, 1), use_bias=False, act="relu")
conv2d_case("conv2d_same_wide_channels", (1, 5, 5, 19), 9, (3, 3), padding="same")
conv1d_case("conv1d_valid", (2, 9, 3), 4, 3)
conv1d_case("conv1d_same_stride2", (2, 9, 3), 4, 3, s=2, padding="same")
conv1d_case("conv1d_dilation2", (2, 10, 2), 3, 3, d=2)
conv2d_transpose_case("conv2d_transpose_same_stride2", (2, 4, 5, 3), 4, 3, 2, "same")
conv2d_transpose_case("conv2d_transpose_valid_stride2", (2, 3, 4, 3), 2, 3, 2, "valid")
depthwise_case("depthwise_same", (2, 6, 5, 19), 3, 1, "same", 1)
depthwise_case("depthwise_valid_stride2_mult2", (2, 7, 6, 3), 3, 2, "valid", 2)
pool2d_case("max_pooling2d_2", (2, 7, 6, 19), "max", 2, 2, "valid")
pool2d_case("max_pooling2d_3_stride2_same", (2, 7, 6, 3), "max", 3, 2, "same")
pool2d_case("average_pooling2d_2", (2, 7, 6, 19), "avg", 2, 2, "valid")
pool2d_case("average_pooling2d_3_stride2_same", (2, 7, 6, 3), "avg", 3, 2, "same")
pool1d_case("max_pooling1d_2", (2, 9, 3), "max", 2, 2, "valid")
pool1d_case("average_pooling1d_3_stride1_same", (2, 9, 3), "avg", 3, 1, "same")
global_case("global_average_pooling2d", (2, 5, 4, 3), "avg")
global_case("global_max_pooling2d", (2, 5, 4, 3), "max")
global_case("global_average_pooling1d", (2, 6, 3), "avg")
global_case("global_max_pooling1d", (2, 6, 3), "max")
upsampling_case("up_sampling2d_2", (2, 3, 4, 3), 2)
batchnorm_case("batch_normalization_training", (6, 4, 3, 5), True)
batchnorm_case("batch_normalization_inference", (6, 4, 3, 5), False)
batchnorm_case("batch_normalization_dense_training", (16, 7), True)
layernorm_case("layer_normalization", (4, 5, 6))
