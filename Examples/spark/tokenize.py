"""Tokenize a JSON Lines corpus on Spark, with `tok` as the per-partition worker.

    spark-submit --master local[2] Examples/spark/tokenize.py --tok PATH --encoding NAME INPUT OUTPUT_DIR

Each input line is a JSON object whose --field (default "text") holds a document. Every partition of
INPUT is piped through one `tok encode --input jsonl` process (RDD.pipe), which writes one line
{"id": ..., "ids": [...]} per document in input order; Spark writes the partitions as
OUTPUT_DIR/part-NNNNN. Read in part order, the output lines follow the input lines.

A line that is not a JSON object with the text field fails its task (and so the job) with tok's
message naming the line, unless --on-error skip is given.
"""
import os
import sys

# This file's name shadows the standard library's `tokenize` (which pyspark imports through
# traceback and linecache): take its folder off the module path before anything else is imported.
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != os.path.dirname(os.path.abspath(__file__))]

import argparse  # noqa: E402
import shlex  # noqa: E402

from pyspark import SparkConf, SparkContext  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tok", required=True, help="the tok executable, as a path on every worker (or shipped with --archives)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--encoding", default="o200k_harmony", help="a bundled tokenizer (default: o200k_harmony)")
    source.add_argument("--tokenizer", help="a tokenizer.json or model folder, as a path on every worker")
    parser.add_argument("--field", default="text", help="the member holding the text (default: text)")
    parser.add_argument("--keep", action="append", default=None, help="members copied to the output (default: id)")
    parser.add_argument("--on-error", choices=["fail", "skip"], default="fail")
    parser.add_argument("--tok-arg", action="append", default=[],
                        help="one more argument for tok encode, such as --disallowed-special=none (repeatable)")
    parser.add_argument("--partitions", type=int, default=None, help="input partitions (default: Spark's)")
    parser.add_argument("input", help="the JSON Lines input (a path or URL Spark can read)")
    parser.add_argument("output_dir", help="the folder for the part-* files (must not exist)")
    return parser.parse_args()


def tok_command(options):
    command = [options.tok, "encode", "--input", "jsonl", "--field", options.field, "--on-error", options.on_error,
               "--threads", "1", "--no-progress"]
    command += ["--tokenizer", options.tokenizer] if options.tokenizer else ["--encoding", options.encoding]
    for field in options.keep or ["id"]:
        command += ["--keep", field]
    return command + options.tok_arg


def main():
    options = arguments()
    command = tok_command(options)
    context = SparkContext(conf=SparkConf().setAppName("tok-tokenize"))
    try:
        lines = context.textFile(options.input, minPartitions=options.partitions) if options.partitions else context.textFile(options.input)
        # One tok process per partition: the partition's lines on its standard input, its output lines
        # back, in order. Spark checks tok's exit status, so a failing line fails the task.
        encoded = lines.pipe(shlex.join(command), env={"LC_ALL": "C.UTF-8", **({"TOK_VOCAB_DIR": os.environ["TOK_VOCAB_DIR"]} if "TOK_VOCAB_DIR" in os.environ else {})},
                             checkCode=True)
        encoded.saveAsTextFile(options.output_dir)
    finally:
        context.stop()


if __name__ == "__main__":
    main()
