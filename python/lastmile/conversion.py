"""Converting trained models to ONNX, checked against the original on a sample.

``convert(model, sample)`` picks the established converter for the model's framework:

===========================  =========================================================
scikit-learn (and pipelines)  ``skl2onnx.convert_sklearn`` (classifiers without ZipMap)
XGBoost                       ``onnxmltools.convert_xgboost`` (opset 15)
LightGBM                      ``onnxmltools.convert_lightgbm`` (opset 15, no ZipMap)
Keras                         ``tf2onnx.convert.from_keras``
PyTorch                       ``torch.onnx.export`` (TorchScript exporter, dynamic batch)
===========================  =========================================================

Input names and types come from the sample: an array (or an all-numeric DataFrame) becomes
one input ``X`` of shape ``[None, features]`` (float32); a DataFrame with text or mixed
columns becomes one ``[None, 1]`` input per column (what a scikit-learn ``ColumnTransformer``
expects). The converted model is then run with onnxruntime on the sample and compared with the
original's ``predict`` (and ``predict_proba``); when they disagree the conversion is refused
with the largest difference.

``python -m lastmile.convert --framework F --artifact PATH --sample SAMPLE.json --output OUT.onnx``
is the command the server runs to convert uploaded native artifacts. Loading a pickle runs
code from it: convert only artifacts from people you trust.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

try:
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("converting models needs numpy, onnx, onnxruntime and the converters: pip install 'lastmile[convert]'") from error

from .errors import ConversionError

#: The opset used for XGBoost and LightGBM models (onnxmltools' highest supported).
ML_OPSET = 15
#: The default opset for scikit-learn, Keras and PyTorch models.
DEFAULT_OPSET = 17


def framework_of(model: Any) -> str:
    """The framework of a model object: ``sklearn``, ``xgboost``, ``lightgbm``, ``keras`` or ``pytorch``."""
    for cls in type(model).__mro__:
        root = cls.__module__.split(".")[0]
        if root in ("xgboost",):
            return "xgboost"
        if root in ("lightgbm",):
            return "lightgbm"
        if root in ("keras", "tf_keras") or cls.__module__.startswith("tensorflow.python.keras") or cls.__module__.startswith("tensorflow.keras"):
            return "keras"
        if root == "torch":
            return "pytorch"
    for cls in type(model).__mro__:
        if cls.__module__.split(".")[0] == "sklearn":
            return "sklearn"
    raise ConversionError(
        f"cannot tell the framework of {type(model).__module__}.{type(model).__name__}; "
        "convert scikit-learn, XGBoost, LightGBM, Keras or PyTorch models, or upload an ONNX file"
    )


# MARK: - Samples


class Sample:
    """A sample prepared for one model: what the original takes and what the ONNX model takes."""

    def __init__(self, original: Any, feeds: Dict[str, np.ndarray], specs: List[Tuple[str, str, List[Optional[int]]]]) -> None:
        self.original = original
        self.feeds = feeds
        self.specs = specs

    @property
    def rows(self) -> int:
        return int(next(iter(self.feeds.values())).shape[0])


def prepare_sample(sample: Any) -> Sample:
    """Chooses input names and types from ``sample`` (see the module notes)."""
    if type(sample).__name__ == "DataFrame":
        kinds = [dtype.kind for dtype in sample.dtypes]
        if all(k in "biuf" for k in kinds):
            values = sample.to_numpy(dtype=np.float32)
            return Sample(_frame_like(sample, values), {"X": values}, [("X", "float", [None, values.shape[1]])])
        feeds: Dict[str, np.ndarray] = {}
        specs: List[Tuple[str, str, List[Optional[int]]]] = []
        original = sample.copy()
        for column, kind in zip(sample.columns, kinds):
            name = str(column)
            if kind in "biu":
                feeds[name] = sample[column].to_numpy(dtype=np.int64).reshape(-1, 1)
                specs.append((name, "int64", [None, 1]))
            elif kind == "f":
                feeds[name] = sample[column].to_numpy(dtype=np.float32).reshape(-1, 1)
                original[column] = feeds[name].ravel().astype(np.float64)
                specs.append((name, "float", [None, 1]))
            else:
                feeds[name] = sample[column].astype(str).to_numpy(dtype=object).reshape(-1, 1)
                specs.append((name, "string", [None, 1]))
        return Sample(original, feeds, specs)
    array = np.asarray(sample)
    if array.dtype.kind not in "biuf":
        raise ConversionError(f"a sample array must be numeric, not {array.dtype}; pass a DataFrame for text columns")
    if array.ndim == 1:
        array = array.reshape(1, -1)
    values = array.astype(np.float32)
    return Sample(values, {"X": values}, [("X", "float", [None, *values.shape[1:]])])


def _frame_like(frame: Any, values: np.ndarray) -> Any:
    """``frame`` with its values replaced by ``values`` (float32-rounded), so both models see the same numbers."""
    import pandas as pd

    return pd.DataFrame(values.astype(np.float64), columns=frame.columns, index=frame.index)


# MARK: - Converters


def _skl_types(specs: Sequence[Tuple[str, str, List[Optional[int]]]]) -> List[Tuple[str, Any]]:
    from skl2onnx.common.data_types import FloatTensorType, Int64TensorType, StringTensorType

    kinds = {"float": FloatTensorType, "int64": Int64TensorType, "string": StringTensorType}
    return [(name, kinds[kind](shape)) for name, kind, shape in specs]


def _convert_sklearn(model: Any, sample: Sample, opset: Optional[int]) -> Any:
    from skl2onnx import convert_sklearn

    options = {id(model): {"zipmap": False}} if hasattr(model, "predict_proba") else None
    try:
        return convert_sklearn(model, initial_types=_skl_types(sample.specs), target_opset=opset or DEFAULT_OPSET, options=options)
    except Exception:
        if options is None:
            raise
        # Some classifiers (inside pipelines, or without the option) refuse `zipmap`; the engine runs ZipMap too.
        return convert_sklearn(model, initial_types=_skl_types(sample.specs), target_opset=opset or DEFAULT_OPSET)


def _ml_types(sample: Sample) -> List[Tuple[str, Any]]:
    from onnxmltools.convert.common.data_types import FloatTensorType

    if len(sample.specs) != 1 or sample.specs[0][1] != "float":
        raise ConversionError("XGBoost and LightGBM models take one numeric matrix; pass the sample as an array or an all-numeric DataFrame")
    name, _, shape = sample.specs[0]
    return [(name, FloatTensorType(shape))]


def _convert_xgboost(model: Any, sample: Sample, opset: Optional[int]) -> Any:
    from onnxmltools import convert_xgboost

    return convert_xgboost(model, initial_types=_ml_types(sample), target_opset=opset or ML_OPSET)


def _convert_lightgbm(model: Any, sample: Sample, opset: Optional[int]) -> Any:
    from onnxmltools import convert_lightgbm

    return convert_lightgbm(model, initial_types=_ml_types(sample), target_opset=opset or ML_OPSET, zipmap=False)


def _convert_keras(model: Any, sample: Sample, opset: Optional[int]) -> Any:
    import tensorflow as tf
    import tf2onnx

    signature = [tf.TensorSpec([None, *shape[1:]], tf.float32, name=name) for name, _, shape in sample.specs]
    try:
        onnx_model, _ = tf2onnx.convert.from_keras(model, input_signature=signature, opset=opset or DEFAULT_OPSET)
    except (KeyError, AttributeError, ValueError):
        # tf2onnx's from_keras does not follow Keras 3 models; tracing the call as a tf.function does.
        function = tf.function(lambda *inputs: model(*inputs), input_signature=signature)
        onnx_model, _ = tf2onnx.convert.from_function(function, input_signature=signature, opset=opset or DEFAULT_OPSET)
    return onnx_model


def _convert_pytorch(model: Any, sample: Sample, opset: Optional[int]) -> Any:
    import onnx
    import torch

    model.eval()
    names = [name for name, _, _ in sample.specs]
    args = tuple(torch.from_numpy(sample.feeds[n]) for n in names)
    buffer = io.BytesIO()
    axes = {n: {0: "batch"} for n in names}
    axes["output"] = {0: "batch"}
    kwargs: Dict[str, Any] = {"input_names": names, "output_names": ["output"], "dynamic_axes": axes, "opset_version": opset or DEFAULT_OPSET}
    try:
        torch.onnx.export(model, args, buffer, dynamo=False, **kwargs)
    except TypeError:  # torch before 2.5 has no `dynamo` argument
        torch.onnx.export(model, args, buffer, **kwargs)
    return onnx.load_from_string(buffer.getvalue())


_CONVERTERS: Dict[str, Callable[[Any, Sample, Optional[int]], Any]] = {
    "sklearn": _convert_sklearn, "xgboost": _convert_xgboost, "lightgbm": _convert_lightgbm,
    "keras": _convert_keras, "pytorch": _convert_pytorch,
}

_PACKAGES = {
    "sklearn": "skl2onnx", "xgboost": "onnxmltools", "lightgbm": "onnxmltools",
    "keras": "tf2onnx and tensorflow", "pytorch": "torch",
}


# MARK: - Reference predictions


def reference_outputs(model: Any, framework: str, sample: Sample) -> List[Tuple[str, np.ndarray]]:
    """What the original model answers on the sample: ``[(kind, array)]`` with kind ``label``,
    ``probabilities``, ``value`` or ``transform``."""
    with warnings.catch_warnings():
        # Models fitted on DataFrames warn when given the sample's plain array of the same columns.
        warnings.filterwarnings("ignore", message=".*feature names.*")
        return _reference_outputs(model, framework, sample)


def _reference_outputs(model: Any, framework: str, sample: Sample) -> List[Tuple[str, np.ndarray]]:
    if framework == "keras":
        return [("value", np.asarray(model.predict(sample.original, verbose=0)))]
    if framework == "pytorch":
        import torch

        with torch.no_grad():
            out = model(*[torch.from_numpy(sample.feeds[n]) for n, _, _ in sample.specs])
        return [("value", out.detach().numpy())]
    if framework in ("xgboost", "lightgbm") and not hasattr(model, "predict_proba") and hasattr(model, "predict"):
        predictions = model.predict(_booster_input(model, sample.original))
        return [("value", np.asarray(predictions))]
    outputs: List[Tuple[str, np.ndarray]] = []
    if hasattr(model, "predict"):
        outputs.append(("label" if hasattr(model, "predict_proba") else "value", np.asarray(model.predict(sample.original))))
    if hasattr(model, "predict_proba"):
        outputs.append(("probabilities", np.asarray(model.predict_proba(sample.original))))
    if not outputs and hasattr(model, "transform"):
        outputs.append(("transform", np.asarray(model.transform(sample.original))))
    if not outputs:
        raise ConversionError(f"{type(model).__name__} has no predict, predict_proba or transform to check the conversion against")
    return outputs


def _booster_input(model: Any, values: Any) -> Any:
    if type(model).__module__.startswith("xgboost") and type(model).__name__ == "Booster":
        import xgboost

        return xgboost.DMatrix(values)
    return values


def _onnx_candidates(kind: str, expected: np.ndarray, outputs: Dict[str, np.ndarray]) -> List[np.ndarray]:
    """The ONNX outputs that may correspond to a reference output, most likely first."""
    preferred = {"label": ("label", "output_label"), "probabilities": ("probabilities", "output_probability")}.get(kind, ())
    ordered = [outputs[n] for n in preferred if n in outputs] + [v for n, v in outputs.items() if n not in preferred]
    candidates = []
    for raw in ordered:
        value = _dense(raw)
        if value is None:
            continue
        if value.size == expected.size:
            candidates.append(value.reshape(expected.shape))
        elif expected.ndim == 1 and value.ndim == 2 and value.shape == (expected.shape[0], 2):
            candidates.append(value[:, 1])
    return candidates


def _dense(value: Any) -> Optional[np.ndarray]:
    if isinstance(value, list) and value and isinstance(value[0], dict):  # ZipMap output
        keys = sorted(value[0].keys())
        return np.array([[row[k] for k in keys] for row in value], dtype=np.float64)
    array = np.asarray(value)
    return array if array.dtype != object or array.size == 0 else None


def compare(references: List[Tuple[str, np.ndarray]], outputs: Dict[str, np.ndarray], rtol: float, atol: float) -> float:
    """The largest absolute difference between the original and the ONNX outputs; raises
    :class:`ConversionError` when some value is outside ``atol + rtol * |expected|``."""
    largest = 0.0
    for kind, expected in references:
        candidates = _onnx_candidates(kind, expected, outputs)
        if not candidates:
            shapes = {n: np.shape(v) for n, v in outputs.items()}
            raise ConversionError(f"no output of the ONNX model matches the original's {kind} of shape {expected.shape}; the ONNX outputs are {shapes}")
        best: Optional[Tuple[float, bool, str]] = None
        for candidate in candidates:
            if kind == "label" or expected.dtype.kind in "OUSb":
                wrong = int(np.sum(candidate.astype(str) != expected.astype(str))) if expected.dtype.kind in "OUS" else int(np.sum(candidate != expected))
                result = (float(wrong), wrong == 0, f"{wrong} of {expected.size} labels differ")
            else:
                a = candidate.astype(np.float64)
                b = expected.astype(np.float64)
                diff = np.abs(a - b)
                worst = float(np.nanmax(diff)) if diff.size else 0.0
                ok = bool(np.all((diff <= atol + rtol * np.abs(b)) | (np.isnan(a) & np.isnan(b))))
                result = (worst, ok, f"largest difference {worst:.6g}")
            if best is None or (result[1] and not best[1]) or (result[1] == best[1] and result[0] < best[0]):
                best = result
        assert best is not None
        if not best[1]:
            raise ConversionError(
                f"the ONNX model disagrees with the original on the sample ({kind}: {best[2]}, "
                f"tolerance {atol} + {rtol} x |value|); refusing to upload it", max_difference=best[0],
            )
        if kind != "label":
            largest = max(largest, best[0])
    return largest


def run_onnx(onnx_model: Any, feeds: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    """Runs the ONNX model with onnxruntime and returns its outputs by name."""
    import onnxruntime

    session = onnxruntime.InferenceSession(onnx_model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    values = session.run(None, {i.name: feeds[i.name] for i in session.get_inputs()})
    return dict(zip(names, values))


# MARK: - Entry points


def convert(model: Any, sample: Any, *, framework: Optional[str] = None, rtol: float = 1e-3, atol: float = 1e-4, target_opset: Optional[int] = None) -> Any:
    """Converts ``model`` to an ``onnx.ModelProto`` and checks it against the original on ``sample``.

    ``sample`` is a few rows of the model's input (an ndarray, a nested list or a DataFrame).
    Raises :class:`ConversionError` when the framework is not supported, the converter fails,
    or the ONNX model's outputs differ from the original's by more than
    ``atol + rtol * |expected|`` (the message gives the largest difference). The model's
    ``doc_string`` records the largest difference found.
    """
    framework = framework or framework_of(model)
    if framework not in _CONVERTERS:
        raise ConversionError(f"framework {framework!r} is not one of {', '.join(_CONVERTERS)}")
    prepared = prepare_sample(sample)
    if prepared.rows == 0:
        raise ConversionError("the sample has no rows; pass a few rows of the model's input")
    try:
        onnx_model = _CONVERTERS[framework](model, prepared, target_opset)
    except ConversionError:
        raise
    except ImportError as error:
        raise ConversionError(f"converting a {framework} model needs {_PACKAGES[framework]}: {error}") from error
    except Exception as error:
        raise ConversionError(f"{_PACKAGES[framework]} could not convert {type(model).__name__}: {type(error).__name__}: {error}") from error
    references = reference_outputs(model, framework, prepared)
    try:
        outputs = run_onnx(onnx_model, prepared.feeds)
    except Exception as error:
        raise ConversionError(f"onnxruntime could not run the converted {type(model).__name__}: {error}") from error
    largest = compare(references, outputs, rtol, atol)
    onnx_model.doc_string = f"converted from {framework} {type(model).__name__} by lastmile; largest difference on the sample {largest:.3g}"
    return onnx_model


def load_artifact(framework: str, path: Path) -> Any:
    """Loads a native artifact: a pickle or joblib file, an XGBoost JSON/UBJ model, a LightGBM
    text model, a Keras ``.keras``/``.h5`` file, or a PyTorch module (TorchScript or pickled).

    Unpickling runs code from the file: only load artifacts from people you trust.
    """
    data = path.read_bytes()
    pickled = data[:1] == b"\x80" or data[:2] == b"x\x9c"
    if framework == "sklearn" or (pickled and framework in ("xgboost", "lightgbm")):
        import joblib

        return joblib.load(path)
    if framework == "xgboost":
        import xgboost

        try:
            config = json.loads(data)
            suffix = ".json"
            objective = config["learner"]["objective"]["name"]
        except (ValueError, KeyError, UnicodeDecodeError):
            suffix, objective = ".ubj", None
        target = path.with_suffix(suffix)
        if target != path:
            target.write_bytes(data)
        if objective is None:
            booster = xgboost.Booster(model_file=str(target))
            objective = json.loads(booster.save_config())["learner"]["objective"]["name"]
        model = xgboost.XGBClassifier() if objective.startswith(("binary:", "multi:")) else xgboost.XGBRegressor()
        model.load_model(str(target))
        return model
    if framework == "lightgbm":
        import lightgbm

        return lightgbm.Booster(model_str=data.decode())
    if framework == "keras":
        import keras

        suffix = ".keras" if data[:2] == b"PK" else ".h5"
        target = path.with_suffix(suffix)
        if target != path:
            target.write_bytes(data)
        return keras.models.load_model(str(target))
    if framework == "pytorch":
        import torch

        try:
            return torch.jit.load(str(path))
        except Exception:
            return torch.load(str(path), weights_only=False)
    raise ConversionError(f"framework {framework!r} is not one of {', '.join(_CONVERTERS)}")


def load_sample(path: Path) -> Any:
    """Reads a conversion sample from JSON: a nested list (one array input) or an object of columns (a DataFrame)."""
    value = json.loads(path.read_text())
    if isinstance(value, dict):
        import pandas as pd

        return pd.DataFrame(value)
    return np.asarray(value, dtype=np.float64)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m lastmile.convert``: converts one artifact; on failure prints the reason on stderr and exits 1."""
    parser = argparse.ArgumentParser(prog="python -m lastmile.convert", description="Convert a native model artifact to ONNX, checked on a sample.")
    parser.add_argument("--framework", required=True, choices=sorted(_CONVERTERS))
    parser.add_argument("--artifact", required=True, type=Path)
    parser.add_argument("--sample", required=True, type=Path, help="JSON: a nested list of rows, or an object of columns")
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--rtol", type=float, default=1e-3)
    parser.add_argument("--atol", type=float, default=1e-4)
    args = parser.parse_args(argv)
    try:
        try:
            model = load_artifact(args.framework, args.artifact)
        except ConversionError:
            raise
        except Exception as error:
            raise ConversionError(f"could not load the {args.framework} artifact: {type(error).__name__}: {error}") from error
        try:
            sample = load_sample(args.sample)
        except Exception as error:
            raise ConversionError(f"could not read the sample: {error}") from error
        onnx_model = convert(model, sample, framework=args.framework, rtol=args.rtol, atol=args.atol)
    except ConversionError as error:
        print(error.message, file=sys.stderr)
        return 1
    args.output.write_bytes(onnx_model.SerializeToString())
    print(onnx_model.doc_string)
    return 0


if __name__ == "__main__":
    sys.exit(main())
