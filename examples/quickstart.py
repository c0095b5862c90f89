"""Lastmile from a notebook: train a fraud classifier, upload it, deploy it, score a DataFrame,
A/B test a challenger, check for drift and explain a prediction.

Run it against a server you started (``lastmile serve``), or let it start one:

    python examples/quickstart.py --url http://127.0.0.1:8080 --token "$(cat .lastmile/admin.token)"
    python examples/quickstart.py --binary .build/debug/lastmile      # starts a throwaway server

Needs ``pip install './python[all]'`` plus scikit-learn and xgboost. Each step checks what it
shows, so the script doubles as a test (CI runs it through ``make test``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import lastmile

FEATURES = ["amount", "account_age_days", "transactions_24h", "foreign", "night", "merchant_risk"]


def make_transactions(n: int, seed: int, amount_shift: float = 0.0) -> tuple[pd.DataFrame, np.ndarray]:
    """Synthetic card transactions and whether each was fraud."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "amount": rng.lognormal(3.5, 1.0, n) + amount_shift,
        "account_age_days": rng.integers(1, 3000, n).astype(float),
        "transactions_24h": rng.poisson(3, n).astype(float),
        "foreign": rng.binomial(1, 0.1, n).astype(float),
        "night": rng.binomial(1, 0.25, n).astype(float),
        "merchant_risk": rng.uniform(0, 1, n),
    })
    score = (0.012 * frame["amount"] - 0.002 * frame["account_age_days"] + 0.4 * frame["transactions_24h"]
             + 1.5 * frame["foreign"] + 0.8 * frame["night"] + 2.5 * frame["merchant_risk"] - 3.0)
    fraud = (score + rng.normal(0, 0.7, n) > 0).astype(int).to_numpy()
    return frame, fraud


def start_server(binary: str) -> tuple[subprocess.Popen, str, str]:
    """Starts ``lastmile serve`` on a free port with a temp data dir; returns (process, url, token)."""
    token = "lm_quickstart_token"
    data = tempfile.mkdtemp(prefix="lastmile-quickstart-")
    log = open(os.path.join(data, "server.log"), "w+")
    process = subprocess.Popen([binary, "serve", "--port", "0", "--data-dir", os.path.join(data, "data")],
                               stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, LASTMILE_ADMIN_TOKEN=token))
    for _ in range(300):
        match = re.search(r"http://127\.0\.0\.1:\d+", Path(log.name).read_text())
        if match:
            return process, match.group(0), token
        if process.poll() is not None:
            break
        time.sleep(0.05)
    raise SystemExit(f"the server did not start: {Path(log.name).read_text()}")


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"quickstart: FAILED: {what}")
    print(f"  ok: {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("LASTMILE_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--token", default=os.environ.get("LASTMILE_TOKEN"))
    parser.add_argument("--binary", help="start a throwaway `lastmile serve` from this binary instead")
    parser.add_argument("--plots", type=Path, help="save the charts as PNG files in this directory")
    args = parser.parse_args()
    server = None
    if args.binary:
        server, args.url, args.token = start_server(args.binary)
    try:
        run(args)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)


def run(args: argparse.Namespace) -> None:
    suffix = str(int(time.time()))[-6:]
    client = lastmile.Client(args.url, args.token)

    print("1. Train a fraud classifier on synthetic transactions")
    train, fraud = make_transactions(4000, seed=1)
    champion = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(train, fraud)
    print(f"  training accuracy {champion.score(train, fraud):.3f}, fraud rate {fraud.mean():.1%}")

    print("2. Upload it (converted to ONNX and checked against scikit-learn on a sample) and deploy")
    client.create_workspace(f"fraud-team-{suffix}")
    version = client.upload_model("fraud-logreg", champion, sample=train[:200])
    print(f"  model fraud-logreg version {version.id}: inputs {version.inputs}, outputs {[o['name'] for o in version.outputs]}")
    pipeline = (client.build_pipeline(f"fraud-{suffix}")
                .add_model_step(version)
                .add_validations(likely_fraud="out.probabilities[1] > 0.95"))
    deployment = pipeline.deploy(replicas=1)
    check(deployment["state"] == "running", f"pipeline {pipeline.name} is running")

    print("3. Score a DataFrame")
    today, today_fraud = make_transactions(500, seed=2)
    scored = pipeline.infer(today)
    print(scored[["time", "out.label", "out.probabilities", "anomaly.count"]].head())
    check((scored["out.label"].to_numpy() == champion.predict(today.astype(np.float32))).all(), "the served labels equal scikit-learn's predict")
    check(int(scored["anomaly.count"].sum()) == int((np.stack(scored["out.probabilities"])[:, 1] > 0.95).sum()), "the validation flags rows above 0.95")

    print("4. A/B test a challenger: XGBoost takes a share of the traffic")
    challenger = xgboost.XGBClassifier(n_estimators=60, max_depth=4, learning_rate=0.2).fit(train.to_numpy(), fraud)
    client.upload_model("fraud-xgb", challenger, sample=train.to_numpy()[:200])
    pipeline.add_random_split([("fraud-logreg", 1), ("fraud-xgb", 1)]).deploy()
    ab = pipeline.infer(today)
    ab["route"] = [split[0] for split in ab["out._model_split"]]
    ab["correct"] = ab["out.label"].to_numpy() == today_fraud
    summary = ab.groupby("route")["correct"].agg(["count", "mean"])
    print(summary)
    check(set(summary.index) == {"fraud-logreg", "fraud-xgb"}, "both models answered part of the traffic")

    print("5. Check for drift: amounts grow, an assay on in.X[0] (the amount) notices")
    time.sleep(0.01)  # the window starts after every row logged so far
    start = pd.Timestamp.now(tz="UTC")
    drifted, _ = make_transactions(800, seed=3, amount_shift=120.0)
    pipeline.infer(drifted)
    deadline = time.monotonic() + 20
    while len(pipeline.logs(start=start, limit=2000)) < 800 and time.monotonic() < deadline:
        time.sleep(0.2)
    preview = client.preview_assay(pipeline.name, "in.X[0]", baseline_values=train["amount"], start=start, width="1h", count=1)
    print(preview[["start", "score", "status", "count"]])
    check(preview["count"].iloc[0] == 800, "the window holds the 800 drifted rows")
    check(preview["status"].iloc[0] == "alert", "the assay raises an alert on the drifted amounts")
    steady = client.score_assay(train["amount"], today["amount"])
    check(steady.status == "ok", f"today's amounts are not drifting (psi {steady.score:.3f})")

    print("6. Explain one prediction")
    pipeline.clear_steps().add_model_step("fraud-logreg").deploy()
    explanation = pipeline.explain(today[:1], background=train[:100], output="probabilities", feature_names=FEATURES)
    row = explanation[explanation["output"] == "probabilities[1]"].iloc[0]
    contributions = pd.Series({name: row[name] for name in FEATURES}).sort_values(key=abs, ascending=False)
    print(contributions.round(4).to_string())
    predicted = float(np.stack(pipeline.infer(today[:1])["out.probabilities"])[0, 1])
    check(abs(contributions.sum() + row["base_value"] - predicted) < 1e-4, "the SHAP values add up to the predicted probability")

    if args.plots:
        args.plots.mkdir(parents=True, exist_ok=True)
        explanation.plot(row=0, output="probabilities[1]").figure.savefig(args.plots / "explanation.png")
        preview.plot().figure.savefig(args.plots / "assay.png")
        print(f"  charts saved in {args.plots}")

    pipeline.undeploy()
    print("quickstart: done")


if __name__ == "__main__":
    main()
