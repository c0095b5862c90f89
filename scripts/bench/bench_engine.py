"""Times Lastmile's engine and onnxruntime side by side on the committed fixtures.

For each fixture and batch size (1 and 1000 rows, or 64 images for a CNN, made from the
fixture's request rows), it
writes the v2 request, runs `lastmile bench` (one thread, in-process) and onnxruntime with
intra_op_num_threads=1 on the same tensors, and prints a table of median latencies with the
ratio lastmile / onnxruntime. Usage: bench_engine.py LASTMILE_BINARY [--iterations N].
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnxruntime as ort

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
DTYPES = {"FP32": np.float32, "FP64": np.float64, "INT64": np.int64, "INT32": np.int32, "BYTES": object, "BOOL": np.bool_}


def request_arrays(path):
    with open(path) as f:
        request = json.load(f)
    arrays = {}
    for item in request["inputs"]:
        data = [float("nan") if v == "NaN" else v for v in item["data"]] if item["datatype"].startswith("FP") else item["data"]
        arrays[item["name"]] = np.array(data, dtype=DTYPES[item["datatype"]]).reshape(item["shape"])
    return arrays, {item["name"]: item["datatype"] for item in request["inputs"]}


def with_batch(arrays, batch):
    out = {}
    for name, a in arrays.items():
        reps = -(-batch // a.shape[0])
        out[name] = np.concatenate([a] * reps, axis=0)[:batch]
    return out


def write_request(arrays, datatypes, path):
    inputs = []
    for name, a in arrays.items():
        data = [("NaN" if isinstance(v, float) and v != v else v) for v in a.ravel().tolist()]
        inputs.append({"name": name, "shape": list(a.shape), "datatype": datatypes[name], "data": data})
    with open(path, "w") as f:
        json.dump({"inputs": inputs}, f)


def time_ort(model, arrays, iterations, warmup):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    for _ in range(warmup):
        session.run(None, arrays)
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        session.run(None, arrays)
        samples.append(time.perf_counter_ns() - start)
    samples.sort()
    return samples[len(samples) // 2] / 1000.0


def time_lastmile(binary, model, request, iterations, warmup):
    result = subprocess.run(
        [binary, "bench", model, "--input", request, "--iterations", str(iterations), "--warmup", str(warmup)],
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["p50_us"]


def main():
    ort.set_default_logger_severity(3)  # converter-declared shapes trigger per-run warnings
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--batches", default="1,1000")
    args = parser.parse_args()
    with open(os.path.join(FIXTURES, "index.json")) as f:
        names = json.load(f)["fixtures"]
    load = os.getloadavg()
    print(f"machine load average (1/5/15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; one thread each")
    print(f"{'model':<48} {'batch':>6} {'lastmile p50 us':>16} {'onnxruntime p50 us':>19} {'ratio':>7}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            model = os.path.join(FIXTURES, name, "model.onnx")
            arrays, datatypes = request_arrays(os.path.join(FIXTURES, name, "request.json"))
            batches = [int(b) for b in args.batches.split(",")]
            if any(a.ndim == 4 for a in arrays.values()):  # images: the large batch is 64
                batches = [b if b < 64 else 64 for b in batches]
            for batch in batches:
                batched = with_batch(arrays, batch)
                request = os.path.join(tmp, f"{name}-{batch}.json")
                write_request(batched, datatypes, request)
                iterations = args.iterations if batch < 100 else max(args.iterations // 10, 20)
                warmup = max(iterations // 10, 5)
                try:
                    ours = time_lastmile(args.binary, model, request, iterations, warmup)
                    theirs = time_ort(model, batched, iterations, warmup)
                except Exception as error:  # a model one side cannot run is reported, not fatal
                    print(f"{name:<48} {batch:>6} failed: {str(error)[:80]}")
                    continue
                ratio = ours / theirs
                rows.append((name, batch, ratio))
                print(f"{name:<48} {batch:>6} {ours:>16.2f} {theirs:>19.2f} {ratio:>7.2f}", flush=True)
    for batch in sorted({b for _, b, _ in rows}):
        ratios = [r for _, b, r in rows if b == batch]
        worst = max(ratios)
        geo = float(np.exp(np.mean(np.log(ratios))))
        print(f"batch {batch}: geometric mean ratio {geo:.2f}, worst {worst:.2f}, "
              f"{sum(r <= 1.0 for r in ratios)}/{len(ratios)} at or under 1.0")


if __name__ == "__main__":
    sys.exit(main())
