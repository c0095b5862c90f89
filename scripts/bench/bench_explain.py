"""Times Lastmile's SHAP explanations against the Python `shap` package on the same model.

Trains one XGBoost regressor (30 features, make_regression, fixed seeds), converts it to ONNX
with onnxmltools for Lastmile, starts `lastmile serve` on a free port, uploads and deploys it,
and in the same run times the explanation of 10 rows against a 100-row background:
  kernel  Lastmile `"method": "kernel"` with `samples` N, over HTTP (request to parsed reply)
          vs shap.KernelExplainer(model.predict, background).shap_values(rows, nsamples=N);
  tree    Lastmile `"method": "tree"`, over HTTP
          vs shap.TreeExplainer(model, background, feature_perturbation="interventional").
Each time is the median of --repeats runs after one warm-up. shap's KernelExplainer runs with
l1_reg=False: Lastmile does no feature selection, so both solve the same regression. The values
are checked too: Lastmile tree against shap's tree (must agree within 1e-3 of the largest
value), both kernels against the exact (tree) values, and each kernel against the other.
Usage:
  bench_explain.py LASTMILE_BINARY [--samples N] [--repeats R] [--replicas N]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error

import numpy as np
import onnxmltools
import shap
import xgboost as xgb
from onnxmltools.convert.common.data_types import FloatTensorType
from sklearn.datasets import make_regression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_server import TOKEN, api, free_port, stop, wait_ready  # noqa: E402

FEATURES = 30
EXPLAINED_ROWS = 10
BACKGROUND_ROWS = 100
TREE_TOLERANCE = 1e-3


def median_ms(run, repeats):
    """Runs `run` once to warm up, then `repeats` times; returns (median ms, last result)."""
    result = run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), result


def start_lastmile(args, work, onnx_path):
    port = free_port()
    env = dict(os.environ, LASTMILE_ADMIN_TOKEN=TOKEN, LASTMILE_LOG_LEVEL="warning")
    process = subprocess.Popen([args.lastmile, "serve", "--port", str(port), "--data-dir", os.path.join(work, "data")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + "/health/ready")
        api(base, "POST", "/v1/workspaces", json.dumps({"name": "bench"}).encode())
        api(base, "POST", "/v1/workspaces/bench/models/xgb", open(onnx_path, "rb").read(), "application/octet-stream")
        api(base, "PUT", "/v1/pipelines/xgb",
            json.dumps({"workspace": "bench", "steps": [{"model": {"name": "xgb"}}]}).encode())
        api(base, "POST", "/v1/pipelines/xgb/deploy", json.dumps({"config": {"replicas": args.replicas}}).encode())
    except BaseException:
        stop(process)
        raise
    return process, base


def records(matrix):
    # float32 values widened exactly to doubles: the server reads back the same float32s.
    return [{"input": [float(v) for v in row]} for row in matrix]


def lastmile_explain(base, rows, background, method, samples, seed):
    body = {"rows": records(rows), "background": records(background), "method": method, "seed": seed}
    if samples is not None:
        body["samples"] = samples

    def run():
        try:
            return api(base, "POST", "/v1/pipelines/xgb/explain", json.dumps(body).encode())
        except urllib.error.HTTPError as error:
            raise SystemExit(f"bench: lastmile {method} explain: HTTP {error.code}: {error.read().decode()[:500]}")
    return run


def lastmile_values(reply):
    """[row][feature] (the regressor has one output) and its base value."""
    return np.array(reply["values"], dtype=np.float64)[:, :, 0], float(reply["base_values"][0])


def relative(a, b, scale):
    return float(np.max(np.abs(a - b)) / scale)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("lastmile")
    parser.add_argument("--samples", type=int, default=2 * FEATURES + 2048,
                        help="KernelSHAP coalitions for both (default 2M+2048, the default of both)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs after one warm-up (median)")
    parser.add_argument("--replicas", type=int, default=1, help="replicas of the Lastmile deployment")
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    x, y = make_regression(n_samples=2000, n_features=FEATURES, n_informative=20, noise=5.0, random_state=args.seed)
    x = x.astype(np.float32)
    model = xgb.XGBRegressor(n_estimators=args.trees, max_depth=args.depth, learning_rate=0.1, random_state=args.seed)
    model.fit(x, y)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(x))
    background = x[order[:BACKGROUND_ROWS]]
    rows = x[order[BACKGROUND_ROWS:BACKGROUND_ROWS + EXPLAINED_ROWS]]

    work = tempfile.mkdtemp(prefix="lastmile-bench-explain-")
    onnx_path = os.path.join(work, "xgb.onnx")
    onx = onnxmltools.convert_xgboost(model, initial_types=[("input", FloatTensorType([None, FEATURES]))],
                                      target_opset=15)
    with open(onnx_path, "wb") as f:
        f.write(onx.SerializeToString())

    results = {}
    process = None
    try:
        process, base = start_lastmile(args, work, onnx_path)
        print(f"bench: lastmile kernel ({args.samples} samples) ...", flush=True)
        results["lastmile kernel"] = median_ms(
            lastmile_explain(base, rows, background, "kernel", args.samples, args.seed), args.repeats)
        print("bench: lastmile tree ...", flush=True)
        results["lastmile tree"] = median_ms(
            lastmile_explain(base, rows, background, "tree", None, args.seed), args.repeats)
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(work, ignore_errors=True)

    print(f"bench: shap KernelExplainer ({args.samples} samples) ...", flush=True)
    kernel = shap.KernelExplainer(model.predict, background)
    np.random.seed(args.seed)
    results["shap kernel"] = median_ms(
        lambda: kernel.shap_values(rows, nsamples=args.samples, l1_reg=False, silent=True), args.repeats)
    print("bench: shap TreeExplainer (interventional) ...", flush=True)
    tree = shap.TreeExplainer(model, background, feature_perturbation="interventional")
    results["shap tree"] = median_ms(lambda: tree.shap_values(rows), args.repeats)

    lm_kernel, lm_kernel_base = lastmile_values(results["lastmile kernel"][1])
    lm_tree, lm_tree_base = lastmile_values(results["lastmile tree"][1])
    sh_kernel = np.asarray(results["shap kernel"][1], dtype=np.float64).reshape(EXPLAINED_ROWS, FEATURES)
    sh_tree = np.asarray(results["shap tree"][1], dtype=np.float64).reshape(EXPLAINED_ROWS, FEATURES)
    sh_tree_base = float(np.ravel(tree.expected_value)[0])
    scale = float(np.max(np.abs(sh_tree)))
    predictions = model.predict(rows).astype(np.float64)

    tree_diff = relative(lm_tree, sh_tree, scale)
    checks = [
        ("lastmile tree vs shap tree", float(np.max(np.abs(lm_tree - sh_tree))), tree_diff, TREE_TOLERANCE),
        ("lastmile kernel vs shap tree (exact)", float(np.max(np.abs(lm_kernel - sh_tree))),
         relative(lm_kernel, sh_tree, scale), None),
        ("shap kernel vs shap tree (exact)", float(np.max(np.abs(sh_kernel - sh_tree))),
         relative(sh_kernel, sh_tree, scale), None),
        ("lastmile kernel vs shap kernel", float(np.max(np.abs(lm_kernel - sh_kernel))),
         relative(lm_kernel, sh_kernel, scale), None),
        ("lastmile tree base vs shap tree base", abs(lm_tree_base - sh_tree_base),
         abs(lm_tree_base - sh_tree_base) / scale, TREE_TOLERANCE),
        ("lastmile tree efficiency (sum + base vs predict)",
         float(np.max(np.abs(lm_tree.sum(axis=1) + lm_tree_base - predictions))),
         float(np.max(np.abs(lm_tree.sum(axis=1) + lm_tree_base - predictions))) / scale, TREE_TOLERANCE),
        ("lastmile kernel efficiency (sum + base vs predict)",
         float(np.max(np.abs(lm_kernel.sum(axis=1) + lm_kernel_base - predictions))),
         float(np.max(np.abs(lm_kernel.sum(axis=1) + lm_kernel_base - predictions))) / scale, TREE_TOLERANCE),
    ]
    # KernelSHAP is an estimate: Lastmile's may stray from the exact values a little more than
    # shap's (different random coalitions), not by an order of magnitude.
    kernel_limit = max(3 * checks[2][2], 0.02)
    checks[1] = checks[1][:3] + (kernel_limit,)

    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"\nexplain benchmark: {EXPLAINED_ROWS} rows, {BACKGROUND_ROWS}-row background, XGBoost regressor "
          f"({FEATURES} features, {args.trees} trees, depth {args.depth}), kernel samples {args.samples}, "
          f"median of {args.repeats} runs after a warm-up")
    print(f"lastmile: over HTTP (JSON request to parsed reply, loopback), replicas={args.replicas}; "
          f"shap {shap.__version__} in-process, xgboost {xgb.__version__} predict on {os.cpu_count()} threads, "
          f"KernelExplainer l1_reg=False")
    print(f"load: {load}")
    print(f"{'method':10} {'lastmile ms':>12} {'shap ms':>12} {'shap/lastmile':>14}")
    for method in ["kernel", "tree"]:
        a, b = results[f"lastmile {method}"][0], results[f"shap {method}"][0]
        print(f"{method:10} {a:>12,.1f} {b:>12,.1f} {b / a:>13.1f}x")
    print(f"\nvalues (max |SHAP| {scale:.4g}; relative = max abs diff / max |SHAP|):")
    failed = False
    for label, absolute, rel, limit in checks:
        verdict = "" if limit is None else ("ok" if rel <= limit else "FAIL") + f" (limit {limit:.3g})"
        failed |= limit is not None and rel > limit
        print(f"  {label:52} max diff {absolute:.3g}  relative {rel:.3g}  {verdict}")
    if failed:
        raise SystemExit("bench: Lastmile's values disagree with shap's beyond the limits above")


if __name__ == "__main__":
    main()
