"""Analyse JSON Lines with Spark through the ``zhnews`` Python package on the executors.

The package travels in a packed virtualenv (``spark.archives``), so the cluster needs nothing
installed but Python itself. Build the archive once (venv-pack keeps absolute interpreter
links, so the executors need the same Python at the same path; conda-pack ships the
interpreter too)::

    python3 -m venv /tmp/zhnews-env
    /tmp/zhnews-env/bin/pip install /tmp/wheels/zhnews-*.whl "pandas<3" pyarrow venv-pack
    /tmp/zhnews-env/bin/venv-pack -p /tmp/zhnews-env -o zhnews-env.tar.gz

    PYSPARK_PYTHON=./environment/bin/python spark-submit --master yarn \\
        --archives zhnews-env.tar.gz#environment \\
        bindings/python/examples/spark/wheel_map_in_pandas.py articles.jsonl analyses/

(In ``local[N]`` mode the Python workers start in the driver's directory, not beside the
unpacked archive: there, run with ``PYSPARK_PYTHON`` pointing at a venv holding the wheel.)

Two ways through the same analyzer, ``--api``:
- ``pandas`` (default): ``DataFrame.mapInPandas``, Arrow batches of ``--batch-size`` rows; needs
  pandas and pyarrow on the executors.
- ``rdd``: ``RDD.mapPartitions`` over the raw lines; needs only the zhnews package.

Each output line is the ``zhnews/1`` object for one input record, its ``id`` taken from
``--id-field``; an input zhnews refuses (binary, too large, not JSON, no text) gives the CLI's
error record in its place, so N records in give N lines out.
"""

import argparse
import json
import sys

from pyspark.sql import SparkSession

_analyzer = None


def analyzer():
    """One Analyzer per Python worker process, built on first use: the tables load once."""
    global _analyzer
    if _analyzer is None:
        import zhnews

        _analyzer = zhnews.Analyzer()
    return _analyzer


def error_record(record_id, kind, message):
    return {"schema": "zhnews/1", "id": record_id, "error": {"kind": kind, "message": message}}


def analyze_records(records, text_field, id_field):
    """JSON lines of the analyses of ``records`` (dicts, or None for a line that is not JSON).

    One task runs on one core, so ``analyze_many`` gets one thread: more would oversubscribe
    the executor that Spark already fills with one task per core.
    """
    ids, texts, slots, out = [], [], [], []
    for record in records:
        if not isinstance(record, dict):
            out.append(error_record(None, "json", "not a JSON object"))
            continue
        record_id = record.get(id_field)
        if not isinstance(record_id, (str, int)) or isinstance(record_id, bool):
            record_id = None
        text = record.get(text_field)
        if not isinstance(text, str):
            out.append(error_record(record_id, "missing_field", f"no string field {text_field!r}"))
            continue
        slots.append(len(out))
        out.append(None)
        ids.append(record_id)
        texts.append(text)
    for slot, analysis in zip(slots, analyzer().analyze_many(texts, threads=1, ids=ids, errors="record")):
        out[slot] = analysis
    return [json.dumps(analysis, ensure_ascii=False) for analysis in out]


def parse_line(line):
    try:
        return json.loads(line)
    except ValueError:
        return None


def run_rdd(spark, args):
    def analyze_partition(lines):
        records = [parse_line(line) for line in lines if line.strip()]
        return analyze_records(records, args.text_field, args.id_field)

    lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions)
    lines.mapPartitions(analyze_partition).saveAsTextFile(args.output)


def run_pandas(spark, args):
    import pandas as pd

    text_field, id_field = args.text_field, args.id_field

    def analyze_batches(batches):
        for batch in batches:
            records = [parse_line(line) for line in batch["value"]]
            yield pd.DataFrame({"value": analyze_records(records, text_field, id_field)})

    # Read lines, not `spark.read.json`: schema inference would read the corpus twice and
    # would drop or null the records zhnews should report as errors.
    lines = spark.read.text(args.input)
    if args.partitions:
        lines = lines.repartition(args.partitions)
    lines = lines.filter("trim(value) != ''")
    lines.mapInPandas(analyze_batches, schema="value string").write.text(args.output)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines file(s) or directory")
    parser.add_argument("output", help="output directory (must not exist): JSON Lines part files")
    parser.add_argument("--text-field", default="text", help="field holding the article (default: text)")
    parser.add_argument("--id-field", default="id", help="field holding the record id (default: id)")
    parser.add_argument("--api", choices=["pandas", "rdd"], default="pandas")
    parser.add_argument("--partitions", type=int, help="number of partitions to analyse in")
    parser.add_argument("--batch-size", type=int, default=256, help="rows per Arrow batch (--api pandas)")
    args = parser.parse_args(argv)

    spark = (
        SparkSession.builder.appName(f"zhnews-wheel-{args.api}")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))
        .getOrCreate()
    )
    (run_pandas if args.api == "pandas" else run_rdd)(spark, args)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
