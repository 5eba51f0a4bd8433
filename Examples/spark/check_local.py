"""Runs Examples/spark/tokenize.py on local[2] and checks its ids against one plain `tok` run.

    python Examples/spark/check_local.py --tok .build/release/tok [--encoding NAME] [--megabytes 20]

Needs pyspark (`pip install pyspark`; it brings spark-submit) and Java 17. Builds a JSON Lines corpus
of documents cut from the shared corpora (../shared/corpus) into a scratch folder, runs the Spark job
with --partitions 4, concatenates its part-* files in order and compares them byte for byte with
`tok encode --input jsonl --keep id --threads 2` on the same file. Prints both wall times.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def corpus_file(path, corpus_dir, megabytes):
    rng = random.Random(7)
    texts = [(corpus_dir / name).read_text(encoding="utf-8") for name in ("prose.txt", "code.txt", "multilingual.txt")]
    written, index = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            text = texts[index % 3]
            start = rng.randrange(0, len(text) - 8000)
            line = json.dumps({"id": f"doc-{index}", "text": text[start:start + rng.randrange(200, 8000)]}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            index += 1
    return index, written


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tok", required=True)
    parser.add_argument("--encoding", default="o200k_harmony")
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--corpus-dir", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--spark-submit", default=shutil.which("spark-submit") or "spark-submit")
    options = parser.parse_args()
    tok = str(Path(options.tok).resolve())
    scratch = Path(tempfile.mkdtemp(prefix="tok-spark-"))
    try:
        source = scratch / "corpus.jsonl"
        documents, size = corpus_file(source, Path(options.corpus_dir), options.megabytes)
        print(f"input: {documents} documents, {size / 1e6:.1f} MB")
        flags = ["--tok-arg=--disallowed-special=none"]
        started = time.monotonic()
        subprocess.run([options.spark_submit, "--master", "local[2]", str(HERE / "tokenize.py"), "--tok", tok,
                        "--encoding", options.encoding, "--partitions", "4", *flags, str(source), str(scratch / "out")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        spark_seconds = time.monotonic() - started
        parts = sorted((scratch / "out").glob("part-*"))
        spark_output = b"".join(part.read_bytes() for part in parts)

        started = time.monotonic()
        plain = subprocess.run([tok, "encode", "--input", "jsonl", "--file", str(source), "--keep", "id", "--threads", "2",
                                "--encoding", options.encoding, "--disallowed-special", "none"], check=True, capture_output=True).stdout
        plain_seconds = time.monotonic() - started

        lines = spark_output.count(b"\n")
        same = spark_output == plain
        print(f"spark local[2]: {len(parts)} part files, {lines} lines, {spark_seconds:.2f} s wall ({size / 1e6 / spark_seconds:.1f} MB/s)")
        print(f"plain tok --threads 2: {plain_seconds:.2f} s wall ({size / 1e6 / plain_seconds:.1f} MB/s)")
        print(f"ids identical: {same} ({lines} of {documents} documents)")
        sys.exit(0 if same and lines == documents else 1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
