"""Encoding inputs and flattening replies, without a server."""

import math

import numpy as np
import pandas as pd
import pytest

from lastmile import records
from lastmile.client import Client
from lastmile.pipeline import Pipeline


def test_dataframe_of_features_packs_each_row_into_the_single_input():
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, float("nan")]})
    assert records.encode(frame, ["X"]) == [{"X": [1.0, 3.0]}, {"X": [2.0, None]}]


def test_dataframe_named_after_inputs_maps_columns_to_inputs():
    frame = pd.DataFrame({"in.amount": [1.5, 2.5], "country": ["fr", "de"]})
    assert records.encode(frame, ["amount", "country"]) == [{"amount": 1.5, "country": "fr"}, {"amount": 2.5, "country": "de"}]


def test_columns_that_are_not_inputs_are_left_out():
    frame = pd.DataFrame({"label": [1, 0], "amount": [1.5, 2.5]})
    assert records.encode(frame, ["amount"]) == [{"amount": 1.5}, {"amount": 2.5}]


def test_float_stand_ins_come_back_as_floats_only_in_float_columns():
    row = records.flatten({"in": {"X": ["NaN", 1.0], "name": "NaN"}, "out": {"p": ["Infinity", "-Infinity"]}, "out_b": {"p": ["NaN"]}})
    restored = records.restore_floats(row, records.float_columns(
        [{"name": "X", "datatype": "FP32"}, {"name": "name", "datatype": "BYTES"}], [{"name": "p", "datatype": "FP64"}]))
    assert math.isnan(restored["in.X"][0]) and restored["in.name"] == "NaN"
    assert restored["out.p"] == [float("inf"), float("-inf")] and math.isnan(restored["out_b.p"][0])


def test_arrays_and_column_dicts_become_rows():
    assert records.encode(np.arange(4, dtype=np.int64).reshape(2, 2), ["X"]) == [{"X": [0, 1]}, {"X": [2, 3]}]
    assert records.encode({"X": np.zeros((2, 1)), "k": ["a", "b"]}, ["X", "k"]) == [{"X": [0.0], "k": "a"}, {"X": [0.0], "k": "b"}]
    with pytest.raises(ValueError, match="one input"):
        records.encode(np.zeros((2, 2)), ["a", "b"])
    with pytest.raises(ValueError, match="different numbers of rows"):
        records.encode({"a": [1, 2], "b": [1]}, ["a", "b"])


def test_flatten_names_columns_by_section():
    row = records.flatten({
        "time": 5, "in": {"X": [1]}, "out": {"label": 1, "_model_split": ["m", "v"]},
        "anomaly": {"count": 0}, "metadata": {"pipeline_version": 2}, "out_challenger": {"label": 0},
    })
    assert row == {
        "time": 5, "in.X": [1], "out.label": 1, "out._model_split": ["m", "v"], "anomaly.count": 0,
        "metadata.pipeline_version": 2, "out_challenger.label": 0,
    }


def test_times_accept_datetimes_strings_and_millis():
    assert records.millis("2026-11-26T20:00:00Z") == 1795723200000
    assert records.millis(pd.Timestamp("2026-11-26T20:00:00Z")) == 1795723200000
    assert records.iso(1795723200123) == "2026-11-26T20:00:00.123Z"
    assert not math.isnan(records.millis(12))


def test_pipeline_builder_writes_every_step_kind():
    pipeline = Pipeline(Client("http://127.0.0.1:9"), "p", "team")
    pipeline.add_model_step("scaler").add_random_split([("a", 2), ({"name": "b", "version": "v1"}, 1)], hash_key="customer")
    pipeline.add_key_split("region", {"eu": "m-eu"}, default="m").add_shadow("champ", ["c1", "c2"])
    pipeline.add_validations({"high": "out.y > 1"}, low="out.y < 0")
    assert pipeline.steps == [
        {"model": {"name": "scaler"}},
        {"randomSplit": {"routes": [{"model": {"name": "a"}, "weight": 2.0}, {"model": {"name": "b", "version": "v1"}, "weight": 1.0}], "hashKey": "customer"}},
        {"keySplit": {"key": "region", "routes": {"eu": {"name": "m-eu"}}, "default": {"name": "m"}}},
        {"shadow": {"champion": {"name": "champ"}, "challengers": [{"name": "c1"}, {"name": "c2"}]}},
        {"validations": {"high": "out.y > 1", "low": "out.y < 0"}},
    ]
