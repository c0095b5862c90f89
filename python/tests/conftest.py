"""Fixtures: a live `lastmile serve` on 127.0.0.1 with a temp data dir, and a logged-in client.

The server binary is $LASTMILE_BINARY (default: the repository's .build/debug/lastmile). The
server converts uploaded artifacts with this test run's own Python (--converter-python).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, List, Optional

import numpy as np
import pytest
import requests

import lastmile

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "lm_python_sdk_test_token"
_names = itertools.count(1)


class Server:
    """One `lastmile serve` process and its URL."""

    def __init__(self, binary: Path, extra: List[str]) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="lastmile-py-"))
        env = dict(os.environ, LASTMILE_ADMIN_TOKEN=TOKEN, LASTMILE_LOG_LEVEL="warning")
        env.pop("LASTMILE_CONVERTER_PYTHON", None)
        self.log = open(self.directory / "server.log", "w+")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--port", "0", "--data-dir", str(self.directory / "data"), *extra],
            stdout=self.log, stderr=subprocess.STDOUT, env=env,
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"lastmile serve exited: {self.output()}")
            match = re.search(r"http://127\.0\.0\.1:\d+", self.output())
            if match:
                url = match.group(0)
                try:
                    if requests.get(url + "/health/ready", timeout=1).status_code == 200:
                        return url
                except requests.RequestException:
                    pass
            time.sleep(0.05)
        raise RuntimeError(f"lastmile serve did not become ready: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        return (self.directory / "server.log").read_text()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def _binary() -> Path:
    binary = Path(os.environ.get("LASTMILE_BINARY", ROOT / ".build" / "debug" / "lastmile"))
    if not binary.exists():
        pytest.exit(f"no lastmile binary at {binary}: run `swift build --product lastmile` or set LASTMILE_BINARY", returncode=2)
    return binary


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """A server that converts artifacts with this Python."""
    running = Server(_binary(), ["--converter-python", sys.executable, "--conversion-timeout", "120"])
    yield running
    running.stop()


@pytest.fixture(scope="session")
def plain_server() -> Iterator[Server]:
    """A server without a converter."""
    running = Server(_binary(), [])
    yield running
    running.stop()


@pytest.fixture
def client(server: Server) -> lastmile.Client:
    """An admin client with a fresh workspace of its own as the default."""
    client = lastmile.Client(server.url, TOKEN)
    client.create_workspace(unique("ws"))
    return client


def unique(prefix: str) -> str:
    """A name no other test uses on the shared server."""
    return f"{prefix}-{os.getpid()}-{next(_names)}"


@pytest.fixture(scope="session")
def fraud_data() -> tuple:
    """A synthetic fraud set: 6 features, about 30% positives, seeded."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(600, 6))
    logits = 1.5 * X[:, 0] - 2.0 * X[:, 1] + X[:, 2] * X[:, 3] - 0.8
    y = (logits + rng.normal(scale=0.5, size=600) > 0).astype(np.int64)
    return X, y


def wait_for(predicate, timeout: float = 20.0, what: str = "condition"):
    """Polls ``predicate`` until it returns something truthy (logs are committed asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)
