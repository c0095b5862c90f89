"""Runs tritonclient's HTTP client, unmodified, against a real `lastmile serve`.

Starts the server on a free port with a temporary data directory, uploads the logistic-
regression fixture, creates and deploys a pipeline through the /v1 API, then uses
tritonclient to read server and model metadata and to infer with JSON and with binary
tensors. Outputs are compared with onnxruntime's (the fixture's expected.json).
Exits non-zero with a message on any mismatch.
"""
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import numpy as np
import tritonclient.http as httpclient

TOKEN = "lm_compat_check_token"


def start_server(binary, data_dir):
    env = dict(os.environ, LASTMILE_ADMIN_TOKEN=TOKEN, LASTMILE_LOG_LEVEL="warning")
    process = subprocess.Popen(
        [binary, "serve", "--port", "0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"listening on http://([\d.]+:\d+)", line)
        if match:
            return process, match.group(1)
    process.kill()
    raise SystemExit("compat: the server did not report its address")


def api(address, method, path, body=None, content_type="application/json"):
    request = urllib.request.Request(f"http://{address}{path}", data=body, method=method)
    request.add_header("Authorization", f"Bearer {TOKEN}")
    if body is not None:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request) as reply:
        return json.loads(reply.read() or b"{}")


def check(condition, message):
    if not condition:
        raise SystemExit(f"compat: FAILED: {message}")


def main():
    binary, fixture = sys.argv[1], sys.argv[2]
    request = json.load(open(os.path.join(fixture, "request.json")))
    expected = {o["name"]: o for o in json.load(open(os.path.join(fixture, "expected.json")))["outputs"]}
    x = np.array(request["inputs"][0]["data"], dtype=np.float32).reshape(request["inputs"][0]["shape"])

    with tempfile.TemporaryDirectory() as data_dir:
        process, address = start_server(binary, data_dir)
        try:
            api(address, "POST", "/v1/workspaces", json.dumps({"name": "compat"}).encode())
            api(address, "POST", "/v1/workspaces/compat/models/logreg",
                open(os.path.join(fixture, "model.onnx"), "rb").read(), "application/octet-stream")
            api(address, "PUT", "/v1/pipelines/logreg",
                json.dumps({"workspace": "compat", "steps": [{"model": {"name": "logreg"}}]}).encode())
            api(address, "POST", "/v1/pipelines/logreg/deploy", b"{}")

            headers = {"Authorization": f"Bearer {TOKEN}"}
            client = httpclient.InferenceServerClient(url=address)
            check(client.is_server_live(), "server is not live")
            check(client.is_server_ready(), "server is not ready")
            check(client.is_model_ready("logreg", headers=headers), "model is not ready")
            server = client.get_server_metadata(headers=headers)
            check(server["name"] == "lastmile" and "binary_tensor_data" in server["extensions"], f"server metadata {server}")
            model = client.get_model_metadata("logreg", headers=headers)
            check([i["name"] for i in model["inputs"]] == ["X"], f"model inputs {model['inputs']}")
            check(model["inputs"][0]["datatype"] == "FP32", f"input datatype {model['inputs'][0]}")
            check(sorted(o["name"] for o in model["outputs"]) == ["label", "probabilities"], f"outputs {model['outputs']}")

            for binary_in in (False, True):
                for binary_out in (False, True):
                    inputs = [httpclient.InferInput("X", list(x.shape), "FP32")]
                    inputs[0].set_data_from_numpy(x, binary_data=binary_in)
                    outputs = [httpclient.InferRequestedOutput("probabilities", binary_data=binary_out),
                               httpclient.InferRequestedOutput("label", binary_data=binary_out)]
                    result = client.infer("logreg", inputs, outputs=outputs, headers=headers)
                    probabilities = result.as_numpy("probabilities")
                    labels = result.as_numpy("label")
                    want_p = np.array(expected["probabilities"]["data"], dtype=np.float32).reshape(expected["probabilities"]["shape"])
                    want_l = np.array(expected["label"]["data"], dtype=np.int64)
                    check(probabilities is not None and probabilities.shape == want_p.shape, f"probabilities shape (binary in={binary_in}, out={binary_out})")
                    check(np.allclose(probabilities, want_p, rtol=1e-4, atol=1e-5), f"probabilities differ from onnxruntime (binary in={binary_in}, out={binary_out})")
                    check(labels is not None and np.array_equal(labels, want_l), f"labels differ from onnxruntime (binary in={binary_in}, out={binary_out})")

            try:
                bad = [httpclient.InferInput("X", [1, 5], "FP32")]
                bad[0].set_data_from_numpy(np.zeros((1, 5), dtype=np.float32))
                client.infer("logreg", bad, headers=headers)
                check(False, "a wrongly shaped input was accepted")
            except httpclient.InferenceServerException as error:
                check("X" in str(error), f"the shape error does not name the input: {error}")
            print("compat: tritonclient %s: server and model metadata, readiness, JSON and binary inference match onnxruntime" % importlib.metadata.version("tritonclient"))
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
