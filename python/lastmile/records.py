"""Encoding inference inputs as records JSON and flattening replies into table columns.

Records JSON is Lastmile's native inference format: a list of rows, each an object mapping
an input name to that row's value (a number, a string, or a nested list for a row's tensor).
A reply row is ``{"time", "in", "out", "anomaly", "metadata"}`` plus ``out_<model>`` for each
shadow challenger; :func:`flatten` turns it into ``{"time", "in.X", "out.label",
"anomaly.count", "metadata.pipeline_version", "out_<model>.label", ...}``.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Mapping, Optional, Sequence

Row = Dict[str, Any]


def _plain(value: Any) -> Any:
    """``value`` with numpy scalars/arrays turned into Python values and NaN into null."""
    tolist = getattr(value, "tolist", None)
    if tolist is not None:
        value = tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _is_dataframe(data: Any) -> bool:
    return type(data).__name__ == "DataFrame" and hasattr(data, "columns") and hasattr(data, "itertuples")


def _is_ndarray(data: Any) -> bool:
    return hasattr(data, "shape") and hasattr(data, "dtype") and hasattr(data, "tolist")


def encode(data: Any, input_names: Sequence[str]) -> List[Row]:
    """Turns ``data`` into records-JSON rows for a pipeline whose inputs are ``input_names``.

    Accepted forms:

    * a list of row dicts (``[{"X": [1, 2, 3]}, ...]``), sent as they are;
    * a dict of columns (``{"X": ndarray of shape (n, 6)}``): row ``i`` takes element ``i`` of each;
    * an ndarray or nested list of shape ``(n, ...)``, for a pipeline with one input;
    * a pandas DataFrame whose columns include the input names (``X`` or ``in.X``; other
      columns are left out), or, for a pipeline with one input, whose columns are that input's
      features (each row becomes one vector, in column order).
    """
    names = list(input_names)
    if _is_dataframe(data):
        columns = [str(c) for c in data.columns]
        stripped = [c[3:] if c.startswith("in.") else c for c in columns]
        if names and set(names) <= set(stripped):
            picked = [stripped.index(n) for n in names]
            return [{names[k]: _plain(row[i]) for k, i in enumerate(picked)} for row in data.itertuples(index=False, name=None)]
        if len(names) == 1:
            values = data.to_numpy()
            return [{names[0]: _plain(row)} for row in values]
        raise ValueError(
            f"the DataFrame's columns {columns[:8]} are not the pipeline's inputs {names}; "
            "name the columns after the inputs, or pass a dict of arrays"
        )
    if isinstance(data, Mapping):
        by_name = {str(k): v for k, v in data.items()}
        lengths = {k: len(v) for k, v in by_name.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"the columns have different numbers of rows: {lengths}")
        count = next(iter(lengths.values()), 0)
        return [{k: _plain(v[i]) for k, v in by_name.items()} for i in range(count)]
    if _is_ndarray(data):
        if len(names) != 1:
            raise ValueError(f"an array feeds a pipeline with one input; this one has {names}: pass a dict of arrays")
        if len(data.shape) == 0:
            raise ValueError("a 0-d array has no rows; give at least one dimension (the rows)")
        return [{names[0]: _plain(row)} for row in data]
    if isinstance(data, (list, tuple)):
        if all(isinstance(r, Mapping) for r in data):
            return [{str(k): _plain(v) for k, v in r.items()} for r in data]
        if len(names) != 1:
            raise ValueError(f"a list of values feeds a pipeline with one input; this one has {names}: pass row dicts")
        return [{names[0]: _plain(row)} for row in data]
    raise TypeError(f"cannot send {type(data).__name__} as inference input; pass a DataFrame, a dict of arrays, an ndarray or a list of row dicts")


def fit_shapes(rows: List[Row], specs: Sequence[Mapping[str, Any]]) -> List[Row]:
    """Wraps a scalar in a list where the input's row shape is ``[1]`` (a DataFrame column
    feeding a ``[None, 1]`` input, as scikit-learn converters declare per-column inputs)."""
    wrap = [spec["name"] for spec in specs if list(spec.get("shape", []))[1:] == [1]]
    if not wrap:
        return rows
    for row in rows:
        for name in wrap:
            if name in row and not isinstance(row[name], list):
                row[name] = [row[name]]
    return rows


def flatten(record: Mapping[str, Any]) -> Row:
    """One reply or log row as flat columns: ``time``, ``in.<name>``, ``out.<name>``, ``anomaly.<name>``, ``metadata.<name>``."""
    row: Row = {}
    if "time" in record:
        row["time"] = record["time"]
    for key, value in record.items():
        if key == "time":
            continue
        if isinstance(value, Mapping):
            for name, inner in value.items():
                row[f"{key}.{name}"] = inner
        else:
            row[key] = value
    return row


_SPECIAL = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}
FLOAT_TYPES = ("FP16", "FP32", "FP64")


def _floats(value: Any) -> Any:
    if isinstance(value, str):
        return _SPECIAL.get(value, value)
    if isinstance(value, list):
        return [_floats(v) for v in value]
    return value


def float_columns(inputs: Sequence[Mapping[str, Any]], outputs: Sequence[Mapping[str, Any]]) -> set:
    """The flattened columns that hold floating-point tensors, from a pipeline's signature."""
    names = {f"in.{s['name']}" for s in inputs if s.get("datatype") in FLOAT_TYPES}
    names |= {f"out.{s['name']}" for s in outputs if s.get("datatype") in FLOAT_TYPES}
    return names


def restore_floats(row: Row, columns: set) -> Row:
    """Turns the JSON stand-ins ``"NaN"``, ``"Infinity"`` and ``"-Infinity"`` back into floats in
    the floating-point ``columns`` (and in shadow outputs ``out_<model>.<name>`` of those names)."""
    for key, value in row.items():
        plain = "out." + key.split(".", 1)[1] if key.startswith("out_") and "." in key else key
        if plain in columns:
            row[key] = _floats(value)
    return row


def to_frame(records: Sequence[Mapping[str, Any]], float_fields: Optional[set] = None) -> Any:
    """The flattened rows as a pandas DataFrame, with ``time`` as UTC timestamps and, in
    ``float_fields``, the JSON stand-ins for NaN and infinities turned back into floats."""
    pd = require_pandas()
    rows = [flatten(r) for r in records]
    if float_fields:
        rows = [restore_floats(row, float_fields) for row in rows]
    frame = pd.DataFrame(rows)
    if "time" in frame.columns:
        frame["time"] = pd.to_datetime(frame["time"], unit="ms", utc=True)
    return frame


def require_pandas() -> Any:
    """The pandas module, or an ImportError saying how to install it."""
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("this call returns a pandas DataFrame: pip install 'lastmile[pandas]'") from error
    return pandas


def millis(value: Any) -> Optional[int]:
    """A time (datetime, pandas Timestamp, ISO 8601 string or epoch milliseconds) as epoch milliseconds."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a time must be a datetime, an ISO 8601 string or epoch milliseconds")
    if isinstance(value, (int, float)):
        return int(value)
    import datetime as _dt

    if isinstance(value, str):
        text = value.replace("Z", "+00:00")
        value = _dt.datetime.fromisoformat(text)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return int(round(value.timestamp() * 1000))
    raise TypeError(f"cannot read {type(value).__name__} as a time; pass a datetime, an ISO 8601 string or epoch milliseconds")


def iso(value: Any) -> Optional[str]:
    """A time as the ISO 8601 text the API's JSON bodies take."""
    ms = millis(value)
    if ms is None:
        return None
    import datetime as _dt

    moment = _dt.datetime.fromtimestamp(ms / 1000, tz=_dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
