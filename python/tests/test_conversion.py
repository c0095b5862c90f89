"""Conversion: each framework's model object uploads, deploys and answers like its own predict;
the server converts native artifacts; disagreements and failures are refused with reasons."""

import importlib.util

import joblib
import lightgbm
import numpy as np
import pandas as pd
import pytest
import xgboost
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

import lastmile
from lastmile import conversion
from conftest import unique


def _serve(client, name, model, sample):
    version = client.upload_model(name, model, sample=sample)
    pipeline = client.build_pipeline(unique(name)).add_model_step(version)
    pipeline.deploy()
    return pipeline


def _check_classifier(frame, model, X):
    X32 = np.asarray(X, dtype=np.float32)
    assert frame["out.label"].tolist() == model.predict(X32).tolist()
    np.testing.assert_allclose(np.stack(frame["out.probabilities"]), model.predict_proba(X32), atol=1e-5)


@pytest.mark.parametrize("make", [
    lambda: RandomForestClassifier(n_estimators=15, max_depth=5, random_state=0),
    lambda: make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)),
    lambda: xgboost.XGBClassifier(n_estimators=20, max_depth=3),
    lambda: lightgbm.LGBMClassifier(n_estimators=20, num_leaves=8, verbose=-1),
], ids=["sklearn-forest", "sklearn-pipeline", "xgboost", "lightgbm"])
def test_classifiers_answer_like_predict_proba(client, fraud_data, make):
    X, y = fraud_data
    model = make().fit(X, y)
    pipeline = _serve(client, "clf", model, X[:100])
    _check_classifier(pipeline.infer(X[200:260]), model, X[200:260])
    pipeline.undeploy()


@pytest.mark.parametrize("make", [
    lambda: GradientBoostingRegressor(n_estimators=20, random_state=0),
    lambda: xgboost.XGBRegressor(n_estimators=20, max_depth=3),
    lambda: lightgbm.LGBMRegressor(n_estimators=20, num_leaves=8, verbose=-1),
], ids=["sklearn", "xgboost", "lightgbm"])
def test_regressors_answer_like_predict(client, fraud_data, make):
    X, _ = fraud_data
    target = X[:, 0] * 2 + np.sin(X[:, 1])
    model = make().fit(X, target)
    pipeline = _serve(client, "reg", model, X[:100])
    frame = pipeline.infer(X[300:350])
    np.testing.assert_allclose(np.ravel(np.stack(frame["out.variable"])), model.predict(X[300:350].astype(np.float32)), rtol=1e-4, atol=1e-4)
    pipeline.undeploy()


def test_a_mixed_dataframe_becomes_one_input_per_column(client):
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"amount": rng.gamma(2, 50, 400), "country": rng.choice(["fr", "de", "us"], 400), "items": rng.integers(1, 9, 400)})
    y = ((frame["amount"] > 120) & (frame["country"] != "de")).astype(int)
    model = make_pipeline(
        ColumnTransformer([("num", StandardScaler(), ["amount", "items"]), ("cat", OneHotEncoder(), ["country"])]),
        LogisticRegression(),
    ).fit(frame, y)
    pipeline = _serve(client, "mixed", model, frame[:50])
    assert pipeline.input_names() == ["amount", "country", "items"]

    served = pipeline.infer(frame[100:140])

    assert served["out.label"].tolist() == model.predict(frame[100:140]).tolist()
    assert [value[0] for value in served["in.country"]] == frame["country"][100:140].tolist()
    pipeline.undeploy()


def test_a_conversion_that_disagrees_is_refused_with_the_largest_difference(fraud_data):
    X, y = fraud_data
    model = LogisticRegression(max_iter=500).fit(X, y)
    onnx_model = lastmile.convert(model, X[:40])
    model.coef_ = model.coef_ * 3  # the original now disagrees with what was converted
    sample = conversion.prepare_sample(X[:40])
    with pytest.raises(lastmile.ConversionError) as refused:
        conversion.compare(conversion.reference_outputs(model, "sklearn", sample), conversion.run_onnx(onnx_model, sample.feeds), 1e-3, 1e-4)
    assert refused.value.max_difference > 0.01
    assert f"{refused.value.max_difference:.6g}" in str(refused.value)


def test_convert_refuses_what_it_cannot_convert(fraud_data):
    X, _ = fraud_data
    with pytest.raises(lastmile.ConversionError, match="cannot tell the framework"):
        lastmile.convert(object(), X[:5])
    with pytest.raises(lastmile.ConversionError, match="no rows"):
        lastmile.convert(LogisticRegression().fit(X, X[:, 0] > 0), np.zeros((0, 6)))
    with pytest.raises(ValueError, match="needs sample"):
        lastmile.Client("http://127.0.0.1:9", "t", workspace="w").upload_model("m", LogisticRegression())


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed here (PyPI's Linux torch pulls CUDA wheels)")
def test_pytorch_module_answers_like_forward(client, fraud_data, tmp_path):
    import torch

    X, _ = fraud_data
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(6, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1), torch.nn.Sigmoid())
    pipeline = _serve(client, "torch", model, X[:50].astype(np.float32))
    frame = pipeline.infer(X[:30])
    with torch.no_grad():
        expected = model(torch.from_numpy(X[:30].astype(np.float32))).numpy()
    np.testing.assert_allclose(np.stack(frame["out.output"]), expected, atol=1e-5)
    pipeline.undeploy()
    # The server converts a TorchScript file the same way
    torch.jit.script(model).save(str(tmp_path / "model.pt"))
    version = client.upload_native("torch-native", tmp_path / "model.pt", "pytorch", sample=X[:20].astype(np.float32))
    native = client.build_pipeline(unique("torch-native")).add_model_step(version)
    native.deploy()
    np.testing.assert_allclose(np.stack(native.infer(X[:30])["out.output"]), expected, atol=1e-5)
    native.undeploy()


@pytest.mark.skipif(importlib.util.find_spec("tf2onnx") is None or importlib.util.find_spec("tensorflow") is None,
                    reason="tensorflow and tf2onnx are not installed here (tensorflow 2.21 needs protobuf 7, which breaks skl2onnx's pins)")
def test_keras_model_answers_like_predict(client, fraud_data, tmp_path):
    import keras

    X, y = fraud_data
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
    pipeline = _serve(client, "keras", model, X[:50].astype(np.float32))
    frame = pipeline.infer(X[:30])
    out = [c for c in frame.columns if c.startswith("out.")][0]
    expected = model.predict(X[:30].astype(np.float32), verbose=0)
    np.testing.assert_allclose(np.stack(frame[out]), expected, atol=1e-5)
    pipeline.undeploy()
    # The server converts the saved .keras file the same way
    model.save(tmp_path / "model.keras")
    version = client.upload_native("keras-native", tmp_path / "model.keras", "keras", sample=X[:20].astype(np.float32))
    native = client.build_pipeline(unique("keras-native")).add_model_step(version)
    native.deploy()
    frame = native.infer(X[:30])
    np.testing.assert_allclose(np.stack(frame[out]), expected, atol=1e-5)
    native.undeploy()


# MARK: - Server-side conversion


def test_the_server_converts_native_artifacts(client, fraud_data, tmp_path):
    X, y = fraud_data
    forest = RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0).fit(X, y)
    joblib.dump(forest, tmp_path / "forest.joblib")
    booster = xgboost.XGBClassifier(n_estimators=15, max_depth=3).fit(X, y)
    booster.save_model(tmp_path / "xgb.json")
    booster.save_model(tmp_path / "xgb.ubj")
    gbm = lightgbm.LGBMClassifier(n_estimators=15, num_leaves=8, verbose=-1).fit(X, y)
    gbm.booster_.save_model(tmp_path / "lgbm.txt")
    cases = [
        ("forest", tmp_path / "forest.joblib", "sklearn", forest),
        ("xgbjson", tmp_path / "xgb.json", "xgboost", booster),
        ("xgbubj", tmp_path / "xgb.ubj", "xgboost", booster),
        ("lgbmtext", tmp_path / "lgbm.txt", "lightgbm", gbm),
    ]
    for name, path, framework, original in cases:
        version = client.upload_native(name, path, framework, sample=X[:60])
        assert version.status == "ready", version
        assert version.sha256 and version.inputs[0]["name"] == "X"
        pipeline = client.build_pipeline(unique(name)).add_model_step(version)
        pipeline.deploy()
        frame = pipeline.infer(X[100:140])
        probabilities = original.predict_proba(X[100:140].astype(np.float32))
        np.testing.assert_allclose(np.stack(frame["out.probabilities"]), probabilities, atol=1e-5, err_msg=name)
        pipeline.undeploy()


def test_a_failed_server_conversion_keeps_the_converters_message(client, fraud_data):
    X, _ = fraud_data
    with pytest.raises(lastmile.ConversionError, match="could not load the lightgbm artifact"):
        client.upload_native("garbage", b"this is not a model", "lightgbm", sample=X[:10])
    model = client.model("garbage")
    assert model["versions"][-1]["status"] == "failed"
    with pytest.raises(lastmile.BadRequest, match="failed"):
        client.build_pipeline(unique("garbage")).add_model_step({"name": "garbage", "version": model["versions"][-1]["id"]}).create()
    with pytest.raises(lastmile.BadRequest, match="framework"):
        client.http.call("POST", f"/v1/workspaces/{client.workspace}/models/x", params={"framework": "caffe"}, json_body={"artifact": "AA==", "sample": [[1]]})


def test_without_a_converter_the_server_answers_501_with_instructions(plain_server, fraud_data, tmp_path):
    from conftest import TOKEN

    client = lastmile.Client(plain_server.url, TOKEN)
    client.create_workspace(unique("plain"))
    joblib.dump(LogisticRegression().fit(*fraud_data), tmp_path / "m.joblib")
    with pytest.raises(lastmile.APIError) as refused:
        client.upload_native("m", tmp_path / "m.joblib", "sklearn", sample=fraud_data[0][:5])
    assert refused.value.status == 501
    assert "--converter-python" in refused.value.message
