#!/usr/bin/env python3
"""Writes optimizers.npz and schedules.npz: Keras 3's optimizer and schedule formulas, re-implemented in numpy
operation by operation in the variable's dtype, for dev.vectorgrad.nn.optimizers' tests.

Run from this directory: python3 make_optimizer_fixtures.py   (numpy 2.x; no TensorFlow/Keras needed)
The tests never run Python; this script is kept so the fixtures can be reproduced.

Each function below transcribes `update_step` of keras/src/optimizers/<name>.py (Keras 3), and
`_clip_gradients` / `_apply_weight_decay` of base_optimizer.py. The rounding rules Keras's source implies:
  * `ops.cast(x, dtype)` and Python floats meeting a tensor become the tensor's dtype (weak typing), so a
    Python expression such as `1 - self.beta_1` is evaluated in double and then rounded: `D(1 - beta_1)`;
  * powers of beta and other step-dependent scalars are computed in the variable's dtype;
  * schedules compute in float32 (`ops.convert_to_tensor` of a Python float).
One deliberate difference, as vectorgrad documents: Keras keeps a plain learning rate in a float32 variable, so a
float64 variable there sees it rounded to float32; here (and in vectorgrad) it is rounded to the variable's dtype.
For float32 variables, and for every schedule, the two agree.
optimizers.npz holds, for each case, `<case>/w0` (initial weights), `<case>/g` ([steps, n] gradients) and
`<case>/w` ([steps, n] weights after each step). schedules.npz holds `<name>` = float32 values at steps 0..39.
"""
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def sgd(D, lr=0.01, momentum=0.0, nesterov=False):
    state = {}

    def step(w, g, t, lr_t):
        lr_ = D(lr_t)
        if momentum != 0:
            m = state.setdefault("m", np.zeros_like(w))
            mom = D(momentum)
            m = m * mom - g * lr_
            state["m"] = m
            if nesterov:
                return w + (m * mom - g * lr_)
            return w + m
        return w - g * lr_
    return step


def adam(D, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    state = {}

    def step(w, g, t, lr_t):
        lr_ = D(lr_t)
        local_step = D(t)
        b1p = np.power(D(beta_1), local_step)
        b2p = np.power(D(beta_2), local_step)
        m = state.setdefault("m", np.zeros_like(w))
        v = state.setdefault("v", np.zeros_like(w))
        alpha = lr_ * np.sqrt(D(1) - b2p) / (D(1) - b1p)
        m = m + (g - m) * D(1 - beta_1)
        v = v + (np.square(g) - v) * D(1 - beta_2)
        state["m"], state["v"] = m, v
        return w - (m * alpha) / (np.sqrt(v) + D(epsilon))
    return step


def rmsprop(D, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    state = {}

    def step(w, g, t, lr_t):
        lr_ = D(lr_t)
        vel = state.setdefault("vel", np.zeros_like(w))
        vel = D(rho) * vel + D(1 - rho) * np.square(g)
        state["vel"] = vel
        if centered:
            ag = state.setdefault("ag", np.zeros_like(w))
            ag = D(rho) * ag + D(1 - rho) * g
            state["ag"] = ag
            denom = vel - np.square(ag) + D(epsilon)
        else:
            denom = vel + D(epsilon)
        inc = (lr_ * g) / np.sqrt(denom)
        if momentum > 0:
            mom = state.setdefault("mom", np.zeros_like(w))
            mom = D(momentum) * mom + inc
            state["mom"] = mom
            return w - mom
        return w - inc
    return step


def adagrad(D, initial_accumulator_value=0.1, epsilon=1e-7):
    state = {}

    def step(w, g, t, lr_t):
        lr_ = D(lr_t)
        acc = state.setdefault("acc", np.full_like(w, D(initial_accumulator_value)))
        acc = acc + np.square(g)
        state["acc"] = acc
        return w - (lr_ * g) / np.sqrt(acc + D(epsilon))
    return step


def adamax(D, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    state = {}

    def step(w, g, t, lr_t):
        lr_ = D(lr_t)
        b1p = np.power(D(beta_1), D(t))
        m = state.setdefault("m", np.zeros_like(w))
        u = state.setdefault("u", np.zeros_like(w))
        m = m + (g - m) * D(1 - beta_1)
        u = np.maximum(D(beta_2) * u, np.abs(g))
        state["m"], state["u"] = m, u
        return w - (lr_ * m) / ((D(1) - b1p) * (u + D(epsilon)))
    return step


def nadam(D, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    state = {"u_product": D(1.0)}

    def before(t):
        # _backend_update_step: once per step, before the variables' update steps
        state["u_product"] = state["u_product"] * D(beta_1) * (D(1.0) - D(0.5) * np.power(D(0.96), D(t)))

    def step(w, g, t, lr_t):
        lr_ = D(lr_t)
        local_step = D(t)
        next_step = D(t + 1)
        decay = D(0.96)
        b1 = D(beta_1)
        b2 = D(beta_2)
        u_t = b1 * (D(1.0) - D(0.5) * np.power(decay, local_step))
        u_t_1 = b1 * (D(1.0) - D(0.5) * np.power(decay, next_step))
        u_product_t = state["u_product"]
        u_product_t_1 = u_product_t * u_t_1
        b2p = np.power(b2, local_step)
        m = state.setdefault("m", np.zeros_like(w))
        v = state.setdefault("v", np.zeros_like(w))
        m = m + (g - m) * (D(1) - b1)
        v = v + (np.square(g) - v) * (D(1) - b2)
        state["m"], state["v"] = m, v
        m_hat = (u_t_1 * m) / (D(1) - u_product_t_1) + ((D(1) - u_t) * g) / (D(1) - u_product_t)
        v_hat = v / (D(1) - b2p)
        return w - (m_hat * lr_) / (np.sqrt(v_hat) + D(epsilon))
    step.before = before
    return step


def clip_by_norm(D, g, clipnorm):
    l2sum = np.sum(np.square(g))
    l2norm = np.sqrt(l2sum)
    return (g * D(clipnorm)) / np.maximum(l2norm, D(clipnorm))


def clip_by_global_norm(D, gs, clipnorm):
    norm = np.sqrt(np.sum(np.stack([np.sum(np.square(g)) for g in gs])))
    scale = D(clipnorm) * np.minimum(D(1.0) / norm, D(1.0 / clipnorm)) + (norm - norm)
    return [g * scale for g in gs]


def exponential_decay(initial, decay_steps, decay_rate, staircase=False):
    def f(step):
        p = np.float32(step) / np.float32(decay_steps)
        if staircase:
            p = np.floor(p)
        return np.float32(initial) * np.power(np.float32(decay_rate), p)
    return f


def inverse_time_decay(initial, decay_steps, decay_rate, staircase=False):
    def f(step):
        p = np.float32(step) / np.float32(decay_steps)
        if staircase:
            p = np.floor(p)
        return np.float32(initial) / (np.float32(1) + np.float32(decay_rate) * p)
    return f


def cosine_decay(initial, decay_steps, alpha=0.0):
    def f(step):
        ds = np.float32(decay_steps)
        s = np.minimum(np.float32(step), ds)
        frac = s / ds
        pi = np.float32(math.pi)
        # float64 cos rounded to float32: the correctly rounded float32 cosine (numpy's float32 cos may be off by an ulp)
        cosine = np.float32(0.5) * (np.float32(1.0) + np.float32(np.cos(np.float64(pi * frac))))
        decayed = np.float32(1 - alpha) * cosine + np.float32(alpha)
        return np.float32(initial) * decayed
    return f


def piecewise(boundaries, values):
    def f(step):
        for b, v in zip(boundaries, values):
            if step <= b:
                return np.float32(v)
        return np.float32(values[-1])
    return f


SCHEDULES = {
    "exponential": exponential_decay(0.1, 10, 0.5),
    "exponential_staircase": exponential_decay(0.1, 10, 0.5, True),
    "inverse_time": inverse_time_decay(0.1, 5, 0.3),
    "inverse_time_staircase": inverse_time_decay(0.1, 5, 0.3, True),
    "cosine": cosine_decay(0.1, 30),
    "cosine_alpha": cosine_decay(0.1, 30, 0.2),
    "piecewise": piecewise([5, 12, 20], [0.1, 0.05, 0.01, 0.001]),
}


def run(name, D, opt, w0, grads, lr=0.01, schedule=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
        weight_decay=None):
    w = w0.astype(D)
    out = []
    for i, g in enumerate(grads):
        t = i + 1
        g = g.astype(D)
        lr_t = schedule(i) if schedule else lr
        if clipnorm:
            g = clip_by_norm(D, g, clipnorm)
        elif global_clipnorm:
            g = clip_by_global_norm(D, [g], global_clipnorm)[0]
        elif clipvalue:
            g = np.minimum(np.maximum(g, D(-clipvalue)), D(clipvalue))
        if weight_decay:
            w = w - w * D(weight_decay) * D(lr_t)
        if hasattr(opt, "before"):
            opt.before(t)
        w = opt(w, g, t, np.float32(lr_t) if schedule else lr_t)
        assert w.dtype == D, (name, w.dtype)
        out.append(w.copy())
    return np.stack(out)


def main():
    arrays = {}
    n, steps = 19, 6
    i = np.arange(n)
    w0 = np.cos(i * 0.37) * 2
    grads = np.stack([np.sin(i * 1.3 + t * 0.7) * 3 for t in range(steps)])
    cases = {
        "sgd": (sgd, {}, dict(lr=0.1)),
        "sgd_momentum": (sgd, dict(momentum=0.9), dict(lr=0.1)),
        "sgd_nesterov": (sgd, dict(momentum=0.9, nesterov=True), dict(lr=0.1)),
        "adam": (adam, {}, dict(lr=0.01)),
        "adam_betas": (adam, dict(beta_1=0.8, beta_2=0.95, epsilon=1e-3), dict(lr=0.05)),
        "rmsprop": (rmsprop, {}, dict(lr=0.01)),
        "rmsprop_centered_momentum": (rmsprop, dict(momentum=0.5, centered=True), dict(lr=0.01)),
        "adagrad": (adagrad, {}, dict(lr=0.1)),
        "adamax": (adamax, {}, dict(lr=0.01)),
        "nadam": (nadam, {}, dict(lr=0.01)),
        "adamw": (adam, {}, dict(lr=0.01, weight_decay=0.004)),
        "adam_clipnorm": (adam, {}, dict(lr=0.01, clipnorm=1.0)),
        "adam_clipvalue": (adam, {}, dict(lr=0.01, clipvalue=0.5)),
        "sgd_global_clipnorm": (sgd, {}, dict(lr=0.1, global_clipnorm=2.0)),
        "sgd_weight_decay": (sgd, {}, dict(lr=0.1, weight_decay=0.1)),
        "sgd_exponential": (sgd, {}, dict(schedule=SCHEDULES["exponential"])),
        "adam_cosine": (adam, {}, dict(schedule=SCHEDULES["cosine"])),
    }
    for D, suffix in ((np.float32, "f32"), (np.float64, "f64")):
        for name, (make, kw, runkw) in cases.items():
            key = f"{name}_{suffix}"
            arrays[key + "/w0"] = w0.astype(D)
            arrays[key + "/g"] = grads.astype(D)
            arrays[key + "/w"] = run(key, D, make(D, **kw), w0, grads, **runkw)
    # the example: Adam(0.5), w = [1, 2, 3, 4], g = [1, 6, 7, 2], one step
    for D, suffix in ((np.float32, "f32"), (np.float64, "f64")):
        key = f"adam_issue_{suffix}"
        arrays[key + "/w0"] = np.array([1, 2, 3, 4], D)
        arrays[key + "/g"] = np.array([[1, 6, 7, 2]], D)
        arrays[key + "/w"] = run(key, D, adam(D), np.array([1, 2, 3, 4.0]), np.array([[1, 6, 7, 2.0]]), lr=0.5)
    np.savez(os.path.join(HERE, "optimizers.npz"), **arrays)
    np.savez(os.path.join(HERE, "schedules.npz"),
             **{k: np.array([f(s) for s in range(40)], np.float32) for k, f in SCHEDULES.items()})
    print("adam_issue_f32", arrays["adam_issue_f32/w"], "adam_issue_f64", arrays["adam_issue_f64/w"])


if __name__ == "__main__":
    main()
