#!/usr/bin/env python3
"""Differential check of `tok encode --input jsonl` against the pinned tiktoken.

Feeds every chunk (peers.py's rule: whole lines, >= CHUNK_BYTES) of the given files, and optionally
the golden fixture texts and random Unicode strings, through `tok` in one streaming process per
encoding, and compares ids with tiktoken's `encode_ordinary`. Prints each mismatch and a summary.

    source /tmp/tok-oracle/env.sh
    python Scripts/check_tiktoken_exactness.py --tok .build/release/tok ../shared/corpus/*.txt \
        [--fixtures Fixtures/tiktoken] [--random 100000] [--long-pieces] [--encodings o200k_harmony,cl100k_base]
"""
import argparse
import json
import os
import random
import subprocess
import sys

import tiktoken


def chunk_text(text, chunk_bytes):
    chunks, cur, n = [], [], 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        n += len(line.encode("utf-8"))
        if n >= chunk_bytes:
            chunks.append("".join(cur))
            cur, n = [], 0
    if cur:
        chunks.append("".join(cur))
    return chunks


def random_strings(n, seed):
    rng = random.Random(seed)
    alphabet = ("abcXYZ019 \t\n\r'’ſ.,!?/<|>éß中ж\u0301\u00a0\u2000\u3000\u180e\u200b\x0b\x0c\x85"
                "\U00031350\U0001F600\u1c89\U000105c0\U00011f50")
    out = []
    for _ in range(n):
        s = []
        for _ in range(rng.randint(1, 24)):
            if rng.random() < 0.15:
                cp = rng.randint(0x80, 0x3FFFF)
                if 0xD800 <= cp <= 0xDFFF:
                    continue
                s.append(chr(cp))
            else:
                s.append(rng.choice(alphabet))
        out.append("".join(s))
    return out


def long_pieces(seed):
    """Single pieces of 40 bytes to 200 KB (the merger's heap path): runs of one letter, of spaces,
    random strings over small alphabets, Han and Hangul runs."""
    rng = random.Random(seed)
    out = []
    for n in (40, 41, 63, 64, 65, 127, 128, 129, 1000, 4097, 65536, 200_000):
        out.append("a" * n)
        out.append(" " * n)
        out.append("".join(rng.choice("ab") for _ in range(n)))
        out.append("".join(rng.choice("abcdefghij") for _ in range(n)))
        out.append("".join(rng.choice(["ab", "ba", "aab", "x", "yz"]) for _ in range(n // 2)))
        out.append("".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(n // 3 + 1)))
        out.append("".join(chr(rng.randrange(0xAC00, 0xD7A3)) for _ in range(n // 3 + 1)))
    for _ in range(300):
        alphabet = rng.choice(["ab", "abc", "etaoin", "0123456789", "aeiou ", "αβγ", "ñé"])
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(40, 3000))))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--tok", required=True)
    ap.add_argument("--encodings", default="o200k_harmony,o200k_base,cl100k_base")
    ap.add_argument("--chunk-bytes", type=int, default=100_000)
    ap.add_argument("--fixtures", help="folder of ordinary.jsonl / corpus.jsonl to include")
    ap.add_argument("--random", type=int, default=0, help="number of random Unicode strings")
    ap.add_argument("--long-pieces", action="store_true", help="include 384 single pieces of 40 B to 200 KB")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    inputs = []
    for path in a.files:
        text = open(path, encoding="utf-8").read()
        for i, c in enumerate(chunk_text(text, a.chunk_bytes)):
            inputs.append((f"{os.path.basename(path)} chunk {i}", c))
    if a.fixtures:
        for name in ("ordinary.jsonl", "corpus.jsonl"):
            with open(os.path.join(a.fixtures, name), encoding="utf-8") as f:
                for k, line in enumerate(f):
                    inputs.append((f"{name}:{k + 1}", json.loads(line)["text"]))
    inputs += [(f"random {k}", s) for k, s in enumerate(random_strings(a.random, a.seed))]
    if a.long_pieces:
        inputs += [(f"long piece {k} ({len(s)} characters)", s) for k, s in enumerate(long_pieces(a.seed))]

    total_bad = 0
    for name in a.encodings.split(","):
        enc = tiktoken.get_encoding(name)
        payload = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for _, t in inputs)
        r = subprocess.run([a.tok, "encode", "--encoding", name, "--input", "jsonl", "--disallowed-special", "none"], input=payload.encode(),
                           capture_output=True)
        if r.returncode != 0:
            sys.exit(f"tok failed ({r.returncode}): {r.stderr.decode()}")
        lines = r.stdout.decode().splitlines()
        bad = 0
        for (label, text), line in zip(inputs, lines):
            got = json.loads(line)["ids"]
            want = enc.encode_ordinary(text)
            if got != want:
                bad += 1
                k = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
                ctx = enc.decode(want[max(0, k - 3):k + 3])
                print(f"MISMATCH {name} {label}: first difference at id {k}: want {want[k:k+4]} got {got[k:k+4]} near {ctx!r}")
        if len(lines) != len(inputs):
            bad += 1
            print(f"MISMATCH {name}: {len(lines)} output lines for {len(inputs)} inputs")
        print(f"{name}: {len(inputs)} inputs, {bad} mismatches")
        total_bad += bad
    sys.exit(1 if total_bad else 0)


if __name__ == "__main__":
    main()
