#!/usr/bin/env python3
"""Writes losses_metrics.npz: Keras 3's loss and metric formulas (keras/src/losses/losses.py,
keras/src/metrics/*.py, metrics_utils.py) re-implemented in numpy, float64, for dev.vectorgrad.nn's tests.

Run from this directory: python3 make_loss_metric_fixtures.py   (numpy 2.x; no TensorFlow/Keras needed)
The tests never run Python; this script is kept so the fixtures can be reproduced.
Keys: inputs `x/<name>`, expected values `loss/<name>`, `metric/<name>` (float64 scalars).
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EPS = 1e-7


def mean_last_then_batch(x):
    return np.mean(np.mean(x, axis=-1))


def huber(t, p, delta=1.0):
    e = p - t
    a = np.abs(e)
    return mean_last_then_batch(np.where(a <= delta, 0.5 * e * e, delta * a - 0.5 * delta * delta))


def log_cosh(t, p):
    x = p - t
    softplus = np.logaddexp(0.0, -2.0 * x)
    return mean_last_then_batch(x + softplus - np.log(2.0))


def kl_divergence(t, p):
    t = np.clip(t, EPS, 1)
    p = np.clip(p, EPS, 1)
    return np.mean(np.sum(t * np.log(t / p), axis=-1))


def l2_normalize(x, axis):
    return x / np.sqrt(np.maximum(np.sum(x * x, axis=axis, keepdims=True), 1e-12))


def cosine_similarity(t, p, axis=-1):
    return np.mean(-np.sum(l2_normalize(t, axis) * l2_normalize(p, axis), axis=axis))


def hinge(t, p):
    if np.all((t == 0) | (t == 1)):
        t = 2.0 * t - 1.0
    return mean_last_then_batch(np.maximum(1.0 - t * p, 0.0))


def poisson(t, p):
    return mean_last_then_batch(p - t * np.log(p + EPS))


def binary_crossentropy(t, p, label_smoothing=0.0, from_logits=False):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        per = np.maximum(p, 0) - p * t + np.log1p(np.exp(-np.abs(p)))
    else:
        p = np.clip(p, EPS, 1 - EPS)
        per = -(t * np.log(p) + (1 - t) * np.log(1 - p))
    return mean_last_then_batch(per)


def categorical_crossentropy(t, p, label_smoothing=0.0, from_logits=False):
    t = t * (1.0 - label_smoothing) + label_smoothing / p.shape[-1]
    if from_logits:
        logp = p - np.max(p, -1, keepdims=True)
        logp = logp - np.log(np.sum(np.exp(logp), -1, keepdims=True))
    else:
        logp = np.log(np.clip(p / np.sum(p, -1, keepdims=True), EPS, 1 - EPS))
    return np.mean(-np.sum(t * logp, -1))


def in_top_k(targets, scores, k):
    out = []
    for row, tgt in zip(scores, targets):
        out.append(float(np.isfinite(row[tgt]) and np.sum(row > row[tgt]) < k))
    return np.array(out)


def auc_roc(t, p, num_thresholds=200):
    # metrics_utils._update_confusion_matrix_variables_optimized (evenly spaced thresholds), then AUC.result()
    p32 = p.astype(np.float32)
    buckets = np.maximum(np.ceil(p32 * np.float32(num_thresholds - 1)) - 1, 0).astype(np.int64)
    tp_b = np.zeros(num_thresholds)
    fp_b = np.zeros(num_thresholds)
    np.add.at(tp_b, buckets, t)
    np.add.at(fp_b, buckets, 1 - t)
    tp = np.cumsum(tp_b[::-1])[::-1]
    fp = np.cumsum(fp_b[::-1])[::-1]
    fn = np.sum(t) - tp
    tn = np.sum(1 - t) - fp
    recall = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1e-300), 0)
    fpr = np.where(fp + tn > 0, fp / np.maximum(fp + tn, 1e-300), 0)
    heights = (recall[:-1] + recall[1:]) / 2.0
    return np.sum((fpr[:-1] - fpr[1:]) * heights)


def main():
    rng = np.random.default_rng(14)
    a = {}
    reg_t = rng.normal(size=(6, 5))
    reg_p = reg_t + rng.normal(scale=1.5, size=(6, 5))
    prob_t = rng.dirichlet(np.ones(5), size=6)
    prob_p = rng.dirichlet(np.ones(5), size=6)
    bin_t = (rng.random((8, 3)) > 0.5).astype(np.float64)
    bin_p = rng.random((8, 3))
    logits = rng.normal(scale=3, size=(8, 3))
    onehot = np.eye(5)[rng.integers(0, 5, size=6)]
    counts = rng.poisson(3.0, size=(6, 5)).astype(np.float64)
    rates = rng.gamma(2.0, 1.5, size=(6, 5))
    for k, v in dict(reg_t=reg_t, reg_p=reg_p, prob_t=prob_t, prob_p=prob_p, bin_t=bin_t, bin_p=bin_p, logits=logits,
                     onehot=onehot, counts=counts, rates=rates).items():
        a["x/" + k] = v
    a["loss/huber"] = huber(reg_t, reg_p)
    a["loss/huber_delta_0.5"] = huber(reg_t, reg_p, 0.5)
    a["loss/log_cosh"] = log_cosh(reg_t, reg_p)
    a["loss/kl_divergence"] = kl_divergence(prob_t, prob_p)
    a["loss/cosine_similarity"] = cosine_similarity(reg_t, reg_p)
    a["loss/cosine_similarity_axis0"] = cosine_similarity(reg_t, reg_p, axis=0)
    a["loss/hinge_binary"] = hinge(bin_t, logits)
    a["loss/hinge_signed"] = hinge(2 * bin_t - 1, logits)
    a["loss/poisson"] = poisson(counts, rates)
    a["loss/bce_smoothing"] = binary_crossentropy(bin_t, bin_p, 0.2)
    a["loss/bce_logits_smoothing"] = binary_crossentropy(bin_t, logits, 0.1, from_logits=True)
    a["loss/cce_smoothing"] = categorical_crossentropy(onehot, prob_p, 0.1)
    a["loss/cce_logits_smoothing"] = categorical_crossentropy(onehot, reg_p, 0.3, from_logits=True)

    # metrics
    a["metric/binary_accuracy"] = np.mean(bin_t == (bin_p > 0.5))
    a["metric/binary_accuracy_0.7"] = np.mean(bin_t == (bin_p > 0.7))
    labels = np.argmax(onehot, -1)
    scores = 0.25 * onehot + rng.dirichlet(np.ones(5), size=6)
    scores[0] = [0.2, 0.2, 0.2, 0.2, 0.2]  # ties across the k-th place count as in, as tf.math.in_top_k
    a["x/scores"] = scores
    a["metric/top_k_1"] = np.mean(in_top_k(labels, scores, 1))
    a["metric/top_k_2"] = np.mean(in_top_k(labels, scores, 2))
    a["metric/sparse_top_k_3"] = np.mean(in_top_k(labels, scores, 3))
    pos = bin_p > 0.5
    lab = bin_t != 0
    a["metric/precision"] = np.sum(pos & lab) / np.sum(pos)
    a["metric/recall"] = np.sum(pos & lab) / np.sum(lab)
    a["metric/auc"] = auc_roc(bin_t.ravel(), bin_p.ravel())
    big_t = (rng.random(500) > 0.6).astype(np.float64)
    big_p = np.clip(0.35 * big_t + rng.random(500) * 0.65, 0, 1)
    big_p[:5] = [0.0, 1.0, 0.5, 1 / 199, 198 / 199]
    a["x/big_t"], a["x/big_p"] = big_t, big_p
    a["metric/auc_big"] = auc_roc(big_t, big_p)
    a["metric/mse"] = np.mean(np.mean((reg_t - reg_p) ** 2, -1))
    a["metric/mae"] = np.mean(np.mean(np.abs(reg_t - reg_p), -1))
    a["metric/rmse"] = np.sqrt(np.mean((reg_t - reg_p) ** 2))
    np.savez(os.path.join(HERE, "losses_metrics.npz"), **{k: np.asarray(v, np.float64) for k, v in a.items()})


if __name__ == "__main__":
    main()
