"""DataFrames and plots for explanations and assays (needs the ``pandas`` extra; plots need ``plot``)."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

try:
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("this call returns a pandas DataFrame: pip install 'lastmile[pandas]'") from error


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'lastmile[plot]'") from error
    return plt


class ExplanationFrame(pd.DataFrame):
    """SHAP values as a DataFrame: one row per (explained row, output), one column per feature,
    plus ``row``, ``output`` and ``base_value``; ``attrs["method"]`` is how they were computed.

    For each frame row, the feature columns plus ``base_value`` add up to the prediction.
    """

    @property
    def _constructor(self) -> Any:
        return ExplanationFrame

    @classmethod
    def from_reply(cls, reply: Mapping[str, Any]) -> "ExplanationFrame":
        """Builds the frame from ``POST /v1/pipelines/{p}/explain``'s reply."""
        features: List[str] = list(reply["features"])
        outputs: List[str] = list(reply["outputs"])
        base: List[float] = list(reply["base_values"])
        rows: List[Dict[str, Any]] = []
        for r, per_row in enumerate(reply["values"]):
            for o, output in enumerate(outputs):
                entry: Dict[str, Any] = {"row": r, "output": output}
                for f, feature in enumerate(features):
                    entry[feature] = per_row[f][o]
                entry["base_value"] = base[o]
                rows.append(entry)
        frame = cls(rows, columns=["row", "output", *features, "base_value"])
        frame.attrs["method"] = reply.get("method")
        frame.attrs["features"] = features
        return frame

    @property
    def features(self) -> List[str]:
        """The feature columns, in the server's order."""
        return list(self.attrs.get("features") or [c for c in self.columns if c not in ("row", "output", "base_value")])

    def plot(self, row: int = 0, output: Optional[str] = None, ax: Any = None, **_: Any) -> Any:  # type: ignore[override]
        """Draws one row's SHAP values (for ``output``, default the first) as horizontal bars, largest on top."""
        plt = _pyplot()
        selected = self[self["row"] == row]
        if output is not None:
            selected = selected[selected["output"] == output]
        if selected.empty:
            raise ValueError(f"the explanation has no row {row}" + (f" for output {output!r}" if output else ""))
        line = selected.iloc[0]
        values = pd.Series({f: float(line[f]) for f in self.features})
        values = values.reindex(values.abs().sort_values().index)
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 0.35 * len(values) + 1.2))
        ax.barh(values.index, values.to_numpy(), color=["tab:red" if v > 0 else "tab:blue" for v in values])
        ax.set_xlabel(f"SHAP value ({self.attrs.get('method')}), base {float(line['base_value']):.4g}")
        ax.set_title(f"row {row}, {line['output']}")
        ax.figure.tight_layout()
        return ax


class GlobalExplanation(dict):
    """The reply of ``POST /v1/pipelines/{p}/explain/global`` (a dict with attribute access):
    ``method``, ``features``, ``outputs``, ``base_values``, ``mean_abs`` ([feature][output]),
    ``partial_dependence`` (per feature: ``grid``, ``average`` [point][output], ``ice``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error

    @property
    def importance(self) -> pd.DataFrame:
        """Mean |SHAP| per feature (rows, most important first) and output (columns)."""
        frame = pd.DataFrame(self["mean_abs"], index=self["features"], columns=self["outputs"])
        return frame.loc[frame.abs().sum(axis=1).sort_values(ascending=False).index]

    def dependence(self, feature: str) -> pd.DataFrame:
        """Partial dependence of each output on ``feature``: one row per grid point."""
        for curve in self.get("partial_dependence") or []:
            if curve["feature"] == feature:
                frame = pd.DataFrame(curve["average"], columns=self["outputs"])
                frame.insert(0, feature, curve["grid"])
                return frame
        raise KeyError(f"no partial dependence for feature {feature!r}; the features are {self['features']}")

    def plot(self, output: Optional[str] = None, ax: Any = None) -> Any:
        """Draws mean |SHAP| per feature for ``output`` (default the first) as horizontal bars."""
        plt = _pyplot()
        column = output or self["outputs"][0]
        values = self.importance[column].sort_values()
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 0.35 * len(values) + 1.2))
        ax.barh(values.index, values.to_numpy(), color="tab:purple")
        ax.set_xlabel(f"mean |SHAP| ({self['method']})")
        ax.set_title(f"feature importance, {column}")
        ax.figure.tight_layout()
        return ax

    def plot_dependence(self, feature: str, output: Optional[str] = None, ax: Any = None) -> Any:
        """Draws the partial dependence of ``output`` (default the first) on ``feature``."""
        plt = _pyplot()
        frame = self.dependence(feature)
        column = output or self["outputs"][0]
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4))
        ax.plot(frame[feature], frame[column], marker="o")
        ax.set_xlabel(feature)
        ax.set_ylabel(column)
        ax.set_title("partial dependence")
        ax.figure.tight_layout()
        return ax


class AssayScore(dict):
    """The reply of ``POST /v1/assays/score``: ``metric``, ``score``, ``scores``, ``status``,
    ``baseline`` and ``window`` summaries (bins ``edges``, ``labels``, ``counts``, ``shares``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error

    def to_frame(self) -> pd.DataFrame:
        """One row per bin: ``bin``, ``baseline_count``, ``baseline_share``, ``window_count``, ``window_share``, ``score``."""
        baseline, window = self["baseline"], self["window"]
        scores = list(self.get("scores") or [])
        return pd.DataFrame({
            "bin": baseline["labels"],
            "baseline_count": baseline["counts"], "baseline_share": baseline["shares"],
            "window_count": window["counts"], "window_share": window["shares"],
            "score": scores if len(scores) == len(baseline["labels"]) else [None] * len(baseline["labels"]),
        })

    def plot(self, ax: Any = None) -> Any:
        """Draws the baseline's and the window's share of values per bin side by side."""
        plt = _pyplot()
        frame = self.to_frame()
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        positions = range(len(frame))
        ax.bar([p - 0.2 for p in positions], frame["baseline_share"], width=0.4, label="baseline")
        ax.bar([p + 0.2 for p in positions], frame["window_share"], width=0.4, label="window")
        ax.set_xticks(list(positions), frame["bin"], rotation=45, ha="right")
        ax.set_ylabel("share of values")
        ax.set_title(f"{self['metric']} {self.get('score')}: {self['status']}")
        ax.legend()
        ax.figure.tight_layout()
        return ax


class AssayWindows(pd.DataFrame):
    """Assay window results (a preview or a scheduled assay's results): one row per window with
    ``start``, ``end``, ``score``, ``status``, ``count`` and ``binIndex``; ``attrs`` keep the
    metric, the thresholds when known and the raw windows."""

    @property
    def _constructor(self) -> Any:
        return AssayWindows

    @classmethod
    def from_windows(cls, windows: List[Mapping[str, Any]], metric: Optional[str] = None, thresholds: Optional[Mapping[str, Any]] = None) -> "AssayWindows":
        """Builds the frame from a list of window results."""
        frame = cls([{
            "start": w["start"], "end": w["end"], "score": w.get("score"), "status": w.get("status"),
            "count": (w.get("summary") or {}).get("count"), "binIndex": w.get("binIndex"),
        } for w in windows], columns=["start", "end", "score", "status", "count", "binIndex"])
        if len(frame):
            frame["start"] = pd.to_datetime(frame["start"], utc=True, format="ISO8601")
            frame["end"] = pd.to_datetime(frame["end"], utc=True, format="ISO8601")
        frame.attrs["metric"] = metric
        frame.attrs["thresholds"] = dict(thresholds or {})
        frame.attrs["windows"] = list(windows)
        return frame

    def plot(self, ax: Any = None, **_: Any) -> Any:  # type: ignore[override]
        """Draws each window's score over time, with the warning and alert thresholds as lines."""
        plt = _pyplot()
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        colors = {"ok": "tab:green", "warning": "tab:orange", "alert": "tab:red", "insufficient_data": "tab:gray"}
        ax.plot(self["start"], self["score"], color="0.5", linewidth=1)
        ax.scatter(self["start"], self["score"], c=[colors.get(s, "k") for s in self["status"]], zorder=3)
        for name, style in (("warning", ":"), ("alert", "--")):
            value = self.attrs.get("thresholds", {}).get(name)
            if value is not None:
                ax.axhline(value, linestyle=style, color=colors[name], label=name)
        ax.set_ylabel(self.attrs.get("metric") or "score")
        ax.set_title("assay windows")
        if any(self.attrs.get("thresholds", {}).get(n) is not None for n in ("warning", "alert")):
            ax.legend()
        ax.figure.autofmt_xdate()
        ax.figure.tight_layout()
        return ax
