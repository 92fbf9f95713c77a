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
    """100 JSON Lines records cycling the sample articles, in field `content` (so that
    --text-field is exercised), each with an id and a `url` to pass through; then one record
    whose content is not a string, which must come out as an error record in its place."""
    paths = sorted(p for p in (ROOT / "samples").glob("*/*.txt") if not p.name.endswith(".clean.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    records = [
        {"id": f"article-{n}", "url": f"http://example.gov.cn/{n}.html", "content": text}
        for n, text in zip(range(ARTICLES), itertools.cycle(texts))
    ]
    records.append({"id": "not-a-string", "content": 42})
    path = tmp_path_factory.mktemp("input") / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_output(articles, cli):
    """What the CLI alone prints for the same records, by id."""
    with articles.open("rb") as stdin:
        job = subprocess.run(
            [cli, "analyze", "--input", "jsonl", "--text-field", "content", "--jsonl"],
            stdin=stdin, capture_output=True,
        )
    assert job.returncode == 1  # one record failed: the not-a-string one
    return {r["id"]: r for r in map(json.loads, job.stdout.splitlines())}


def check_one_output_per_record(output, cli_output):
    records = read_output(output)
    assert len(records) == ARTICLES + 1
    by_id = {r["id"]: r for r in records}
    assert sorted(by_id) == sorted([f"article-{n}" for n in range(ARTICLES)] + ["not-a-string"])
    assert all(r["schema"] == "zhnews/1" for r in records)
    analyses = [r for r in records if "error" not in r]
    assert len(analyses) == ARTICLES
    assert all(a["text"] and a["url"].endswith(".html") and isinstance(a["entities"], list) for a in analyses)
    assert by_id["not-a-string"]["error"]["kind"] == "not_a_string"
    # Spark changes nothing: each record is what the CLI prints for it alone.
    assert by_id == cli_output


def test_pipe_cli(articles, cli_output, tmp_path, cli):
    output = tmp_path / "out"
    job = spark_submit("pipe_cli.py", articles, output, "--text-field", "content", files=[cli])
    assert job.returncode == 0, job.stderr[-4000:]
    check_one_output_per_record(output, cli_output)


def test_pipe_cli_fails_when_the_cli_cannot_run(articles, tmp_path):
    # checkCode=True is what turns a missing or crashing binary into a failed job instead of
    # an empty output that looks like success.
    output = tmp_path / "out"
    job = spark_submit("pipe_cli.py", articles, output, "--cli", tmp_path / "no-such-zhnews")
    assert job.returncode not in (0, 124), job.stderr[-4000:]
    assert not (output / "_SUCCESS").exists()


@pytest.mark.parametrize("api", ["pandas", "rdd"])
def test_wheel(articles, cli_output, tmp_path, api):
    if api == "pandas":
        pytest.importorskip("pandas")
        pytest.importorskip("pyarrow")
    output = tmp_path / "out"
    job = spark_submit("wheel_map_in_pandas.py", articles, output, "--api", api, "--text-field", "content")
    assert job.returncode == 0, job.stderr[-4000:]
    check_one_output_per_record(output, cli_output)
