"""Lastmile's Python SDK: upload (and convert) models, build and deploy pipelines, infer with
DataFrames, and read logs, assays and explanations.

    import lastmile
    client = lastmile.Client("http://127.0.0.1:8080", token)
    client.create_workspace("team")
    version = client.upload_model("fraud", trained_model, sample=X[:100])
    pipeline = client.build_pipeline("fraud").add_model_step(version)
    pipeline.deploy()
    frame = pipeline.infer(X[:10])
"""

from __future__ import annotations

from typing import Any

from .client import FRAMEWORKS, Client
from .errors import (
    APIError,
    BadRequest,
    Conflict,
    ConversionError,
    Forbidden,
    LastmileError,
    NotFound,
    Unauthorized,
    Unavailable,
)
from .pipeline import ModelVersion, Pipeline

__version__ = "0.2.0"


def convert(model: Any, sample: Any, **options: Any) -> Any:
    """Converts a trained model to an ``onnx.ModelProto``, checked against the original on
    ``sample`` (see :func:`lastmile.conversion.convert`; needs the ``convert`` extra)."""
    from .conversion import convert as _convert

    return _convert(model, sample, **options)


__all__ = [
    "APIError", "BadRequest", "Client", "Conflict", "ConversionError", "FRAMEWORKS", "Forbidden",
    "LastmileError", "ModelVersion", "NotFound", "Pipeline", "Unauthorized", "Unavailable", "convert",
]
