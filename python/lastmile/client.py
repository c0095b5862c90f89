"""The Lastmile client: workspaces, models, pipelines and assays over the HTTP API."""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import records
from ._http import HTTP, segment
from .errors import LastmileError
from .pipeline import ModelVersion, Pipeline

FRAMEWORKS = ("sklearn", "xgboost", "lightgbm", "keras", "pytorch")


class Client:
    """A connection to one Lastmile server.

    ``Client("http://127.0.0.1:8080", token)``; without ``token`` it reads ``LASTMILE_TOKEN``.
    ``workspace`` is the default workspace for calls that take one (change it with
    :meth:`use_workspace`). Every failed call raises :class:`lastmile.APIError` (or a subclass
    such as :class:`lastmile.NotFound`) carrying the server's status, code and message.
    """

    def __init__(self, url: str = "http://127.0.0.1:8080", token: Optional[str] = None, workspace: Optional[str] = None, timeout: float = 120.0) -> None:
        self.http = HTTP(url, token if token is not None else os.environ.get("LASTMILE_TOKEN"), timeout)
        self.workspace = workspace

    def __repr__(self) -> str:
        return f"Client({self.http.url!r}, workspace={self.workspace!r})"

    # MARK: - Users and workspaces

    def me(self) -> Dict[str, Any]:
        """The user the token belongs to."""
        return self.http.call("GET", "/v1/users/me")

    def create_user(self, name: str, admin: bool = False) -> Dict[str, Any]:
        """Creates a user (admins only) and returns ``{"user", "token"}``; the token is shown only here."""
        return self.http.call("POST", "/v1/users", json_body={"name": name, "admin": admin})

    def create_workspace(self, name: str, use: bool = True) -> Dict[str, Any]:
        """Creates a workspace (the caller becomes its owner) and, with ``use``, makes it the default."""
        workspace = self.http.call("POST", "/v1/workspaces", json_body={"name": name})
        if use:
            self.workspace = name
        return workspace

    def workspaces(self) -> List[Dict[str, Any]]:
        """The workspaces the caller belongs to (all of them for admins)."""
        return self.http.call("GET", "/v1/workspaces")

    def get_workspace(self, name: Optional[str] = None) -> Dict[str, Any]:
        """One workspace with its members."""
        return self.http.call("GET", f"/v1/workspaces/{segment(name or self.require_workspace())}")

    def use_workspace(self, name: str) -> "Client":
        """Makes ``name`` the default workspace and returns the client."""
        self.workspace = name
        return self

    def add_member(self, user: str, role: str, workspace: Optional[str] = None) -> Dict[str, Any]:
        """Adds ``user`` to the workspace as ``owner``, ``collaborator`` or ``viewer``."""
        return self.http.call("POST", f"/v1/workspaces/{segment(workspace or self.require_workspace())}/members", json_body={"user": user, "role": role})

    def require_workspace(self) -> str:
        """The default workspace, or an error saying how to set one."""
        if not self.workspace:
            raise LastmileError("no workspace given: pass workspace=..., or call client.create_workspace(name) or client.use_workspace(name)")
        return self.workspace

    # MARK: - Models

    def upload_model(
        self,
        name: str,
        model_or_path: Any,
        sample: Any = None,
        *,
        workspace: Optional[str] = None,
        rtol: float = 1e-3,
        atol: float = 1e-4,
    ) -> ModelVersion:
        """Uploads a model as a new version of ``name`` and returns the version.

        ``model_or_path`` is an ONNX file path, ONNX bytes, an ``onnx.ModelProto``, or a trained
        scikit-learn / XGBoost / LightGBM / Keras / PyTorch model. A model object is converted
        with :func:`lastmile.convert` first, which needs ``sample`` (a few rows of input) and
        refuses when the ONNX model disagrees with the original on it.
        """
        data = self._onnx_bytes(model_or_path, sample, rtol=rtol, atol=atol)
        space = workspace or self.require_workspace()
        reply = self.http.call("POST", f"/v1/workspaces/{segment(space)}/models/{segment(name)}", data=data, content_type="application/octet-stream")
        return ModelVersion(reply)

    @staticmethod
    def _onnx_bytes(model: Any, sample: Any, rtol: float, atol: float) -> bytes:
        if isinstance(model, (bytes, bytearray)):
            return bytes(model)
        if isinstance(model, (str, Path)):
            path = Path(model)
            if path.suffix.lower() != ".onnx":
                raise ValueError(f"{path} is not an .onnx file; upload native artifacts with upload_native(name, path, framework, sample)")
            return path.read_bytes()
        if type(model).__name__ == "ModelProto" and hasattr(model, "SerializeToString"):
            return model.SerializeToString()
        from .conversion import convert

        if sample is None:
            raise ValueError(f"converting a {type(model).__name__} to ONNX needs sample=... (a few rows of the model's input)")
        return convert(model, sample, rtol=rtol, atol=atol).SerializeToString()

    def upload_native(
        self,
        name: str,
        artifact: Union[str, Path, bytes],
        framework: str,
        sample: Any,
        *,
        workspace: Optional[str] = None,
        wait: bool = True,
        timeout: float = 300.0,
    ) -> ModelVersion:
        """Uploads a native artifact for the server to convert: a pickle/joblib file (``sklearn``,
        ``xgboost``, ``lightgbm`` model objects), an XGBoost JSON/UBJ model, a LightGBM text
        model, a ``.keras`` file, or a pickled PyTorch module.

        The server creates a version in status ``converting``; with ``wait`` this polls until it
        is ``ready`` (returned) or ``failed`` (raised as :class:`ConversionError` with the
        converter's message). The server must be started with ``--converter-python``; otherwise
        the call fails with 501. Unpickling runs code from the artifact, so only collaborators
        of the workspace may upload.
        """
        from .errors import ConversionError

        if framework not in FRAMEWORKS:
            raise ValueError(f"framework must be one of {', '.join(FRAMEWORKS)}, not {framework!r}")
        data = artifact if isinstance(artifact, bytes) else Path(artifact).read_bytes()
        space = workspace or self.require_workspace()
        body = {"artifact": base64.b64encode(data).decode(), "sample": _sample_json(sample)}
        path = f"/v1/workspaces/{segment(space)}/models/{segment(name)}"
        version = ModelVersion(self.http.call("POST", path, params={"framework": framework}, json_body=body))
        if not wait:
            return version
        deadline = time.monotonic() + timeout
        while version.get("status") == "converting":
            if time.monotonic() > deadline:
                raise LastmileError(f"model {name!r} version {version['id']} is still converting after {timeout} s")
            time.sleep(0.2)
            version = self.model_version(name, version["id"], workspace=space)
        if version.get("status") == "failed":
            raise ConversionError(f"the server could not convert model {name!r}: {version.get('statusMessage')}")
        return version

    def models(self, workspace: Optional[str] = None) -> List[Dict[str, Any]]:
        """The workspace's models, each with its versions oldest first."""
        return self.http.call("GET", f"/v1/workspaces/{segment(workspace or self.require_workspace())}/models")

    def model(self, name: str, workspace: Optional[str] = None) -> Dict[str, Any]:
        """One model with its versions oldest first."""
        return self.http.call("GET", f"/v1/workspaces/{segment(workspace or self.require_workspace())}/models/{segment(name)}")

    def model_version(self, name: str, version_id: str, workspace: Optional[str] = None) -> ModelVersion:
        """One version of a model, by id."""
        for version in self.model(name, workspace)["versions"]:
            if version["id"] == version_id:
                return ModelVersion(version)
        raise LastmileError(f"model {name!r} has no version {version_id}")

    # MARK: - Pipelines

    def build_pipeline(self, name: str, workspace: Optional[str] = None) -> Pipeline:
        """A new step list for pipeline ``name``; chain ``add_*`` calls, then ``create()`` or ``deploy()``."""
        return Pipeline(self, name, workspace or self.workspace)

    def pipeline(self, name: str) -> Pipeline:
        """A handle on an existing pipeline (checks that it exists)."""
        described = self.http.call("GET", f"/v1/pipelines/{segment(name)}")
        pipeline = Pipeline(self, name, described.get("workspace"))
        pipeline._remember(described["latestVersion"])
        return pipeline

    def pipelines(self) -> List[Dict[str, Any]]:
        """Every pipeline the caller can see, with its latest version and deployment."""
        return self.http.call("GET", "/v1/pipelines")

    # MARK: - Assays

    def score_assay(
        self,
        baseline: Sequence[Optional[float]],
        window: Sequence[Optional[float]],
        summarizer: Optional[Mapping[str, Any]] = None,
        thresholds: Optional[Mapping[str, float]] = None,
        min_count: Optional[int] = None,
    ) -> Any:
        """Scores ``window`` against ``baseline`` (two lists of numbers; None is missing) and
        returns an :class:`lastmile.frames.AssayScore` with ``.to_frame()`` and ``.plot()``.

        ``summarizer``: ``{"binMode": "quantile"|"equal"|"provided", "numBins", "edges",
        "metric": "psi"|"sumdiff"|"maxdiff"|"js"|"ks"|"wasserstein", ...}``; ``thresholds``:
        ``{"warning", "alert"}``.
        """
        from .frames import AssayScore

        body: Dict[str, Any] = {"baseline": {"values": _numbers(baseline)}, "window": {"values": _numbers(window)}}
        _put(body, summarizer=summarizer, thresholds=thresholds, minCount=min_count)
        return AssayScore(self.http.call("POST", "/v1/assays/score", json_body=body))

    def preview_assay(
        self,
        pipeline: str,
        iopath: str,
        *,
        start: Any,
        width: str,
        baseline_start: Any = None,
        baseline_end: Any = None,
        baseline_values: Optional[Sequence[Optional[float]]] = None,
        interval: Optional[str] = None,
        count: Optional[int] = None,
        summarizer: Optional[Mapping[str, Any]] = None,
        thresholds: Optional[Mapping[str, float]] = None,
        min_count: Optional[int] = None,
    ) -> Any:
        """Scores windows of ``pipeline``'s logged ``iopath`` (such as ``"in.X[0]"`` or
        ``"out.probabilities[1]"``) against a baseline without saving anything. Returns an
        :class:`lastmile.frames.AssayWindows` DataFrame (``.plot()`` draws the scores)."""
        from .frames import AssayWindows

        body: Dict[str, Any] = {
            "pipeline": pipeline, "iopath": iopath,
            "baseline": _baseline(baseline_start, baseline_end, baseline_values),
            "windows": _windows(start, width, interval, count),
        }
        _put(body, summarizer=summarizer, thresholds=thresholds, minCount=min_count)
        reply = self.http.call("POST", "/v1/assays/preview", json_body=body)
        frame = AssayWindows.from_windows(reply["windows"], reply.get("metric"), thresholds or {"alert": 0.25})
        frame.attrs["baseline"] = reply.get("baseline")
        return frame

    def create_assay(
        self,
        name: str,
        pipeline: str,
        iopath: str,
        *,
        start: Any,
        width: str,
        baseline_start: Any = None,
        baseline_end: Any = None,
        baseline_values: Optional[Sequence[Optional[float]]] = None,
        interval: Optional[str] = None,
        summarizer: Optional[Mapping[str, Any]] = None,
        thresholds: Optional[Mapping[str, float]] = None,
        min_count: Optional[int] = None,
        webhook: Optional[str] = None,
        alert_after: Optional[int] = None,
        active: Optional[bool] = None,
        workspace: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Schedules an assay: the server scores each window once it closes and keeps the results."""
        body: Dict[str, Any] = {
            "workspace": workspace or self.require_workspace(), "name": name, "pipeline": pipeline, "iopath": iopath,
            "baseline": _baseline(baseline_start, baseline_end, baseline_values),
            "windows": _windows(start, width, interval, None),
        }
        _put(body, summarizer=summarizer, thresholds=thresholds, minCount=min_count, webhook=webhook, alertAfter=alert_after, active=active)
        return self.http.call("POST", "/v1/assays", json_body=body)

    def assays(self, workspace: Optional[str] = None) -> List[Dict[str, Any]]:
        """The workspace's assays."""
        return self.http.call("GET", "/v1/assays", params={"workspace": workspace or self.require_workspace()})

    def assay_results(self, assay_id: str, start: Any = None, end: Any = None) -> Any:
        """A scheduled assay's window results as an :class:`lastmile.frames.AssayWindows` DataFrame."""
        from .frames import AssayWindows

        assay = self.http.call("GET", f"/v1/assays/{segment(assay_id)}")
        windows = self.http.call("GET", f"/v1/assays/{segment(assay_id)}/results", params={"start": records.millis(start), "end": records.millis(end)})
        return AssayWindows.from_windows(windows, assay["summarizer"]["metric"], assay.get("thresholds"))

    def set_assay_active(self, assay_id: str, active: bool) -> Dict[str, Any]:
        """Pauses or resumes a scheduled assay."""
        return self.http.call("POST", f"/v1/assays/{segment(assay_id)}/active", json_body={"active": active})

    def delete_assay(self, assay_id: str) -> None:
        """Deletes a scheduled assay and its results."""
        self.http.call("DELETE", f"/v1/assays/{segment(assay_id)}")


def _put(body: Dict[str, Any], **fields: Any) -> None:
    for key, value in fields.items():
        if value is not None:
            body[key] = dict(value) if isinstance(value, Mapping) else value


def _numbers(values: Sequence[Optional[float]]) -> List[Optional[float]]:
    plain = records._plain(list(values))
    return [None if v is None else float(v) for v in plain]


def _baseline(start: Any, end: Any, values: Optional[Sequence[Optional[float]]]) -> Dict[str, Any]:
    if values is not None:
        return {"values": _numbers(values)}
    if start is None or end is None:
        raise ValueError("give the baseline as baseline_start and baseline_end (a range of logged rows) or as baseline_values")
    return {"start": records.iso(start), "end": records.iso(end)}


def _windows(start: Any, width: str, interval: Optional[str], count: Optional[int]) -> Dict[str, Any]:
    windows: Dict[str, Any] = {"start": records.iso(start), "width": width}
    _put(windows, interval=interval, count=count)
    return windows


def _sample_json(sample: Any) -> Any:
    """A conversion sample as JSON: a nested list for one array input (an array, or an
    all-numeric DataFrame), or an object of columns for a DataFrame with text columns."""
    if type(sample).__name__ == "DataFrame":
        if all(dtype.kind in "biuf" for dtype in sample.dtypes):
            return records._plain(sample.to_numpy())
        return {str(c): records._plain(sample[c].to_numpy()) for c in sample.columns}
    if isinstance(sample, Mapping):
        return {str(k): records._plain(v) for k, v in sample.items()}
    return records._plain(sample)


__all__ = ["Client", "FRAMEWORKS"]
