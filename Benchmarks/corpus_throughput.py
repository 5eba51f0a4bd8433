#!/usr/bin/env python3
"""Throughput of the corpus pipeline (`tok encode --input jsonl`) on 1 and 2 cores, against
tiktoken's and Hugging Face tokenizers' batch encoders on the same JSON Lines file.

    source /tmp/tok-oracle/env.sh   # the oracle venv: tiktoken 0.14.0, tokenizers 0.23.3
    python Benchmarks/corpus_throughput.py --tok .build/release/tok [--megabytes 20] [--repeat 3]

The corpus is cut from ../shared/corpus into documents of 200-8000 characters. Each cell is the best
wall time of --repeat runs, in MB of JSON Lines input per second:
- tok: the whole stage, JSON parsing and JSON Lines output written to a file included;
- tiktoken: json.loads of every line, then encode_ordinary_batch(num_threads=N) (no output);
- tokenizers: json.loads, then encode_batch(add_special_tokens=False) with RAYON_NUM_THREADS=N
  (no output), in a fresh process per thread count.
Every run's ids are compared (count and FNV-1a 64 of all ids in order); a mismatch is printed.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fnv(ids, state=0xCBF29CE484222325):
    for token in ids:
        for shift in (0, 8, 16, 24):
            state = ((state ^ ((token >> shift) & 0xFF)) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return state


def make_corpus(path, corpus_dir, megabytes):
    rng = random.Random(7)
    texts = [(corpus_dir / n).read_text(encoding="utf-8") for n in ("prose.txt", "code.txt", "multilingual.txt")]
    written = index = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            text = texts[index % 3]
            start = rng.randrange(0, len(text) - 8000)
            line = json.dumps({"id": index, "text": text[start:start + rng.randrange(200, 8000)]}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            index += 1
    return written


PEER = r'''
import json, os, sys, time
kind, name, path, threads, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
def fnv(ids, state):
    for token in ids:
        for shift in (0, 8, 16, 24):
            state = ((state ^ ((token >> shift) & 0xFF)) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return state
if kind == "tiktoken":
    import tiktoken
    enc = tiktoken.get_encoding(name)
    run = lambda texts: enc.encode_ordinary_batch(texts, num_threads=threads)
else:
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(name)
    run = lambda texts: [e.ids for e in tok.encode_batch(texts, add_special_tokens=False)]
best = None
for _ in range(repeat):
    start = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    ids = run(texts)
    seconds = time.perf_counter() - start
    best = seconds if best is None else min(best, seconds)
state, count = 0xCBF29CE484222325, 0
for row in ids:
    state = fnv(row, state); count += len(row)
print(json.dumps({"seconds": best, "count": count, "fnv": state}))
'''


def tok_run(tok, encoding, path, threads, repeat, out):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([tok, "encode", "--input", "jsonl", "--file", path, "--encoding", encoding, "--disallowed-special", "none",
                        "--threads", str(threads), "--out", out, "--no-progress"], check=True)
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    state, count = 0xCBF29CE484222325, 0
    with open(out, encoding="utf-8") as f:
        for line in f:
            ids = json.loads(line)["ids"]
            state = fnv(ids, state)
            count += len(ids)
    return best, count, state


def tok_plain(tok, encoding, path, threads, repeat):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([tok, "count", "--file", path, "--encoding", encoding, "--disallowed-special", "none", "--threads", str(threads)],
                       check=True, stdout=subprocess.DEVNULL)
        best = min(best or 1e9, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tok", default=str(ROOT / ".build" / "release" / "tok"))
    parser.add_argument("--megabytes", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus-dir", default=str(ROOT.parent / "shared" / "corpus"))
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="tok-throughput-"))
    path = str(scratch / "corpus.jsonl")
    size = make_corpus(path, Path(options.corpus_dir), options.megabytes)
    texts_path = str(scratch / "texts.txt")
    with open(path, encoding="utf-8") as f, open(texts_path, "w", encoding="utf-8") as out:
        for line in f:
            out.write(json.loads(line)["text"])
    text_size = os.path.getsize(texts_path)
    print(f"corpus: {size / 1e6:.1f} MB of JSON Lines ({text_size / 1e6:.1f} MB of text)\n")
    print("| tokenizer | threads | tok jsonl MB/s | tiktoken / tokenizers batch MB/s | tok / peer | ids equal |")
    print("|---|---|---|---|---|---|")
    qwen3 = str(ROOT / "Vocab" / "HuggingFace" / "huggingface" / "qwen3" / "tokenizer.json")
    for encoding, kind, name in (("o200k_harmony", "tiktoken", "o200k_harmony"), ("qwen3", "tokenizers", qwen3)):
        for threads in (1, 2):
            seconds, count, state = tok_run(options.tok, encoding, path, threads, options.repeat, str(scratch / "out.jsonl"))
            env = dict(os.environ, RAYON_NUM_THREADS=str(threads), TOKENIZERS_PARALLELISM="true")
            peer = json.loads(subprocess.run([sys.executable, "-c", PEER, kind, name, path, str(threads), str(options.repeat)],
                                             check=True, capture_output=True, text=True, env=env).stdout)
            same = peer["count"] == count and peer["fnv"] == state
            print(f"| {encoding} | {threads} | {size / 1e6 / seconds:.1f} | {size / 1e6 / peer['seconds']:.1f} ({kind}) | "
                  f"{peer['seconds'] / seconds:.2f}x | {'yes' if same else 'NO'} |")
    print("\n| tokenizer | threads | tok count, plain text MB/s | tok encode --input jsonl MB/s of text | jsonl / plain |")
    print("|---|---|---|---|---|")
    for encoding in ("o200k_harmony", "qwen3"):
        for threads in (1, 2):
            plain = tok_plain(options.tok, encoding, texts_path, threads, options.repeat)
            jsonl, _, _ = tok_run(options.tok, encoding, path, threads, options.repeat, str(scratch / "out.jsonl"))
            print(f"| {encoding} | {threads} | {text_size / 1e6 / plain:.1f} | {text_size / 1e6 / jsonl:.1f} | {plain / jsonl:.2f} |")


if __name__ == "__main__":
    main()
