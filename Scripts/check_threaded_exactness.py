#!/usr/bin/env python3
"""Whole files encoded and counted by `tok` on several threads (cut at line starts, encoded in
parts as they are read) against the pinned references on the same whole texts.

    source /tmp/tok-oracle/env.sh   # tiktoken 0.14.0, tokenizers 0.23.3
    python Scripts/check_threaded_exactness.py --tok .build/release/tok [FILE ...]

Without files: the three shared corpora, their concatenation, and a synthetic text whose lines start
with every kind of character the cut rule judges (white space of all kinds, '/', letters of many
scripts, marks, digits, punctuation). Prints one line per file, tokenizer and thread count, and
exits 1 on any mismatch.
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTS = ["word", "Word", "'s", "123", "!x", "/path", " space", "\t", "\r\n", "\n", "\u3000wide", "\u00a0nb",
          "\u0085nel", "\u2028ls", "\ufeffbom", "Жук", "漢字", "かな", "「引用」", "한국어", "\u0301mark", "é",
          "😀", "ـ", "\u1680og", "‾", "→", "·", "¿Qué", "<|endoftext|>", "<think>"]
ENDS = ["x", "!", ".  ", "::", " ", "\n", "\r"]


def synthetic():
    lines = []
    for index in range(120_000):
        lines.append(f"line {index}{ENDS[index % len(ENDS)]}\n{STARTS[(index * 7) % len(STARTS)]} tail {index % 97}")
    return "".join(lines)


def references():
    import tiktoken
    from tokenizers import Tokenizer
    o200k = tiktoken.get_encoding("o200k_harmony")
    qwen3 = Tokenizer.from_file(str(ROOT / "Vocab" / "HuggingFace" / "huggingface" / "qwen3" / "tokenizer.json"))
    return {
        "o200k_harmony": lambda text: o200k.encode(text, disallowed_special=()),
        "qwen3": lambda text: qwen3.encode(text).ids,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--tok", default=str(ROOT / ".build" / "release" / "tok"))
    parser.add_argument("--threads", default="1,2,4")
    options = parser.parse_args()
    files = [Path(f) for f in options.files]
    if not files:
        corpus = ROOT.parent / "shared" / "corpus"
        files = [corpus / f"{name}.txt" for name in ("prose", "code", "multilingual")]
        scratch = Path(tempfile.mkdtemp(prefix="tok-threaded-"))
        joined = scratch / "joined.txt"
        joined.write_text("".join(f.read_text(encoding="utf-8") for f in files), encoding="utf-8")
        lines = scratch / "line-starts.txt"
        lines.write_text(synthetic(), encoding="utf-8", newline="")
        files += [joined, lines]
    failures = 0
    for name, reference in references().items():
        for path in files:
            text = path.read_bytes().decode("utf-8")
            expected = reference(text)
            for threads in options.threads.split(","):
                common = ["--encoding", name, "--disallowed-special", "none", "--threads", threads, "--file", str(path)]
                ids = [int(x) for x in subprocess.run([options.tok, "encode", *common], check=True, capture_output=True).stdout.split()]
                count = int(subprocess.run([options.tok, "count", *common], check=True, capture_output=True).stdout)
                same = ids == expected and count == len(expected)
                failures += not same
                print(f"{name} {path.name} ({len(text.encode('utf-8'))} bytes) threads {threads}: {len(expected)} ids, "
                      f"{'equal' if same else f'MISMATCH (tok {len(ids)} ids, count {count})'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
