"""Spark smoke test: the examples in examples/spark/ under spark-submit, local[1].

Off by default (pyspark is a 456 MB download and a JVM start): run with
``ZHNEWS_SPARK_TEST=1`` in a venv that has pyspark, pytest and the zhnews package, Java 17+
on the PATH and the release CLI built (see the README's "Scale out" section). Each job runs
under ``timeout 120``.
"""

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

if os.environ.get("ZHNEWS_SPARK_TEST") != "1":
    pytest.skip("set ZHNEWS_SPARK_TEST=1 to run the Spark smoke test", allow_module_level=True)
pyspark = pytest.importorskip("pyspark")

SPARK_EXAMPLES = ROOT / "bindings/python/examples/spark"
ARTICLES = 100
TIMEOUT_SECONDS = 120


def spark_submit(script, *args, files=()):
    """Run `script` with spark-submit in local[1] under `timeout`; the CompletedProcess."""
    spark_submit = Path(pyspark.__file__).parent / "bin/spark-submit"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    command = ["timeout", str(TIMEOUT_SECONDS), str(spark_submit), "--master", "local[1]"]
    if files:
        command += ["--files", ",".join(files)]
    command += [str(SPARK_EXAMPLES / script), *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True)


def read_output(directory):
    return [json.loads(line) for part in sorted(directory.glob("part-*")) for line in part.open(encoding="utf-8")]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """100 JSON Lines records cycling the sample articles, each with a unique id, plus the
    text field renamed to `content` so that --text-field is exercised."""
    paths = sorted(p for p in (ROOT / "samples").glob("*/*.txt") if not p.name.endswith(".clean.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    path = tmp_path_factory.mktemp("input") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, text in zip(range(ARTICLES), itertools.cycle(texts)):
            out.write(json.dumps({"id": f"article-{n}", "content": text}, ensure_ascii=False) + "\n")
    return path


def check_one_analysis_per_record(output):
    analyses = read_output(output)
    assert len(analyses) == ARTICLES
    assert sorted(a["id"] for a in analyses) == sorted(f"article-{n}" for n in range(ARTICLES))
    assert all(a["schema"] == "zhnews/1" and "error" not in a for a in analyses)
    assert all(a["text"] and isinstance(a["entities"], list) for a in analyses)


def test_pipe_cli(articles, tmp_path, cli):
    output = tmp_path / "out"
    job = spark_submit("pipe_cli.py", articles, output, "--text-field", "content", files=[cli])
    assert job.returncode == 0, job.stderr[-4000:]
    check_one_analysis_per_record(output)


def test_pipe_cli_fails_when_the_cli_cannot_run(articles, tmp_path):
    # checkCode=True is what turns a missing or crashing binary into a failed job instead of
    # an empty output that looks like success.
    output = tmp_path / "out"
    job = spark_submit("pipe_cli.py", articles, output, "--cli", tmp_path / "no-such-zhnews")
    assert job.returncode not in (0, 124), job.stderr[-4000:]
    assert not (output / "_SUCCESS").exists()


@pytest.mark.parametrize("api", ["pandas", "rdd"])
def test_wheel(articles, tmp_path, api):
    if api == "pandas":
        pytest.importorskip("pandas")
        pytest.importorskip("pyarrow")
    output = tmp_path / "out"
    job = spark_submit("wheel_map_in_pandas.py", articles, output, "--api", api, "--text-field", "content")
    assert job.returncode == 0, job.stderr[-4000:]
    check_one_analysis_per_record(output)
