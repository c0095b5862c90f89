"""The SDK against a live server: upload, pipelines, inference DataFrames, logs, assays, explanations, errors."""

import json

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

import lastmile
from conftest import unique, wait_for


@pytest.fixture
def fraud_model(fraud_data):
    X, y = fraud_data
    return LogisticRegression(max_iter=500).fit(X, y)


def test_an_uploaded_sklearn_object_answers_like_predict_proba(client, fraud_data, fraud_model):
    X, _ = fraud_data
    version = client.upload_model("fraud", fraud_model, sample=X[:100])
    assert version.status == "ready"
    assert [i["name"] for i in version.inputs] == ["X"]
    pipeline = client.build_pipeline(unique("fraud")).add_model_step(version)
    assert pipeline.deploy()["state"] == "running"

    frame = pipeline.infer(pd.DataFrame(X[:25], columns=[f"f{i}" for i in range(6)]))

    assert list(frame.columns[:4]) == ["time", "in.X", "out.label", "out.probabilities"]
    assert "anomaly.count" in frame.columns and "metadata.pipeline_version" in frame.columns
    assert str(frame["time"].dtype).startswith("datetime64")
    np.testing.assert_allclose(np.stack(frame["out.probabilities"]), fraud_model.predict_proba(X[:25].astype(np.float32)), atol=1e-5)
    assert frame["out.label"].tolist() == fraud_model.predict(X[:25].astype(np.float32)).tolist()
    # Same answers from an ndarray, a dict of columns and row dicts
    for data in (X[:3], {"X": X[:3]}, [{"X": row} for row in X[:3].tolist()]):
        again = pipeline.infer(data)
        np.testing.assert_allclose(np.stack(again["out.probabilities"]), np.stack(frame["out.probabilities"][:3]), atol=1e-6)
    # NaN travels as JSON's stand-in and comes back as a float NaN
    missing = pipeline.infer(np.array([[np.nan, 1, 2, 3, 4, 5]]))
    assert np.isnan(missing["in.X"][0][0]) and np.isnan(missing["out.probabilities"][0]).all()
    pipeline.undeploy()
    with pytest.raises(lastmile.APIError):
        pipeline.infer(X[:1])


def test_errors_carry_the_servers_status_and_message(client, fraud_data):
    with pytest.raises(lastmile.NotFound) as missing:
        client.pipeline("no-such-pipeline")
    assert missing.value.status == 404 and "no-such-pipeline" in missing.value.message
    with pytest.raises(lastmile.BadRequest) as bad:
        client.upload_model("broken", b"definitely not onnx")
    assert bad.value.status == 400 and "ONNX" in bad.value.message
    with pytest.raises(lastmile.LastmileError, match="has no steps"):
        client.build_pipeline(unique("empty")).create()
    with pytest.raises(lastmile.NotFound) as unknown_model:
        client.build_pipeline(unique("p")).add_model_step("never-uploaded").create()
    assert "never-uploaded" in unknown_model.value.message
    with pytest.raises(lastmile.Unauthorized):
        lastmile.Client(client.http.url, "lm_wrong").workspaces()


def test_random_split_validations_and_logs(client, fraud_data, fraud_model, tmp_path):
    X, y = fraud_data
    client.upload_model("champion", fraud_model, sample=X[:50])
    client.upload_model("challenger", DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y), sample=X[:50])
    name = unique("ab")
    pipeline = (client.build_pipeline(name)
                .add_random_split([("champion", 1), ("challenger", 1)])
                .add_validations(likely_fraud="out.probabilities[1] > 0.9"))
    pipeline.deploy()

    frame = pipeline.infer(X[:200])

    routes = {split[0] for split in frame["out._model_split"]}
    assert routes == {"champion", "challenger"}
    flagged = np.stack(frame["out.probabilities"])[:, 1] > 0.9
    assert frame["anomaly.likely_fraud"].tolist() == flagged.tolist()
    assert frame["anomaly.count"].tolist() == flagged.astype(int).tolist()

    wait_for(lambda: len(pipeline.logs(limit=1000)) >= 200, what="200 logged rows")
    logs = pipeline.logs(limit=1000)
    assert {"time", "in.X", "out.label", "anomaly.count"} <= set(logs.columns)
    assert sorted(logs["metadata.prediction_id"]) == sorted(frame["metadata.prediction_id"])
    anomalies = pipeline.logs(limit=1000, anomaly_only=True)
    assert len(anomalies) == int(flagged.sum())

    csv = pipeline.export_logs(tmp_path / "logs.csv")
    assert len(pd.read_csv(csv)) == 200
    ndjson = pipeline.export_logs(tmp_path / "logs.ndjson")
    assert len([json.loads(line) for line in ndjson.read_text().splitlines()]) == 200
    parquet = pipeline.export_logs(tmp_path / "logs.parquet")
    table = pd.read_parquet(parquet)
    assert len(table) == 200 and "out.probabilities" in table.columns
    pipeline.undeploy()


def test_shadow_step_returns_challenger_outputs(client, fraud_data, fraud_model):
    X, y = fraud_data
    client.upload_model("champ", fraud_model, sample=X[:50])
    tree = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)
    client.upload_model("shadowtree", tree, sample=X[:50])
    pipeline = client.build_pipeline(unique("shadow")).add_shadow("champ", ["shadowtree"])
    pipeline.deploy()
    frame = pipeline.infer(X[:20])
    np.testing.assert_allclose(np.stack(frame["out.probabilities"]), fraud_model.predict_proba(X[:20].astype(np.float32)), atol=1e-5)
    np.testing.assert_allclose(np.stack(frame["out_shadowtree.probabilities"]), tree.predict_proba(X[:20].astype(np.float32)), atol=1e-5)
    routes = pipeline.routes(window="5m")
    assert sorted(zip(routes["model"], routes["role"])) == [("champ", "champion"), ("shadowtree", "challenger")]
    assert (routes["rows"] == 20).all()
    assert "meanAbsoluteDifference.probabilities" in routes.columns
    pipeline.undeploy()


def test_a_canary_starts_and_aborts(client, fraud_data, fraud_model):
    X, y = fraud_data
    client.upload_model("incumbent", fraud_model, sample=X[:50])
    client.upload_model("newcomer", DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y), sample=X[:50])
    pipeline = client.build_pipeline(unique("canary")).add_model_step("incumbent")
    base = pipeline.deploy()["version"]
    canary = pipeline.start_canary("newcomer", max_error_rate=0.01, steps=[10, 100], interval="1h")
    assert canary["state"] == "running" and canary["challenger"]["name"] == "newcomer"
    split = pipeline.infer(X[:200])
    assert {route[0] for route in split["out._model_split"]} <= {"incumbent", "newcomer"}
    assert pipeline.canary()["state"] == "running"
    assert pipeline.abort_canary()["state"] == "aborted"
    assert pipeline.wait_until_running()["version"] == base
    pipeline.undeploy()


def test_assays_score_preview_and_plot(client, fraud_data, fraud_model):
    rng = np.random.default_rng(3)
    baseline, window = rng.normal(size=2000), rng.normal(loc=1.5, size=1000)
    score = client.score_assay(baseline, window)
    assert score.status == "alert" and score.metric == "psi" and score.score > 0.25
    bins = score.to_frame()
    assert bins["baseline_count"].sum() == 2000 and bins["window_count"].sum() == 1000
    assert score.plot() is not None
    steady = client.score_assay(baseline, rng.normal(size=1000))
    assert steady.status == "ok"

    X, _ = fraud_data
    client.upload_model("assayed", fraud_model, sample=X[:50])
    pipeline = client.build_pipeline(unique("assayed")).add_model_step("assayed")
    pipeline.deploy()
    start = pd.Timestamp.now(tz="UTC").floor("s")
    pipeline.infer(X[:300])
    pipeline.infer(X[:300] + np.array([3, 0, 0, 0, 0, 0]))
    wait_for(lambda: len(pipeline.logs(limit=1000)) >= 600, what="600 logged rows")
    end = pd.Timestamp.now(tz="UTC") + pd.Timedelta(seconds=1)
    preview = client.preview_assay(
        pipeline.name, "in.X[0]", baseline_values=X[:, 0], start=start, width="1h", count=1,
    )
    assert len(preview) == 1 and preview["count"].iloc[0] == 600
    assert preview["status"].iloc[0] in ("warning", "alert")
    assert preview.plot() is not None
    assay = client.create_assay(unique("drift"), pipeline.name, "in.X[0]", baseline_values=X[:, 0], start=start, width="1h")
    assert assay["iopath"] == "in.X[0]"
    assert any(a["id"] == assay["id"] for a in client.assays())
    assert list(client.assay_results(assay["id"]).columns) == ["start", "end", "score", "status", "count", "binIndex"]
    client.delete_assay(assay["id"])
    assert end > start
    pipeline.undeploy()


def test_explanations_add_up_to_the_prediction(client, fraud_data, fraud_model):
    X, _ = fraud_data
    client.upload_model("explained", fraud_model, sample=X[:50])
    pipeline = client.build_pipeline(unique("explained")).add_model_step("explained")
    pipeline.deploy()

    explanation = pipeline.explain(X[:4], background=X[100:140], output="probabilities")

    assert isinstance(explanation, pd.DataFrame)
    assert explanation.features == [f"X[{i}]" for i in range(6)]
    assert len(explanation) == 8  # 4 rows x 2 outputs
    served = np.stack(pipeline.infer(X[:4])["out.probabilities"])
    for _, line in explanation.iterrows():
        total = sum(line[f] for f in explanation.features) + line["base_value"]
        column = int(line["output"].split("[")[1].rstrip("]"))
        assert total == pytest.approx(served[line["row"], column], abs=1e-4)
    assert explanation.plot(row=1, output="probabilities[1]") is not None

    overall = pipeline.explain_global(X[100:160], feature_names=list("abcdef"))
    importance = overall.importance
    assert sorted(importance.index) == list("abcdef") and list(importance.columns) == ["probabilities[0]", "probabilities[1]"]
    # the model leans on features a and b most (see fraud_data)
    assert set(importance.index[:2]) == {"a", "b"}
    curve = overall.dependence("a")
    assert list(curve.columns) == ["a", "probabilities[0]", "probabilities[1]"]
    assert curve["probabilities[1]"].iloc[-1] > curve["probabilities[1]"].iloc[0]  # fraud rises with feature a
    assert overall.plot() is not None and overall.plot_dependence("b") is not None
    pipeline.undeploy()
