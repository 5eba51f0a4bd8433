#!/usr/bin/env python3
"""Writes Fixtures/hf/*.jsonl: golden ids and texts from tokenizers 0.23.3 for the bundled
Hugging Face tokenizers (qwen3, deepseek_v3).

- cases.jsonl: every trap of ../shared/design/EXACTNESS.md, added-token edge cases (adjacent, nested
  prefixes, inside words, followed by combining marks), NFC quirk code points, with ids for
  add_special_tokens True/False, split_special_tokens, and decode / skip-special decode.
- corpus.jsonl: at least 1 MB of the shared corpora in ~4 KB line-aligned pieces.

JSON is written with ensure_ascii=True (Foundation's parser drops a raw U+FEFF after a quote).

Usage (in the venv made by ../shared/oracle/setup.sh):
    python Fixtures/scripts/generate_hf_fixtures.py [--vocab ../shared/vocab] [--corpus ../shared/corpus]
"""
import argparse
import json
import os
import random

import tokenizers
from tokenizers import Tokenizer

assert tokenizers.__version__ == "0.23.3", tokenizers.__version__

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "hf")
TOKENIZERS = {"qwen3": "qwen3", "deepseek_v3": "deepseek-v3"}


def load_like_transformers(folder):
    """The tokenizer as transformers 5.24 (the pinned reference) sets it up: byte-level files are
    loaded as they are (`TokenizersBackend`, even when tokenizer_config.json names a Llama-family
    class), so the file's own post-processor decides what add_special_tokens adds. When
    transformers is importable, its ids for a probe text are checked to agree."""
    ref = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
    try:
        from transformers import AutoTokenizer
    except ImportError:
        return ref
    probe = "hi <|im_start|> there"
    want = AutoTokenizer.from_pretrained(folder)(probe)["input_ids"]
    assert ref.encode(probe, add_special_tokens=True).ids == want, (folder, want)
    return ref


def trap_cases():
    cases = [
        "", " ", "hello world", "Hello, world!", "a  b", "a\t\tb  ", "today\n \n", "x \n\n y", "   \n",
        "2007", "12345678", "٣٤٥", "x1y22z333", "1,234.56", "\u0663\u0664\u0665\u0666",
        "'s 'S 'LL 'Ve 'ſ ’s don't I'M", "'ll've're'd'm't's",
        "\x0c\U00031350", "\u1c89\u1c8a", "\U000105c0abc", "\U00011f50\U00011f51",
        "\u180e\u200b\u2060\ufeff x", "a\u00a0b\u2000c\u3000d", "\x1c\x1d\x1e\x1f", "\x85\x0b",
        "e\u0301", "\u00e9", "\r\n", "a\r\nb\rc\n", "\U0001F600\U0001F601 emoji", "中文字符测试", "日本語のテキスト、カタカナ",
        "한국어 텍스트", "Привет, мир!", "مرحبا بالعالم", "नमस्ते दुनिया", "ไทย", "ဗမာစာ",
        "a\u07fd\u0301", "a\u08d3\u0301", "\u0c3c\u0301", "x\u1ac0\u0300", "\u1df6\u1dfa", "\U00010f46\u0301",
        "\U0001193d\u0301", "\U00011935\U00011930", "e\u0301\u0323", "\u0041\u030a", "\u212b", "\uac00\u11a8",
        "\u1100\u1161\u11a8", "\ufb01", "\u2460", "A\u0308\u0304",
        " " * 50, "\n" * 20, "a" * 300, "ab" * 200, "1" * 100, "!" * 77, "\t \t \n",
        "def f(x):\n    return x ** 2\n", "<html><body>Hi</body></html>", "path/to/file.txt", "x = y // 2 ## c",
        "$PATH & ~/dir | grep -E '^[a-z]+$'", "\x00\x01\x02\x7f",
    ]
    return cases


def added_cases(added):
    special = [t for t, s in added if s][:6]
    normal = [t for t, s in added if not s][:6]
    out = []
    for t in special + normal:
        out += [t, t + t, "x" + t + "y", " " + t + " ", t + "\u0338", t + "\u0301", t[:-1], t[1:], t + t[:-1],
                "abc" + t + "def" + t, t.upper(), t + "\n" + t]
    if len(special) >= 2:
        out.append(special[0] + special[1] + normal[0] if normal else special[0] + special[1])
    return out


def corpus_pieces(corpus_dir, target_bytes):
    pieces, total = [], 0
    for name in sorted(os.listdir(corpus_dir)):
        text = open(os.path.join(corpus_dir, name), encoding="utf-8").read()
        lines = text.splitlines(keepends=True)
        rng = random.Random(name)
        budget = target_bytes // 3 + 1
        got = 0
        while got < budget:
            start = rng.randrange(0, max(1, len(lines) - 60))
            piece = "".join(lines[start:start + rng.randint(20, 60)])
            pieces.append((name, piece))
            got += len(piece.encode())
        total += got
    return pieces


def write(path, rows):
    with open(path, "w", encoding="ascii") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=True) + "\n")
    print(f"wrote {path} ({len(rows)} rows)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", default=os.path.join(ROOT, "..", "shared", "vocab"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    a = ap.parse_args()
    refs = {name: load_like_transformers(os.path.join(a.vocab, folder)) for name, folder in TOKENIZERS.items()}

    texts = trap_cases()
    for name, ref in refs.items():
        added = [(t.content, t.special) for t in ref.get_added_tokens_decoder().values()]
        texts += [t for t in added_cases(added) if t not in texts]
    rng = random.Random(7)
    alphabet = list("ab Z9 \n'’.<|>_中か\u0301\u0338\u07fd\u00a0\U0001F600")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16))) for _ in range(400)]

    rows = []
    for text in texts:
        row = {"text": text}
        for name, ref in refs.items():
            plain = ref.encode(text, add_special_tokens=False).ids
            with_specials = ref.encode(text, add_special_tokens=True).ids
            ref.encode_special_tokens = True
            split = ref.encode(text, add_special_tokens=False).ids
            ref.encode_special_tokens = False
            row[name] = {
                "ids": plain, "ids_special": with_specials, "ids_split_special": split,
                "decoded": ref.decode(plain, skip_special_tokens=False), "decoded_skip": ref.decode(plain, skip_special_tokens=True),
            }
        rows.append(row)
    write(os.path.join(OUT, "cases.jsonl"), rows)

    # Decoding of arbitrary id sequences (partial UTF-8, specials mixed in).
    drng = random.Random(11)
    drows = []
    for name, ref in refs.items():
        ids_all = sorted(ref.get_vocab(with_added_tokens=True).values())
        for _ in range(150):
            ids = [drng.choice(ids_all) for _ in range(drng.randint(1, 10))]
            drows.append({"tokenizer": name, "ids": ids, "decoded": ref.decode(ids, skip_special_tokens=False),
                          "decoded_skip": ref.decode(ids, skip_special_tokens=True)})
    write(os.path.join(OUT, "decode.jsonl"), drows)

    crows = []
    for source, piece in corpus_pieces(a.corpus, 1_050_000):
        row = {"source": source, "text": piece}
        for name, ref in refs.items():
            row[name] = ref.encode(piece, add_special_tokens=False).ids
        crows.append(row)
    write(os.path.join(OUT, "corpus.jsonl"), crows)


if __name__ == "__main__":
    main()
