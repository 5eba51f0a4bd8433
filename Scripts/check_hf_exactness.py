#!/usr/bin/env python3
"""Differential check of `tok` against the pinned Hugging Face tokenizers (0.23.3) for any
tokenizer.json: every 100 KB chunk of the given files (peers.py's rule: whole lines), random Unicode
strings, added-token edge cases, and decoding, through one streaming `tok encode --input jsonl`
process per mode. Prints each mismatch (at most --show) and a summary line per check.

    source /tmp/tok-oracle/env.sh
    python Scripts/check_hf_exactness.py --tok .build/release/tok --tokenizer PATH/tokenizer.json \
        [--random 100000] [--long-pieces] ../shared/corpus/*.txt
    python Scripts/check_hf_exactness.py --tok .build/release/tok --encoding qwen3 \
        --reference ../shared/vocab/qwen3/tokenizer.json ../shared/corpus/*.txt

`--tokenizer` passes the file (or folder) to both; `--encoding NAME` uses tok's bundled tokenizer
and `--reference` the file tokenizers loads. Encoding runs with add_special_tokens=False (and True
for the fixture-style short strings); decoding compares `decode(ids)` and skip_special_tokens.
"""
import argparse
import json
import os
import random
import subprocess
import sys

import tokenizers
from tokenizers import Tokenizer

assert tokenizers.__version__ == "0.23.3", tokenizers.__version__


def chunk_text(text, chunk_bytes):
    chunks, cur, n = [], [], 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        n += len(line.encode("utf-8"))
        if n >= chunk_bytes:
            chunks.append("".join(cur)); cur, n = [], 0
    if cur:
        chunks.append("".join(cur))
    return chunks


def random_strings(n, seed, added):
    rng = random.Random(seed)
    alphabet = list("abcXYZ019 \t\n\r'’ſ.,!?/<|>éß中文かなカナ한ж\u0301\u0338\u07fd\u00a0\u2000\u3000\u180e\u200b"
                    "\x0b\x0c\x85\U00031350\U0001F600\u1c89\U000105c0\U00011f50\U00011935\U00011930"
                    "\u0e40\u0627\u0915\u093f")
    pieces = [a for a in added if len(a) < 40][:200]
    out = []
    for _ in range(n):
        s = []
        for _ in range(rng.randint(1, 24)):
            r = rng.random()
            if r < 0.12:
                cp = rng.randint(0x80, 0x3FFFF)
                if 0xD800 <= cp <= 0xDFFF:
                    continue
                s.append(chr(cp))
            elif r < 0.15 and pieces:
                s.append(rng.choice(pieces))
            elif r < 0.18:
                s.append(str(rng.randint(0, 10 ** rng.randint(1, 8))))
            else:
                s.append(rng.choice(alphabet))
        out.append("".join(s))
    return out


def tok_encode(tok, args, texts, extra):
    cmd = [tok, "encode", "--input", "jsonl"] + args + extra
    payload = "".join(json.dumps({"text": t}, ensure_ascii=True) + "\n" for t in texts)
    r = subprocess.run(cmd, input=payload.encode(), capture_output=True, timeout=3600)
    if r.returncode != 0:
        sys.exit(f"tok failed: {r.stderr.decode()[:2000]}")
    return [json.loads(line)["ids"] for line in r.stdout.decode().splitlines()]


def tok_decode(tok, args, ids, skip):
    cmd = [tok, "decode"] + args + (["--skip-special-tokens"] if skip else [])
    r = subprocess.run(cmd, input=" ".join(map(str, ids)).encode(), capture_output=True, timeout=600)
    if r.returncode != 0:
        return f"<error: {r.stderr.decode().strip()}>"
    return r.stdout.decode("utf-8", errors="surrogateescape")


def compare(name, texts, want, got, show):
    bad = 0
    for t, w, g in zip(texts, want, got):
        if w != g:
            bad += 1
            if bad <= show:
                print(f"  MISMATCH {name}: {t[:200]!r}\n    want {w[:40]}\n    got  {g[:40]}")
    if len(got) != len(want):
        print(f"  {name}: tok returned {len(got)} results for {len(want)} inputs")
        bad += abs(len(want) - len(got))
    print(f"{name}: {len(texts)} inputs, {bad} mismatches", flush=True)
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--tok", required=True)
    ap.add_argument("--tokenizer", help="tokenizer.json (or folder) given to both tok and tokenizers")
    ap.add_argument("--encoding", help="a bundled tok tokenizer (with --reference)")
    ap.add_argument("--reference", help="the tokenizer.json the reference loads (with --encoding)")
    ap.add_argument("--random", type=int, default=20000)
    ap.add_argument("--long-pieces", action="store_true",
                    help="include check_tiktoken_exactness.py's 384 single pieces of 40 B to 200 KB")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk-bytes", type=int, default=100_000)
    ap.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    if a.tokenizer:
        ref_path = a.tokenizer if a.tokenizer.endswith(".json") else os.path.join(a.tokenizer, "tokenizer.json")
        tok_args = ["--tokenizer", a.tokenizer]
    elif a.encoding and a.reference:
        ref_path, tok_args = a.reference, ["--encoding", a.encoding]
    else:
        sys.exit("give --tokenizer, or --encoding with --reference")
    ref = Tokenizer.from_file(ref_path)
    added = [t.content for t in ref.get_added_tokens_decoder().values()]
    total = 0

    for path in a.files:
        chunks = chunk_text(open(path, encoding="utf-8").read(), a.chunk_bytes)
        want = [e.ids for e in ref.encode_batch(chunks, add_special_tokens=False)]
        got = tok_encode(a.tok, tok_args, chunks, ["--no-add-special-tokens"])
        total += compare(f"corpus {os.path.basename(path)}", chunks, want, got, a.show)

    texts = random_strings(a.random, a.seed, added)
    want = [e.ids for e in ref.encode_batch(texts, add_special_tokens=False)]
    got = tok_encode(a.tok, tok_args, texts, ["--no-add-special-tokens"])
    total += compare("random strings", texts, want, got, a.show)

    if a.long_pieces:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from check_tiktoken_exactness import long_pieces
        pieces = long_pieces(a.seed)
        want = [e.ids for e in ref.encode_batch(pieces, add_special_tokens=False)]
        got = tok_encode(a.tok, tok_args, pieces, ["--no-add-special-tokens"])
        total += compare("long pieces", pieces, want, got, a.show)

    ref.encode_special_tokens = True
    want = [e.ids for e in ref.encode_batch(texts[:5000], add_special_tokens=False)]
    ref.encode_special_tokens = False
    got = tok_encode(a.tok, tok_args, texts[:5000], ["--no-add-special-tokens", "--allowed-special", "non-special"])
    total += compare("random strings, split special tokens", texts[:5000], want, got, a.show)

    # Decoding: ids of random strings (and random ids from the vocabulary) back to text.
    rng = random.Random(a.seed)
    size = ref.get_vocab_size(with_added_tokens=True)
    vocab_ids = sorted(ref.get_vocab(with_added_tokens=True).values())
    id_lists = [e.ids for e in ref.encode_batch(texts[:20], add_special_tokens=False)]
    id_lists += [[rng.choice(vocab_ids) for _ in range(rng.randint(1, 12))] for _ in range(20)]
    bad = 0
    for ids in id_lists:
        for skip in (False, True):
            w = ref.decode(ids, skip_special_tokens=skip)
            g = tok_decode(a.tok, tok_args, ids, skip)
            if w != g:
                bad += 1
                if bad <= a.show:
                    print(f"  MISMATCH decode skip={skip} {ids[:20]}: want {w[:80]!r} got {g[:80]!r}")
    print(f"decode: {len(id_lists) * 2} id lists, {bad} mismatches (vocabulary size {size})")
    total += bad
    print(f"TOTAL mismatches: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
