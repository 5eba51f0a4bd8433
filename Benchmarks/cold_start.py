#!/usr/bin/env python3
"""Cold start: wall time of one fresh process that loads a tokenizer and counts the tokens of
"hello", for tok and the peers (each peer's time includes starting Python and importing it, as a
command-line user of it pays). Median and minimum of --runs runs, interleaved.

    source /tmp/tok-oracle/env.sh   # made with ../shared/oracle/setup.sh --with-peers
    python Benchmarks/cold_start.py --tok .build/release/tok [--runs 21]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ROOT.parent / "shared" / "vocab"
QWEN3 = ROOT / "Vocab" / "HuggingFace" / "huggingface" / "qwen3" / "tokenizer.json"


def commands(tok):
    python = [sys.executable, "-c"]
    return [
        ("tok o200k_harmony", [tok, "count", "--encoding", "o200k_harmony", "hello"]),
        ("tok cl100k_base", [tok, "count", "--encoding", "cl100k_base", "hello"]),
        ("tok qwen3", [tok, "count", "--encoding", "qwen3", "hello"]),
        ("tok deepseek_v3", [tok, "count", "--encoding", "deepseek_v3", "hello"]),
        ("python alone", python + ["pass"]),
        ("tiktoken o200k_harmony", python + ["import tiktoken; print(len(tiktoken.get_encoding('o200k_harmony').encode('hello')))"]),
        ("tiktoken cl100k_base", python + ["import tiktoken; print(len(tiktoken.get_encoding('cl100k_base').encode('hello')))"]),
        ("tokenizers qwen3", python + [f"from tokenizers import Tokenizer; print(len(Tokenizer.from_file({str(QWEN3)!r}).encode('hello').ids))"]),
        ("gigatoken o200k_base", python + [f"import gigatoken; print(len(gigatoken.Tokenizer.from_tiktoken({str(VOCAB / 'o200k_base.tiktoken')!r}, special_tokens={{}}).encode('hello')))"]),
        ("gigatoken qwen3", python + [f"import gigatoken; print(len(gigatoken.Tokenizer({str(QWEN3)!r}).encode('hello')))"]),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tok", default=str(ROOT / ".build" / "release" / "tok"))
    parser.add_argument("--runs", type=int, default=21)
    options = parser.parse_args()
    rows = commands(options.tok)
    times = {name: [] for name, _ in rows}
    for name, command in rows:  # once untimed: warm the page cache and tok's prebuilt tables
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    for _ in range(options.runs):
        for name, command in rows:
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, TOKENIZERS_PARALLELISM="false"))
            times[name].append(time.perf_counter() - start)
    print("| load + count \"hello\", one process | median ms | min ms |")
    print("|---|---|---|")
    for name, _ in rows:
        print(f"| {name} | {statistics.median(times[name]) * 1000:.1f} | {min(times[name]) * 1000:.1f} |")


if __name__ == "__main__":
    main()
