"""Writes Tests/ExplainReferences/*.json: Shapley values computed by brute force, independently
of the Swift explainers, for the explainability tests.

Run with the pinned tooling: bash scripts/explain/references.sh

For each case the game is interventional: v(S) = mean over background rows b of f(x_S, b_rest).
Shapley values are computed from their definition as the average marginal contribution over
every permutation of the features (or, above 8 features, the subset-weight formula), with f
evaluated by numpy (closed-form models) or by onnxruntime (ONNX fixtures).
"""
import itertools
import json
import math
import os
import sys

import numpy as np
import onnxruntime as ort

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "ExplainReferences")


def coalition_values(f, x, background):
    """v[mask] for every coalition mask (bit i set = feature i from x)."""
    m = x.shape[0]
    masks = np.arange(2 ** m)
    flags = ((masks[:, None] >> np.arange(m)[None, :]) & 1).astype(bool)
    n = background.shape[0]
    mixed = np.where(flags[:, None, :], x[None, None, :], background[None, :, :])
    out = f(mixed.reshape(-1, m).astype(background.dtype))
    return out.reshape(2 ** m, n, -1).mean(axis=1)


def shapley_by_permutation(v, m):
    phi = np.zeros((m, v.shape[1]))
    count = 0
    for order in itertools.permutations(range(m)):
        mask = 0
        for i in order:
            phi[i] += v[mask | (1 << i)] - v[mask]
            mask |= 1 << i
        count += 1
    return phi / count


def shapley_by_subsets(v, m):
    phi = np.zeros((m, v.shape[1]))
    for i in range(m):
        for s in range(2 ** m):
            if s & (1 << i):
                continue
            size = bin(s).count("1")
            w = math.factorial(size) * math.factorial(m - size - 1) / math.factorial(m)
            phi[i] += w * (v[s | (1 << i)] - v[s])
    return phi


def reference(f, rows, background):
    m = rows.shape[1]
    values = []
    for x in rows:
        v = coalition_values(f, x, background)
        values.append(shapley_by_permutation(v, m) if m <= 8 else shapley_by_subsets(v, m))
    return {
        "rows": rows.astype(float).tolist(),
        "background": background.astype(float).tolist(),
        "shapley": np.array(values).tolist(),
        "base": f(background).astype(float).mean(axis=0).tolist(),
        "predictions": f(rows).astype(float).tolist(),
    }


def mlp(name, m, hidden, k, unused, seed, n_rows, n_background):
    rng = np.random.default_rng(seed)
    w1 = rng.normal(size=(hidden, m))
    w1[:, unused] = 0.0
    b1 = rng.normal(size=hidden)
    w2 = rng.normal(size=(k, hidden))
    b2 = rng.normal(size=k)

    def f(x):
        h = np.tanh(x.astype(np.float64) @ w1.T + b1)
        z = h @ w2.T + b2
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    rows = rng.normal(size=(n_rows, m))
    background = rng.normal(size=(n_background, m))
    case = {"name": name, "kind": "mlp", "unused": unused,
            "model": {"w1": w1.tolist(), "b1": b1.tolist(), "w2": w2.tolist(), "b2": b2.tolist()}}
    case.update(reference(f, rows, background))
    return case


def linear(name, m, k, seed):
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(k, m))
    b = rng.normal(size=k)

    def f(x):
        return x.astype(np.float64) @ w.T + b

    rows = rng.normal(size=(4, m))
    background = rng.normal(size=(10, m))
    case = {"name": name, "kind": "linear", "model": {"w": w.tolist(), "b": b.tolist()}}
    case.update(reference(f, rows, background))
    # The closed form the issue states, for a second, direct check.
    case["closed_form"] = (w[None, :, :] * (rows - background.mean(axis=0))[:, None, :]).transpose(0, 2, 1).tolist()
    return case


def onnx_case(fixture, output, seed, n_rows=3, n_background=8):
    path = os.path.join(ROOT, "Tests", "Fixtures", fixture)
    session = ort.InferenceSession(os.path.join(path, "model.onnx"), providers=["CPUExecutionProvider"])
    inp = session.get_inputs()[0]
    request = json.load(open(os.path.join(path, "request.json")))["inputs"][0]
    dtype = np.float64 if inp.type == "tensor(double)" else np.float32
    data = np.array(request["data"], dtype=dtype).reshape(request["shape"])
    names = [o.name for o in session.get_outputs()]

    def f(x):
        out = session.run([output], {inp.name: x.astype(dtype)})[0]
        return np.asarray(out, dtype=np.float64).reshape(x.shape[0], -1)

    rng = np.random.default_rng(seed)
    rows = data[:n_rows]
    # Background: other request rows with some features jittered, so coalitions mix values.
    picks = data[rng.integers(0, data.shape[0], size=n_background)]
    jitter = rng.normal(scale=0.5, size=picks.shape) * data.std(axis=0)
    background = (picks + jitter * (rng.random(picks.shape) < 0.5)).astype(dtype)
    case = {"name": fixture, "kind": "onnx", "fixture": fixture, "output": output, "output_index": names.index(output)}
    case.update(reference(f, rows, background))
    return case


def grid(column):
    """The partial-dependence grid: distinct values if at most 20, else 20 points 5th..95th percentile."""
    values = np.sort(column[~np.isnan(column)])
    distinct = np.unique(values)
    if len(distinct) <= 20:
        return distinct
    return np.linspace(np.percentile(values, 5), np.percentile(values, 95), 20)


def global_case(fixture, output, seed):
    """Mean |SHAP| of every data row against the data, and partial dependence over it."""
    case = onnx_case(fixture, output, seed, n_rows=3, n_background=12)
    path = os.path.join(ROOT, "Tests", "Fixtures", fixture)
    session = ort.InferenceSession(os.path.join(path, "model.onnx"), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    data = np.array(case["background"], dtype=np.float32)

    def f(x):
        return np.asarray(session.run([output], {name: x.astype(np.float32)})[0], dtype=np.float64).reshape(x.shape[0], -1)

    everything = reference(f, data, data)
    curves = []
    for i in range(data.shape[1]):
        points = grid(data[:, i].astype(np.float64))
        average = []
        for g in points:
            moved = data.copy()
            moved[:, i] = g
            average.append(f(moved).mean(axis=0).tolist())
        curves.append({"grid": points.tolist(), "average": average})
    wide = np.random.default_rng(seed).normal(size=37)
    return {"name": "global_" + fixture, "kind": "global", "fixture": fixture, "output": output,
            "data": data.astype(float).tolist(),
            "mean_abs": np.abs(np.array(everything["shapley"])).mean(axis=0).tolist(),
            "base": everything["base"], "curves": curves,
            "wide_column": wide.tolist(), "wide_grid": grid(wide).tolist()}


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [
        mlp("mlp_softmax_6", m=6, hidden=8, k=3, unused=3, seed=1, n_rows=4, n_background=10),
        mlp("mlp_softmax_10", m=10, hidden=6, k=2, unused=7, seed=2, n_rows=3, n_background=8),
        linear("linear_5x2", m=5, k=2, seed=3),
        onnx_case("xgb_regressor", "variable", seed=4),
        onnx_case("lgbm_regressor", "variable", seed=5),
        onnx_case("random_forest_regressor", "variable", seed=6),
        onnx_case("gradient_boosting_regressor", "variable", seed=7),
        onnx_case("random_forest_classifier_nozipmap", "probabilities", seed=8),
        onnx_case("linear_regression", "variable", seed=9),
        onnx_case("linear_regression_fp64", "variable", seed=10),
        onnx_case("logreg_multiclass_nozipmap", "probabilities", seed=11),
        onnx_case("xgb_multiclass", "probabilities", seed=12),
        global_case("gradient_boosting_regressor", "variable", seed=13),
    ]
    for case in cases:
        with open(os.path.join(OUT, case["name"] + ".json"), "w") as out:
            # Missing values (NaN) are written as the string "NaN", which JSON can carry.
            out.write(json.dumps(case, separators=(",", ":")).replace("NaN", '"NaN"'))
            out.write("\n")
        print("wrote", case["name"])


if __name__ == "__main__":
    sys.exit(main())
