"""Pipelines: building steps, deploying, inferring, reading logs and explaining."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import records
from ._http import segment
from .errors import LastmileError

if TYPE_CHECKING:
    from .client import Client

ModelRef = Union[str, Mapping[str, Any], "ModelVersion"]


class ModelVersion(dict):
    """One uploaded model version, as the server describes it (a dict with attribute access).

    Keys: ``id``, ``model``, ``workspace``, ``sha256``, ``size``, ``createdAt``, ``inputs``,
    ``outputs`` and, on servers that convert models, ``status`` (``ready``, ``converting`` or
    ``failed``) with ``statusMessage``.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error

    def reference(self) -> Dict[str, str]:
        """The ``{"name", "version"}`` reference a pipeline step uses to pin this version."""
        return {"name": self["model"], "version": self["id"]}


def model_reference(model: ModelRef, version: Optional[str] = None) -> Dict[str, Any]:
    """A step's model reference: a model name (latest version when created), a dict or a :class:`ModelVersion`."""
    if isinstance(model, ModelVersion):
        return model.reference()
    if isinstance(model, Mapping):
        reference = {"name": str(model["name"])}
        if model.get("version"):
            reference["version"] = str(model["version"])
        return reference
    if isinstance(model, str):
        return {"name": model, "version": version} if version else {"name": model}
    raise TypeError(f"a model reference is a name, a dict or a ModelVersion, not {type(model).__name__}")


class Pipeline:
    """A named pipeline on the server, plus any steps added since its last version.

    ``add_*`` methods append steps and return the pipeline, so calls chain::

        pipeline = (client.build_pipeline("fraud")
                    .add_model_step("fraud-model")
                    .add_validations(likely_fraud="out.probabilities[1] > 0.9"))
        pipeline.deploy()

    :meth:`create` (or :meth:`deploy`) sends the added steps as a new pipeline version. A
    pipeline fetched with :meth:`Client.pipeline` has no added steps; adding any replaces the
    whole step list in the next version.
    """

    def __init__(self, client: "Client", name: str, workspace: Optional[str]) -> None:
        self.client = client
        self.name = name
        self.workspace = workspace
        self.steps: List[Dict[str, Any]] = []
        self._inputs: Optional[List[Dict[str, Any]]] = None
        self._outputs: Optional[List[Dict[str, Any]]] = None

    def __repr__(self) -> str:
        return f"Pipeline({self.name!r}, workspace={self.workspace!r}, pending_steps={len(self.steps)})"

    @property
    def _path(self) -> str:
        return f"/v1/pipelines/{segment(self.name)}"

    # MARK: - Steps

    def add_model_step(self, model: ModelRef, version: Optional[str] = None) -> "Pipeline":
        """Adds a step that runs one model version (the latest when ``version`` is None)."""
        self.steps.append({"model": model_reference(model, version)})
        return self

    def add_random_split(self, routes: Iterable[Tuple[ModelRef, float]], hash_key: Optional[str] = None) -> "Pipeline":
        """Adds an A/B step: each row goes to one of ``routes`` (model, weight) by weight.

        With ``hash_key``, the route is chosen by a hash of that input field, so the same key
        always takes the same route. Replies say which model answered in ``out._model_split``.
        """
        step: Dict[str, Any] = {"routes": [{"model": model_reference(m), "weight": float(w)} for m, w in routes]}
        if hash_key:
            step["hashKey"] = hash_key
        self.steps.append({"randomSplit": step})
        return self

    def add_key_split(self, key: str, routes: Mapping[str, ModelRef], default: ModelRef) -> "Pipeline":
        """Adds a step that routes each row by the value of input field ``key`` (``default`` for other values)."""
        self.steps.append({"keySplit": {
            "key": key,
            "routes": {str(value): model_reference(m) for value, m in routes.items()},
            "default": model_reference(default),
        }})
        return self

    def add_shadow(self, champion: ModelRef, challengers: Sequence[ModelRef]) -> "Pipeline":
        """Adds a shadow step: the champion answers; each challenger runs on the same rows and its
        outputs are logged and returned as ``out_<model>`` (columns ``out_<model>.<output>``)."""
        self.steps.append({"shadow": {
            "champion": model_reference(champion),
            "challengers": [model_reference(c) for c in challengers],
        }})
        return self

    def add_validations(self, rules: Optional[Mapping[str, str]] = None, **named: str) -> "Pipeline":
        """Adds named validation expressions over ``in``/``out`` fields; replies carry ``anomaly.<name>``."""
        merged = dict(rules or {})
        merged.update(named)
        if not merged:
            raise ValueError("add_validations needs at least one named expression")
        self.steps.append({"validations": merged})
        return self

    def clear_steps(self) -> "Pipeline":
        """Forgets the steps added since the last version."""
        self.steps = []
        return self

    # MARK: - Versions and deployment

    def create(self) -> Dict[str, Any]:
        """Sends the added steps as a new pipeline version and returns it (``version``, ``steps``, ``inputs``, ``outputs``)."""
        if not self.steps:
            raise LastmileError(f"pipeline {self.name!r} has no steps to create; call add_model_step first")
        workspace = self.workspace or self.client.require_workspace()
        version = self.client.http.call("PUT", self._path, json_body={"workspace": workspace, "steps": self.steps})
        self.steps = []
        self._remember(version)
        return version

    def _remember(self, version: Mapping[str, Any]) -> None:
        self._inputs = list(version.get("inputs", []))
        self._outputs = list(version.get("outputs", []))

    def deploy(
        self,
        config: Optional[Mapping[str, Any]] = None,
        *,
        version: Optional[int] = None,
        replicas: Optional[int] = None,
        wait: bool = True,
        timeout: float = 60.0,
    ) -> Dict[str, Any]:
        """Deploys the pipeline (creating a version first if steps were added) and waits until it runs.

        ``config`` is the deployment config (``{"replicas": 2, "batching": {"maxBatchSize": 64,
        "maxDelayMicros": 500}, "queueCapacity": 1024}``); ``replicas`` is a shortcut. Raises
        :class:`LastmileError` with the server's reason when the deployment fails to start.
        """
        if self.steps:
            self.create()
        body: Dict[str, Any] = {}
        merged = dict(config or {})
        if replicas is not None:
            merged["replicas"] = replicas
        if merged:
            body["config"] = merged
        if version is not None:
            body["version"] = version
        deployment = self.client.http.call("POST", self._path + "/deploy", json_body=body)
        if wait:
            deployment = self.wait_until_running(timeout)
        return deployment

    def wait_until_running(self, timeout: float = 60.0) -> Dict[str, Any]:
        """Polls the deployment until it is ``running``; raises when it fails or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while True:
            deployment = self.status()
            state = deployment.get("state")
            if state == "running":
                return deployment
            if state == "failed":
                raise LastmileError(f"pipeline {self.name!r} failed to deploy: {deployment.get('error')}")
            if time.monotonic() > deadline:
                raise LastmileError(f"pipeline {self.name!r} is still {state} after {timeout} s")
            time.sleep(0.05)

    def undeploy(self) -> None:
        """Stops the pipeline's deployment."""
        self.client.http.call("POST", self._path + "/undeploy")

    def status(self) -> Dict[str, Any]:
        """The deployment: ``state`` (starting, running, failed), ``version``, ``replicas``, ``config``, ``error``."""
        return self.client.http.call("GET", self._path + "/deployment")

    def describe(self) -> Dict[str, Any]:
        """The pipeline as the server has it: ``latestVersion`` (steps, signature) and ``deployment``."""
        return self.client.http.call("GET", self._path)

    def versions(self) -> List[Dict[str, Any]]:
        """Every version of the pipeline, oldest first."""
        return self.client.http.call("GET", self._path + "/versions")

    def metrics(self, window: str = "5m") -> Dict[str, Any]:
        """Requests/s, rows/s, latency percentiles, error and anomaly rates over the last ``window``."""
        return self.client.http.call("GET", self._path + "/metrics", params={"window": window})

    def routes(self, window: str = "1h") -> Any:
        """The split routes and shadow models compared over the last ``window``, as a DataFrame:
        one row per route (``step``, ``model``, ``version``, ``role``, ``runs``, ``rows``,
        ``errorRate``, ``latencyP50Seconds``, ``latencyP99Seconds``, ``anomalyRate``, ...) with
        ``outputMeans.<output>`` and, for shadow challengers, ``meanAbsoluteDifference.<output>``."""
        pd = records.require_pandas()
        report = self.client.http.call("GET", self._path + "/routes", params={"window": window})
        return pd.DataFrame([records.flatten(route) for route in report.get("routes", [])])

    def start_canary(
        self,
        challenger: ModelRef,
        *,
        max_error_rate: float,
        max_anomaly_rate: Optional[float] = None,
        max_latency_p99_ms: Optional[float] = None,
        min_runs: Optional[int] = None,
        steps: Optional[Sequence[float]] = None,
        interval: Optional[str] = None,
        step: Optional[int] = None,
    ) -> Dict[str, Any]:
        """Starts a canary: ``challenger`` takes a growing share (``steps`` in percent, default
        5, 25, 50, 100) of one model step's rows every ``interval`` (default 10m), is promoted at
        100%, and is rolled back when it breaks a limit. Returns the canary."""
        rollback: Dict[str, Any] = {"maxErrorRate": max_error_rate}
        for key, value in (("maxAnomalyRate", max_anomaly_rate), ("maxLatencyP99Ms", max_latency_p99_ms), ("minRuns", min_runs)):
            if value is not None:
                rollback[key] = value
        body: Dict[str, Any] = {"challenger": model_reference(challenger), "rollback": rollback}
        for key, value in (("steps", list(steps) if steps is not None else None), ("interval", interval), ("step", step)):
            if value is not None:
                body[key] = value
        return self.client.http.call("POST", self._path + "/canary", json_body=body)

    def canary(self) -> Dict[str, Any]:
        """The pipeline's latest canary: ``state`` (running, promoted, rolledBack, aborted, failed), shares and history."""
        return self.client.http.call("GET", self._path + "/canary")

    def abort_canary(self) -> Dict[str, Any]:
        """Aborts the running canary and deploys the version from before it again."""
        return self.client.http.call("DELETE", self._path + "/canary")

    def input_specs(self) -> List[Dict[str, Any]]:
        """The pipeline's inputs (``name``, ``datatype``, ``shape``) from its latest version."""
        if self._inputs is None:
            self._remember(self.describe()["latestVersion"])
        return self._inputs or []

    def _float_fields(self) -> set:
        if self._inputs is None or self._outputs is None:
            self._remember(self.describe()["latestVersion"])
        return records.float_columns(self._inputs or [], self._outputs or [])

    def input_names(self) -> List[str]:
        """The names of the pipeline's inputs (from its latest version)."""
        return [spec["name"] for spec in self.input_specs()]

    def _encode(self, data: Any) -> List[Dict[str, Any]]:
        if self._is_rows(data):
            return records.encode(data, [])
        return records.fit_shapes(records.encode(data, self.input_names()), self.input_specs())

    # MARK: - Inference

    def infer_records(self, data: Any) -> List[Dict[str, Any]]:
        """Runs ``data`` (see :func:`lastmile.records.encode`) and returns the reply rows as dicts."""
        rows = self._encode(data)
        return self.client.http.call("POST", self._path + "/infer", json_body=rows)

    def infer(self, data: Any) -> Any:
        """Runs ``data`` (DataFrame, dict of arrays, ndarray, list of row dicts) and returns a DataFrame.

        Columns: ``time`` (UTC), ``in.<input>``, ``out.<output>``, ``anomaly.count`` and
        ``anomaly.<validation>``, ``metadata.prediction_id``/``pipeline_version``/... and, with a
        shadow step, ``out_<challenger>.<output>``. A row's tensor values are Python lists.
        """
        return records.to_frame(self.infer_records(data), self._float_fields())

    @staticmethod
    def _is_rows(data: Any) -> bool:
        return isinstance(data, list) and len(data) > 0 and all(isinstance(r, dict) for r in data)

    # MARK: - Logs

    def _log_params(self, start: Any, end: Any, limit: Optional[int], order: Optional[str], anomaly_only: bool, fmt: str) -> Dict[str, Any]:
        return {
            "start": records.millis(start), "end": records.millis(end), "limit": limit, "order": order,
            "anomaly": "true" if anomaly_only else None, "format": fmt,
        }

    def log_records(self, start: Any = None, end: Any = None, limit: Optional[int] = 100, order: Optional[str] = None, anomaly_only: bool = False) -> List[Dict[str, Any]]:
        """Logged inference rows as dicts, oldest first (``order="desc"`` for newest first)."""
        return self.client.http.call("GET", self._path + "/logs", params=self._log_params(start, end, limit, order, anomaly_only, "json"))

    def logs(self, start: Any = None, end: Any = None, limit: Optional[int] = 100, order: Optional[str] = None, anomaly_only: bool = False) -> Any:
        """Logged inference rows between ``start`` and ``end`` as a DataFrame with the same columns as :meth:`infer`."""
        return records.to_frame(self.log_records(start, end, limit, order, anomaly_only), self._float_fields())

    def export_logs(self, path: Union[str, Path], start: Any = None, end: Any = None, limit: Optional[int] = 10_000_000, anomaly_only: bool = False) -> Path:
        """Writes logged rows to ``path``, oldest first: ``.csv``, ``.ndjson``/``.jsonl`` as the
        server streams them, ``.parquet`` or ``.arrow`` through pyarrow (flattened columns).
        ``limit`` defaults to the server's cap for streamed exports. Returns the path."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in (".csv", ".ndjson", ".jsonl"):
            fmt = "csv" if suffix == ".csv" else "ndjson"
            with open(target, "wb") as file:
                for chunk in self.client.http.download(self._path + "/logs", self._log_params(start, end, limit, None, anomaly_only, fmt)):
                    file.write(chunk)
            return target
        if suffix in (".parquet", ".arrow", ".feather"):
            import json

            try:
                import pyarrow as pa
            except ImportError as error:  # pragma: no cover - depends on the environment
                raise ImportError("exporting Arrow or Parquet needs pyarrow: pip install 'lastmile[pandas]'") from error
            body = b"".join(self.client.http.download(self._path + "/logs", self._log_params(start, end, limit, None, anomaly_only, "ndjson")))
            fields = self._float_fields()
            rows = [records.restore_floats(records.flatten(json.loads(line)), fields) for line in body.splitlines() if line.strip()]
            table = pa.Table.from_pylist(rows)
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                pq.write_table(table, target)
            else:
                import pyarrow.feather as feather

                feather.write_feather(table, target)
            return target
        raise ValueError(f"cannot export logs as {suffix or 'a file without a suffix'}; use .csv, .ndjson, .jsonl, .parquet or .arrow")

    # MARK: - Explanations

    def explain(
        self,
        rows: Any,
        background: Any = None,
        *,
        output: Optional[str] = None,
        method: Optional[str] = None,
        samples: Optional[int] = None,
        seed: Optional[int] = None,
        start: Any = None,
        end: Any = None,
        background_samples: Optional[int] = None,
        feature_names: Optional[Sequence[str]] = None,
    ) -> Any:
        """SHAP values for ``rows`` as an :class:`lastmile.frames.ExplanationFrame` (a DataFrame).

        ``background`` is the reference data (same forms as :meth:`infer`); without it the
        server samples logged rows between ``start`` and ``end``. ``feature_names`` renames the
        features (by default ``X[0]``, ``X[1]``, ... for an input ``X``). One frame row per explained
        row and output: a column per feature plus ``row``, ``output`` and ``base_value``;
        ``.plot(row=0)`` draws the row's values as a bar chart.
        """
        from .frames import ExplanationFrame

        body: Dict[str, Any] = {"rows": self._encode(rows)}
        body["background"] = self._background(background, start, end, background_samples)
        if feature_names is not None:
            body["feature_names"] = list(feature_names)
        for key, value in (("output", output), ("method", method), ("samples", samples), ("seed", seed)):
            if value is not None:
                body[key] = value
        reply = self.client.http.call("POST", self._path + "/explain", json_body=body)
        return ExplanationFrame.from_reply(reply)

    def explain_global(
        self,
        background: Any = None,
        *,
        rows: Optional[int] = None,
        output: Optional[str] = None,
        method: Optional[str] = None,
        samples: Optional[int] = None,
        seed: Optional[int] = None,
        start: Any = None,
        end: Any = None,
        background_samples: Optional[int] = None,
        feature_names: Optional[Sequence[str]] = None,
    ) -> Any:
        """Global explanations over ``background`` (or logged rows between ``start`` and ``end``):
        a :class:`lastmile.frames.GlobalExplanation` with ``.importance`` (mean |SHAP| per
        feature), ``.dependence(feature)`` (partial dependence), ``.plot()`` and
        ``.plot_dependence(feature)``. ``rows`` caps how many background rows are explained."""
        from .frames import GlobalExplanation

        body: Dict[str, Any] = {"background": self._background(background, start, end, background_samples)}
        if feature_names is not None:
            body["feature_names"] = list(feature_names)
        for key, value in (("rows", rows), ("output", output), ("method", method), ("samples", samples), ("seed", seed)):
            if value is not None:
                body[key] = value
        return GlobalExplanation(self.client.http.call("POST", self._path + "/explain/global", json_body=body))

    def _background(self, background: Any, start: Any, end: Any, samples: Optional[int]) -> Any:
        if background is not None:
            return self._encode(background)
        log: Dict[str, Any] = {}
        if start is not None:
            log["start"] = records.iso(start)
        if end is not None:
            log["end"] = records.iso(end)
        if samples is not None:
            log["samples"] = samples
        return log
