"""Analyse JSON Lines with Spark by piping each partition through the ``zhnews`` CLI.

The release binary travels with the job (``--files``, i.e. ``spark.files``); no Python package
is needed on the executors, only pyspark's own worker. Every input line is one JSON object
holding the article in ``--text-field``; each output line is the ``zhnews/1`` object
``zhnews analyze --input jsonl`` prints for it, with the other input fields passed through
(give every record an ``id``: without one the CLI numbers lines within each partition).

    spark-submit --master 'local[2]' --files target/release/zhnews \\
        bindings/python/examples/spark/pipe_cli.py articles.jsonl analyses/

Pitfalls this script avoids:
- ``rdd.pipe`` without ``checkCode=True`` turns a CLI that crashed, or was never found, into an
  empty partition and a job that "succeeds". Here a failing CLI fails the task.
- PySpark's ``pipe`` runs the command with ``env=`` as the whole environment (an empty one by
  default): no ``PATH``, so the binary is called by an absolute path, and anything the CLI
  needs from the environment must be passed in ``env`` explicitly.
"""

import argparse
import shlex
import sys
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession

CLI_NAME = "zhnews"


def cli_path_on_executors(spark):
    """Where the shipped binary is on the executors.

    In ``local``/``local[N]`` the tasks run in the driver's JVM and share its SparkFiles
    directory; elsewhere (a cluster, or ``local-cluster[...]``) each executor fetches
    ``spark.files`` into its working directory, which the Python worker, and so the piped
    process, starts in.
    """
    master = spark.sparkContext.master
    if master == "local" or master.startswith("local["):
        return SparkFiles.get(CLI_NAME)
    return f"./{CLI_NAME}"


def pipe_command(cli, text_field):
    # `-j 1`: Spark already runs one task per core; a CLI thread pool in each task would
    # oversubscribe the executor. Exit status 1 only says that some records came out as error
    # records (they are in the output, one per bad input, so N rows in still give N rows out);
    # the shell wrapper passes that on as success and anything else (usage error, crash, a
    # missing binary: 2, 126, 127, a signal) as the failure `checkCode` turns into a failed task.
    cli_args = [cli, "analyze", "--input", "jsonl", "--text-field", text_field, "--jsonl", "-j", "1"]
    script = '"$@"; status=$?; [ "$status" -le 1 ] || exit "$status"'
    return shlex.join(["/bin/sh", "-c", script, "zhnews-pipe", *cli_args])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines file(s) or directory (any path textFile reads)")
    parser.add_argument("output", help="output directory (must not exist): JSON Lines part files")
    parser.add_argument("--text-field", default="text", help="field holding the article (default: text)")
    parser.add_argument("--cli", help="path of the zhnews binary on the executors (default: the shipped one)")
    parser.add_argument("--partitions", type=int, help="minimum number of input partitions")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("zhnews-pipe-cli").getOrCreate()
    sc = spark.sparkContext
    cli = args.cli or cli_path_on_executors(spark)
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    analyses = lines.filter(lambda line: line.strip()).pipe(
        pipe_command(cli, args.text_field), checkCode=True
    )
    start = time.perf_counter()
    analyses.saveAsTextFile(args.output)
    # The job's own time, without the JVM's start: what a throughput figure should divide by.
    print(f"zhnews pipe_cli: {args.output} written in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
