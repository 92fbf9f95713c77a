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

Each output line is what ``zhnews analyze --input jsonl`` prints for the record: the
``zhnews/1`` object with the record's ``id`` and its other fields passed through, or, for a
record zhnews refuses (not JSON, no text, too large), the CLI's error record, so N records in
give N lines out. (One difference: a record without an ``id`` gets ``null``, not a line
number, which would only count within a partition.)
"""

import argparse
import json
import sys
import time

from pyspark.sql import SparkSession

_analyzer = None


def analyzer():
    """One Analyzer per Python worker process, built on first use: the tables load once."""
    global _analyzer
    if _analyzer is None:
        import zhnews

        _analyzer = zhnews.Analyzer()
    return _analyzer


def error_record(kind, message):
    return {"schema": "zhnews/1", "id": None, "error": {"kind": kind, "message": message}}


def json_type(value):
    names = {type(None): "null", bool: "a boolean", int: "a number", float: "a number",
             str: "a string", list: "an array", dict: "an object"}
    return names[type(value)]


def parse_record(line, text_field):
    """(text or None, the record's fields but the text, or an error record) for one line,
    with the CLI's error kinds and messages (`zhnews analyze --input jsonl`)."""
    try:
        record = json.loads(line)
    except ValueError as error:
        return None, {}, error_record("json", f"not JSON: {error}")
    if not isinstance(record, dict):
        return None, {}, error_record("json", f"not a JSON object but {json_type(record)}")
    text = record.get(text_field)
    if isinstance(text, str):
        del record[text_field]
        return text, record, None
    if text is None and text_field not in record:
        return None, record, error_record("missing_field", f'no field "{text_field}" (see --text-field)')
    return None, record, error_record("not_a_string", f'field "{text_field}" is {json_type(text)}, not a string')


def output_record(result, record):
    """`result` with the record's id and its other fields, as the CLI writes them: a field
    whose name the result already uses goes under "input"."""
    fields = dict(record)
    result["id"] = fields.pop("id", None)
    clashes = {}
    for key, value in fields.items():
        (clashes if key in result else result)[key] = value
    if clashes:
        result["input"] = clashes
    return result


def analyze_lines(lines, text_field):
    """The JSON output line of each JSON Lines input line, in order.

    One task runs on one core, so ``analyze_many`` gets one thread: more would oversubscribe
    the executor that Spark already fills with one task per core.
    """
    parsed = [parse_record(line, text_field) for line in lines]
    texts = [text for text, _, error in parsed if error is None]
    analyses = iter(analyzer().analyze_many(texts, threads=1, errors="record"))
    return [
        json.dumps(output_record(error or next(analyses), record), ensure_ascii=False)
        for _, record, error in parsed
    ]


def run_rdd(spark, args):
    text_field = args.text_field

    def analyze_partition(lines):
        return analyze_lines([line for line in lines if line.strip()], text_field)

    lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions)
    lines.mapPartitions(analyze_partition).saveAsTextFile(args.output)


def run_pandas(spark, args):
    import pandas as pd

    text_field = args.text_field

    def analyze_batches(batches):
        for batch in batches:
            yield pd.DataFrame({"value": analyze_lines(batch["value"], text_field)})

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
    parser.add_argument("--api", choices=["pandas", "rdd"], default="pandas")
    parser.add_argument("--partitions", type=int, help="number of partitions to analyse in")
    parser.add_argument("--batch-size", type=int, default=256, help="rows per Arrow batch (--api pandas)")
    args = parser.parse_args(argv)

    spark = (
        SparkSession.builder.appName(f"zhnews-wheel-{args.api}")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))
        .getOrCreate()
    )
    start = time.perf_counter()
    (run_pandas if args.api == "pandas" else run_rdd)(spark, args)
    # The job's own time, without the JVM's start: what a throughput figure should divide by.
    print(f"zhnews wheel ({args.api}): {args.output} written in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
