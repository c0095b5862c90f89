"""Measures `lastmile serve` against MLServer on the same model, machine and load generator.

Trains one scikit-learn logistic regression (6 features, like the logreg fixture), exports it
to ONNX with skl2onnx for Lastmile and to joblib for MLServer's sklearn runtime, starts both
servers and drives each with wrk (64 connections) in the same run:
  1. single-row Open Inference Protocol JSON requests at full speed: requests/s, p50, p99;
  2. the same at half of Lastmile's peak rate (wrk's delay()): p50, p99;
  3. 1,000-row batch requests: rows/s.
Prints one table with the ratio Lastmile / MLServer. Usage:
  bench_server.py LASTMILE_BINARY [--duration SECONDS] [--connections N] [--replicas N]

With --logging-cost it measures instead what the inference log costs: Lastmile alone, with the
log off and on (async durability), alternating twice and keeping each side's best run, under
10-row requests (which log well over 100,000 rows/s) and 1,000-row requests.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from skl2onnx import to_onnx

TOKEN = "lm_bench_token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, headers=None, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=2) as reply:
                if reply.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.3)
    raise SystemExit(f"bench: {url} did not become ready")


def api(base, method, path, body=None, content_type="application/json"):
    request = urllib.request.Request(base + path, data=body, method=method)
    request.add_header("Authorization", f"Bearer {TOKEN}")
    if body is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request) as reply:
        return json.loads(reply.read() or b"{}")


def v2_body(rows, outputs):
    flat = [round(float(v), 6) for v in rows.reshape(-1)]
    body = {"inputs": [{"name": "X", "shape": list(rows.shape), "datatype": "FP32", "data": flat}]}
    if outputs:
        body["outputs"] = [{"name": name} for name in outputs]
    return json.dumps(body)


def lua_script(directory, name, body, headers, delay_ms=None):
    path = os.path.join(directory, name + ".lua")
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
    for key, value in headers.items():
        lines.append(f'wrk.headers["{key}"] = "{value}"')
    if delay_ms is not None:
        # A random pause (uniform, mean delay_ms) per request keeps the connections from
        # firing in lockstep, so arrivals are spread as with independent clients.
        lines.append(f"function delay() return math.random(0, {2 * delay_ms}) end")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def parse_duration(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise SystemExit(f"bench: cannot read the duration {text!r} from wrk")
    value, unit = match.groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def run_wrk(url, script, connections, duration):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script, url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    distribution = out.split("Latency Distribution", 1)[-1]
    p50_match = re.search(r"^\s*50(?:\.000)?%\s+(\S+)", distribution, re.M)
    p99_match = re.search(r"^\s*99(?:\.000)?%\s+(\S+)", distribution, re.M)
    if p50_match is None or p99_match is None:
        raise SystemExit(f"bench: no latency distribution in wrk's output for {url}:\n{out}")
    p50 = parse_duration(p50_match.group(1))
    p99 = parse_duration(p99_match.group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if errors:
        print(f"bench: warning: {errors.group(1)} non-2xx replies from {url}", file=sys.stderr)
    if socket_errors:
        print(f"bench: warning: socket errors from {url}: {socket_errors.group(1)}", file=sys.stderr)
    return {"rps": rps, "p50": p50, "p99": p99}


def measure(name, url, headers, single, batch, connections, duration, work, half_rate=None):
    print(f"bench: {name}: single-row requests for {duration} s ...", flush=True)
    result = {"single": run_wrk(url, lua_script(work, name + "-single", single, headers), connections, duration)}
    rate = half_rate or result["single"]["rps"] / 2
    delay_ms = max(1, round(connections * 1000 / rate))
    print(f"bench: {name}: single-row requests at about {connections * 1000 / delay_ms:.0f}/s (random pauses) ...", flush=True)
    result["half"] = run_wrk(url, lua_script(work, name + "-half", single, headers, delay_ms), connections, duration)
    print(f"bench: {name}: 1000-row requests for {duration} s ...", flush=True)
    result["batch"] = run_wrk(url, lua_script(work, name + "-batch", batch, headers), 8, duration)
    result["batch"]["rows"] = result["batch"]["rps"] * 1000
    return result


def start_lastmile(args, work, onnx_path, log, tag="data"):
    """Starts `lastmile serve` on a fresh data directory with the logreg pipeline deployed."""
    port = free_port()
    env = dict(os.environ, LASTMILE_ADMIN_TOKEN=TOKEN, LASTMILE_LOG_LEVEL="warning")
    process = subprocess.Popen([args.lastmile, "serve", "--port", str(port), "--data-dir", os.path.join(work, tag),
                                "--log-durability", log],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base + "/health/ready")
    api(base, "POST", "/v1/workspaces", json.dumps({"name": "bench"}).encode())
    api(base, "POST", "/v1/workspaces/bench/models/logreg", open(onnx_path, "rb").read(), "application/octet-stream")
    api(base, "PUT", "/v1/pipelines/logreg", json.dumps({"workspace": "bench", "steps": [{"model": {"name": "logreg"}}]}).encode())
    api(base, "POST", "/v1/pipelines/logreg/deploy", json.dumps({"config": {"replicas": args.replicas}}).encode())
    return process, base


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def logging_cost(args, work, onnx_path, x):
    """Rows/s with the inference log off and on, best of two alternating runs each."""
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    loads = [("10-row requests", 10, args.connections), ("1000-row requests", 1000, 8)]
    best = {}
    for round_ in range(2):
        for log in ["off", "async"]:
            process, base = start_lastmile(args, work, onnx_path, log, tag=f"data-{log}-{round_}")
            try:
                for label, rows, connections in loads:
                    print(f"bench: lastmile, log {log}, {label} for {args.duration} s ...", flush=True)
                    script = lua_script(work, f"cost-{rows}", v2_body(np.resize(x, (rows, 6)), ["probabilities"]), headers)
                    rate = run_wrk(base + "/v2/models/logreg/infer", script, connections, args.duration)["rps"] * rows
                    best[(log, label)] = max(best.get((log, label), 0), rate)
            finally:
                stop(process)
    print(f"\ninference log cost: wrk, {args.connections} connections (8 for 1000-row requests), {args.duration} s per run, "
          f"best of 2 runs each, lastmile replicas={args.replicas}")
    print(f"{'rows/s':24} {'log off':>12} {'log async':>12} {'on / off':>9}")
    for label, _, _ in loads:
        off, on = best[("off", label)], best[("async", label)]
        print(f"{label:24} {off:>12,.0f} {on:>12,.0f} {on / off:>9.2f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("lastmile")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--lastmile-only", action="store_true", help="skip MLServer (quick checks; prints no ratios)")
    parser.add_argument("--logging-cost", action="store_true",
                        help="measure Lastmile alone with the inference log off and on instead of against MLServer")
    parser.add_argument("--log", choices=["async", "sync", "off"], default="async",
                        help="the server's --log-durability (off measures serving without the inference log)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk is missing (apt-get install wrk)")

    x, y = make_classification(n_samples=2000, n_features=6, random_state=0)
    x = x.astype(np.float32)
    model = LogisticRegression(max_iter=500).fit(x, y)
    work = tempfile.mkdtemp(prefix="lastmile-bench-")
    onnx_path = os.path.join(work, "model.onnx")
    with open(onnx_path, "wb") as f:
        f.write(to_onnx(model, x[:1], options={id(model): {"zipmap": False}}, target_opset=15).SerializeToString())
    mlserver_dir = os.path.join(work, "mlserver")
    os.makedirs(os.path.join(mlserver_dir, "logreg"))
    joblib.dump(model, os.path.join(mlserver_dir, "logreg", "model.joblib"))

    single_rows = x[:1]
    batch_rows = np.resize(x, (1000, 6))
    processes = []
    try:
        # Lastmile
        if args.logging_cost:
            logging_cost(args, work, onnx_path, x)
            return
        process, base = start_lastmile(args, work, onnx_path, args.log)
        processes.append(process)
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        lastmile = measure("lastmile", base + "/v2/models/logreg/infer", headers,
                           v2_body(single_rows, ["probabilities"]), v2_body(batch_rows, ["probabilities"]),
                           args.connections, args.duration, work)
        stop(processes.pop())

        if args.lastmile_only:
            for label, key in [("single", "single"), ("half", "half"), ("batch", "batch")]:
                print(f"lastmile {label}: {lastmile[key]}")
            return
        # MLServer, sklearn runtime, same model
        http_port, grpc_port = free_port(), free_port()
        with open(os.path.join(mlserver_dir, "settings.json"), "w") as f:
            json.dump({"http_port": http_port, "grpc_port": grpc_port, "metrics_endpoint": None, "debug": False}, f)
        with open(os.path.join(mlserver_dir, "logreg", "model-settings.json"), "w") as f:
            json.dump({"name": "logreg", "implementation": "mlserver_sklearn.SKLearnModel",
                       "parameters": {"uri": "./model.joblib"}}, f)
        mlserver_bin = os.path.join(os.path.dirname(sys.executable), "mlserver")
        processes.append(subprocess.Popen([mlserver_bin, "start", mlserver_dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        mbase = f"http://127.0.0.1:{http_port}"
        wait_ready(mbase + "/v2/models/logreg/ready")
        mlserver = measure("mlserver", mbase + "/v2/models/logreg/infer", {"Content-Type": "application/json"},
                           v2_body(single_rows, ["predict_proba"]), v2_body(batch_rows, ["predict_proba"]),
                           args.connections, args.duration, work, half_rate=lastmile["single"]["rps"] / 2)
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(work, ignore_errors=True)

    def ratio(a, b):
        return f"{a / b:.2f}x" if b else "-"

    rows = [
        ("single-row requests/s", lastmile["single"]["rps"], mlserver["single"]["rps"], "{:,.0f}"),
        ("single-row p50 ms (full load)", lastmile["single"]["p50"], mlserver["single"]["p50"], "{:.2f}"),
        ("single-row p99 ms (full load)", lastmile["single"]["p99"], mlserver["single"]["p99"], "{:.2f}"),
        ("requests/s at half Lastmile's peak", lastmile["half"]["rps"], mlserver["half"]["rps"], "{:,.0f}"),
        ("p50 ms at that rate", lastmile["half"]["p50"], mlserver["half"]["p50"], "{:.2f}"),
        ("p99 ms at that rate", lastmile["half"]["p99"], mlserver["half"]["p99"], "{:.2f}"),
        ("1000-row batches: rows/s", lastmile["batch"]["rows"], mlserver["batch"]["rows"], "{:,.0f}"),
    ]
    print(f"\nserver benchmark: wrk, {args.connections} connections (8 for batches), {args.duration} s per run, "
          f"lastmile replicas={args.replicas}, inference log {args.log}, MLServer sklearn runtime")
    print(f"{'measure':40} {'lastmile':>12} {'mlserver':>12} {'ratio':>8}")
    for label, a, b, fmt in rows:
        print(f"{label:40} {fmt.format(a):>12} {fmt.format(b):>12} {ratio(a, b):>8}")


if __name__ == "__main__":
    main()
