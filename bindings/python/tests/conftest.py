"""Fixtures shared by the binding's tests."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def cli_binary():
    """The release CLI: $ZHNEWS_CLI, else target/release/zhnews under $CARGO_TARGET_DIR or the repo."""
    candidates = [os.environ.get("ZHNEWS_CLI")]
    if os.environ.get("CARGO_TARGET_DIR"):
        candidates.append(str(Path(os.environ["CARGO_TARGET_DIR"]) / "release/zhnews"))
    candidates += [str(ROOT / "target/release/zhnews"), shutil.which("zhnews")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def cli():
    path = cli_binary()
    if path is None:
        pytest.skip("no release CLI (build it: cargo build --release, or set ZHNEWS_CLI)")
    return path
