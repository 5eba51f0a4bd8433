#!/usr/bin/env python3
"""Writes the golden fixtures of the OpenAI encodings into Fixtures/tiktoken/ from the pinned tiktoken.

Run inside the reference venv (../shared/oracle/setup.sh; `source /tmp/tok-oracle/env.sh`):
    python Fixtures/scripts/generate_tiktoken_fixtures.py [--shared ../shared]

Files (JSON Lines, UTF-8):
  ordinary.jsonl  {"group", "text", "ids": {encoding: ids}}      encode_ordinary
  special.jsonl   {"encoding", "text", "allowed", "disallowed", "ids" | "error"}   tiktoken's encode()
  decode.jsonl    {"encoding", "ids", "hex", "lossy", "strict"}   decode_bytes / decode(errors=replace|strict)
  corpus.jsonl    {"source", "text", "ids": {encoding: ids}}      ~1 MB of real text per encoding group
  repeat.jsonl    {"unit", "count", "prefix", "suffix", "ids": {encoding: {count, fnv1a64, head, tail}}}
                  long runs (≤ 500,000 units, what tiktoken can encode), text built by the test
  models.jsonl    {"model", "encoding"}    tiktoken.model.encoding_name_for_model (null: KeyError)
  json_input.jsonl {"line", "ids": {encoding: ids}}    a JSON Lines input line read by Python's json,
                  its "text" encoded by tiktoken's encode (lone surrogate escapes included)
"""
import argparse
import json
import os
import random
import unicodedata

import tiktoken
import unicodedata2

assert tiktoken.__version__ == "0.14.0", tiktoken.__version__
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "tiktoken")
NAMES = ["o200k_harmony", "o200k_base", "cl100k_base"]
ENC = {n: tiktoken.get_encoding(n) for n in NAMES}


def write(name, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for row in rows:
            # ASCII-only JSON: Foundation's JSON parser drops a raw U+FEFF after a quote or an escape.
            f.write(json.dumps(row, ensure_ascii=True) + "\n")
    print(f"{name}: {len(rows)} rows")


def ordinary_row(group, text, names=NAMES):
    return {"group": group, "text": text, "ids": {n: ENC[n].encode_ordinary(text) for n in names}}


def tiktoken_suite_cases():
    """The themes of tiktoken's own test-suite: simple text, regex edge cases, repetitive input."""
    cases = ["hello world", "hello <|endoftext|>", "", " ", "rer", "'rer", "today\n ", "today\n \n",
             "today\n  \n", "\n", "  \n\n  a", "hello\r\nworld\r\n", "\u00a0\u00a0x", "00000000000000000",
             "请考试我的软件！12345", "👍", "👍🏽", "🏳️‍🌈", "नमस्ते दुनिया", "مرحبا بالعالم"]
    for n in range(1, 25):
        cases.append("0" * n)
    for c in ["^", "0", "a", "'s", " ", "\n", "x ", "ab"]:
        big = c * 2_000
        cases += [big, " " + big, big + "\n", "x" + big + "x"]
    return cases


def trap_cases():
    """Every trap of EXACTNESS.md, and variations around each."""
    t = ["\x0c\U00031350", "a  b", "a\t\tb  ", "today\n \n", "a b", "a\u00a0b", "a\u180eb", "a\u200bb",
         "a\u2060b", "a\ufeffb", "a\u3000\u3000b", "a\u1680b", "a\u2028b\u2029c", "\x1c\x1d\x1e\x1f",
         "x \u180e y", "  \u200b  ", "\r\n\r\n", "\r\r\n\n", "a\r\nb", "e\u0301", "\u00e9", "e\u0301\u0301x",
         "I'm", "I'M", "YOU'RE", "they'Ve", "it\u2019s", "it'\u017f", "IT'\u017f", "it'\u212a", "we'LL", "we'll've",
         "don't", "DON'T", "'s", "'S'", "x'D", "Über's", "ÜBER'S", "ǅungla's", "ʰello's", "cat's's", "a'ſs",
         "  'll", "1234567", "१२३४५६७", "٣٤٥٦", "½¾", "12.5%", "3,141,592", "x=1;y=2", "<|endoftext|>",
         "foo/bar/baz\n", "path/to\r\n/file", "!!!\n\n\n", "... \n", "$$$$$", "\t\t\tdef f():\n\t\treturn 1\n",
         "HelloWorld", "HELLOworld", "helloWORLD", "ABCdefGHI", "ǅǈǋ", "Ⅻ", "ↂ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ß", "ẞ",
         "İstanbul", "ﬁ", "\u0345", "a\u0345", "\u1c89\u1c8a", "\ua7cb\ua7cc\ua7cd"]
    return t


def unicode_addition_cases():
    """Characters that became letters, marks or numbers in Unicode 15 and 16, in context."""
    added = []
    for cp in range(0x110000):
        old, new = unicodedata.category(chr(cp)), unicodedata2.category(chr(cp))
        if old != new and new[0] in "LMN":
            added.append(cp)
    rng = random.Random(16)
    picks = sorted(set(added[:: max(1, len(added) // 300)] + rng.sample(added, 150)))
    out = []
    for i, cp in enumerate(picks):
        c = chr(cp)
        ctx = [f"word{c}word", f" {c}{c}{c}", f"{c}123", f"x {c}'s", f"\x0c{c}", f"{c}\n", f"!{c}?", f"A{c}b"]
        out.append(ctx[i % len(ctx)])
        out.append(ctx[(i + 3) % len(ctx)])
    return out


def random_unicode(rng, n):
    pools = [
        "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789", " \t\n\r", "'’",
        "!@#$%^&*()-_=+[]{};:\",.<>/?\\|`~", "éüßøñçÅÆŒ", "αβγδΩЖжЯя", "中文字符日本語한국어",
        "\u0301\u0308\u0345\u064b\u0900\u093f", "\u00a0\u2000\u2009\u3000\u180e\u200b\ufeff\u2028\x0b\x0c\x85",
    ]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 40)):
            r = rng.random()
            if r < 0.75:
                pool = rng.choice(pools)
                parts.append(rng.choice(pool) * (1 if rng.random() < 0.8 else rng.randint(2, 5)))
            elif r < 0.9:
                parts.append(rng.choice(["'s", "'LL", "'ſ", " the", "\n\n", "  ", "123456", "<|", "|>"]))
            else:
                while True:
                    cp = rng.randint(0x80, 0x10FFFF) if rng.random() < 0.5 else rng.randint(0x80, 0x2FFFF)
                    cat = unicodedata2.category(chr(cp))
                    if cat not in ("Cs", "Cn", "Co"):
                        break
                parts.append(chr(cp))
        out.append("".join(parts))
    return out


def special_rows():
    rows = []
    texts = {
        "o200k_harmony": ["<|start|>user<|message|>hi<|end|>", "x<|return|>y<|call|>", "<|reserved_200018|> <|endofprompt|>",
                          "<|<|endoftext|>|>", "<|endoftext|><|endoftext|>", "plain text", "<|reserved_201087|>",
                          "<|channel|>analysis<|message|>…<|end|>", "<|startoftext|>"],
        "o200k_base": ["hello <|endoftext|>", "<|endofprompt|>x", "<|return|> is plain here", "no specials"],
        "cl100k_base": ["<|endoftext|> hello <|fim_prefix|> there <|fim_middle|>", "<|fim_suffix|><|endofprompt|>",
                        "x<|endoftext|>", "none at all"],
    }
    for name, items in texts.items():
        enc = ENC[name]
        specials = sorted(enc.special_tokens_set)
        named = [s for s in specials if "reserved" not in s][:4]
        options = [("none", "all"), ("all", "all"), ("all", "none"), ("none", "none"),
                   (named[:1], "all"), (named[:2], "none"), ("none", named[:1]), (named[1:3], named[:1])]
        for text in items:
            for allowed, disallowed in options:
                row = {"encoding": name, "text": text, "allowed": allowed, "disallowed": disallowed}
                a = set(allowed) if isinstance(allowed, list) else allowed
                d = set(disallowed) if isinstance(disallowed, list) else disallowed
                if a == "none":
                    a = set()
                if d == "none":
                    d = ()
                try:
                    row["ids"] = enc.encode(text, allowed_special=a, disallowed_special=d)
                except ValueError as e:
                    msg = str(e)
                    row["error"] = msg.split("token ")[1].split(".\n")[0].strip("'\"")
                rows.append(row)
    return rows


def decode_rows(rng):
    rows = []
    for name in NAMES:
        enc = ENC[name]
        samples = ["héllo wörld", "👍🏽 emoji", "中文", "plain", "a\u0301"]
        for s in samples:
            ids = enc.encode_ordinary(s)
            rows.append(decode_row(name, ids))
            for k in range(1, len(ids)):
                rows.append(decode_row(name, ids[:k]))
        # Random id sequences: often not valid UTF-8 on their own.
        for _ in range(60):
            ids = [rng.randrange(0, enc.max_token_value - 2000) for _ in range(rng.randint(1, 6))]
            rows.append(decode_row(name, ids))
        specials = sorted(enc._special_tokens.values())[:3]
        rows.append(decode_row(name, specials + [15339]))
    return rows


def decode_row(name, ids):
    enc = ENC[name]
    raw = enc.decode_bytes(ids)
    try:
        strict = raw.decode("utf-8")
    except UnicodeDecodeError:
        strict = None
    return {"encoding": name, "ids": ids, "hex": raw.hex(), "lossy": raw.decode("utf-8", errors="replace"), "strict": strict}


def corpus_rows(shared, budget_per_file):
    rows = []
    for fname in ["prose.txt", "code.txt", "multilingual.txt"]:
        text = open(os.path.join(shared, "corpus", fname), encoding="utf-8").read()
        lines = text.splitlines(keepends=True)
        rng = random.Random(fname)
        used, k = 0, 0
        while used < budget_per_file:
            start = rng.randrange(0, len(lines))
            chunk = "".join(lines[start:start + rng.randint(5, 60)])
            used += len(chunk.encode("utf-8"))
            rows.append({"source": f"{fname}#{start}", "text": chunk,
                         "ids": {n: ENC[n].encode_ordinary(chunk) for n in ("o200k_harmony", "cl100k_base")}})
            k += 1
    return rows


def repeat_rows():
    rows = []
    for unit, count, prefix, suffix in [(" ", 500_000, "", ""), (" ", 200_000, "a", "b"), ("a", 300_000, "", ""),
                                        ("A", 300_000, "", ""), ("\n", 100_000, "x", ""), ("0", 100_000, "", ""),
                                        ("ab ", 50_000, "", ""), ("é", 100_000, " ", ""), ("\u4e2d", 100_000, "", ""),
                                        ("'s", 50_000, "", ""), ("!", 200_000, " ", "\n")]:
        text = prefix + unit * count + suffix
        summary = {}
        for n in ("o200k_harmony", "cl100k_base"):
            ids = ENC[n].encode_ordinary(text)
            summary[n] = {"count": len(ids), "fnv1a64": fnv1a64(ids), "head": ids[:16], "tail": ids[-16:]}
        rows.append({"unit": unit, "count": count, "prefix": prefix, "suffix": suffix, "ids": summary})
    return rows


def fnv1a64(ids):
    h = 0xcbf29ce484222325
    for t in ids:
        for b in int(t).to_bytes(4, "little"):
            h = ((h ^ b) * 0x100000001b3) & ((1 << 64) - 1)
    return f"{h:016x}"


def model_rows():
    import tiktoken.model as model
    names = list(model.MODEL_TO_ENCODING) + [prefix + "x" for prefix in model.MODEL_PREFIX_TO_ENCODING]
    names += ["gpt-oss-120b", "gpt-oss-20b", "gpt-4o-2024-05-13", "gpt-3.5-turbo-0301", "gpt-4o-mini", "ft:gpt-4o:org:x",
              "gpt-5-nano", "o1-preview", "not-a-model", "", "GPT-4o", "gpt", "gpt-4.5", "gpt-4.1-mini", "text-embedding-3-small"]
    rows = []
    for name in dict.fromkeys(names):
        try:
            encoding = model.encoding_name_for_model(name)
        except KeyError:
            encoding = None
        rows.append({"model": name, "encoding": encoding})
    return rows


def json_input_rows():
    lines = [r'{"text":"\ud83d"}', r'{"text":"a\ud83d\ude00b"}', r'{"text":"\ud83d\ud83d\ude00"}', r'{"text":"\udc00x"}',
             r'{"text":"\ud800\u0041"}', r'{"text":"x\ud83d"}', r'{"text":"\ufeff\ufeffhi"}', '{"text":"\ufeffraw"}',
             r'{"text":"tab\tnew\nline \u00e9"}', r'{"id": 3, "text": "ok", "extra": [1, {"a": null}]}']
    return [{"line": line, "ids": {n: ENC[n].encode(json.loads(line)["text"]) for n in NAMES}} for line in lines]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20261129)
    ordinary = [ordinary_row("tiktoken-suite", t) for t in tiktoken_suite_cases()]
    ordinary += [ordinary_row("trap", t) for t in trap_cases()]
    ordinary += [ordinary_row("unicode-15-16", t) for t in unicode_addition_cases()]
    ordinary += [ordinary_row("random", t) for t in random_unicode(rng, 3000)]
    write("ordinary.jsonl", ordinary)
    write("special.jsonl", special_rows())
    write("decode.jsonl", decode_rows(rng))
    write("corpus.jsonl", corpus_rows(a.shared, 400_000))
    write("repeat.jsonl", repeat_rows())
    write("models.jsonl", model_rows())
    write("json_input.jsonl", json_input_rows())


if __name__ == "__main__":
    main()
