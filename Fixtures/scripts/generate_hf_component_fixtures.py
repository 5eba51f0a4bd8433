#!/usr/bin/env python3
"""Writes Fixtures/hf/components.jsonl and Fixtures/hf/offsets.jsonl from tokenizers 0.23.3.

components.jsonl: small tokenizer.json files (the first row is the base file; each other row
holds the top-level members that differ from it) (a byte-level BPE trained here on a fixed text, so
the files are small and deterministic) with the settings whose behaviour is easy to get wrong,
each with texts and what the reference's encode and decode give:
- normalized added tokens under Lowercase and NFKC normalizers (their decoded string, token_to_id,
  id_to_token, and whether skip_special_tokens skips them);
- truncation (max_length, stride, every strategy and direction) and padding (fixed, batch-longest,
  pad_to_multiple_of, both directions), with and without a TemplateProcessing post-processor and
  add_special_tokens on and off: ids, type ids, attention and special-tokens masks, overflowing
  windows, or the error the reference raises.

offsets.jsonl: the bundled qwen3 and deepseek_v3 tokenizers on texts that their normalizer
rewrites and on plain text, with the reference's offsets converted to UTF-8 byte offsets of the
characters each token starts in.

Usage (in the venv made by ../shared/oracle/setup.sh):
    python Fixtures/scripts/generate_hf_component_fixtures.py [--vocab ../shared/vocab]
"""
import argparse
import json
import os

import tokenizers
from tokenizers import AddedToken, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

assert tokenizers.__version__ == "0.23.3", tokenizers.__version__

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "hf")

TRAINING_TEXT = [
    "my name is john and this is a small training text for a tiny byte-level model.",
    "The quick brown fox jumps over the lazy dog; naïve café, déjà vu, Straße.",
    "def encode(text): return [ord(c) for c in text]  # 12345 67890",
] * 20

TEXTS = ["my name is john", "", "a", "my name", "The quick brown fox jumps over the lazy dog", "x" * 40,
         "Hello HELLO hello WORLD world Spec spec", "ﬁx fix ﬁx", "déjà vu café"]


def base_tokenizer():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, min_frequency=2, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  special_tokens=["[PAD]", "[CLS]", "[SEP]"])
    tok.train_from_iterator(TRAINING_TEXT, trainer=trainer)
    return tok


def fresh(base_json):
    return Tokenizer.from_str(base_json)


def encoding_record(encoding):
    return {"ids": encoding.ids, "type_ids": encoding.type_ids, "attention_mask": encoding.attention_mask,
            "special_tokens_mask": encoding.special_tokens_mask,
            "overflowing": [encoding_record(o) for o in encoding.overflowing]}


def cases_for(tok, texts):
    out = []
    for text in texts:
        for add in (True, False):
            row = {"text": text, "add_special_tokens": add}
            try:
                row["encoding"] = encoding_record(tok.encode(text, add_special_tokens=add))
            except BaseException as error:  # the reference's own error text (a Rust panic is a BaseException)
                row["error"] = str(error)
            out.append(row)
    return out


def added_token_variants(base_json):
    rows = []
    for name, normalizer in (("lowercase", normalizers.Lowercase()), ("nfkc", normalizers.NFKC())):
        tok = fresh(base_json)
        tok.normalizer = normalizer
        tok.add_tokens([AddedToken("Hello", normalized=True), AddedToken("WORLD", normalized=False),
                        AddedToken("ﬁx", normalized=True)])
        tok.add_special_tokens([AddedToken("Spec", normalized=True, special=True),
                                AddedToken("<CTRL>", normalized=False, special=True)])
        probes = ["Hello", "hello", "WORLD", "world", "Spec", "spec", "<CTRL>", "ﬁx", "fix"]
        decode = []
        for text in TEXTS + ["<CTRL>Hello<CTRL>", "Spec WORLD"]:
            ids = tok.encode(text, add_special_tokens=False).ids
            decode.append({"text": text, "ids": ids, "decoded": tok.decode(ids, skip_special_tokens=False),
                           "decoded_skip": tok.decode(ids, skip_special_tokens=True)})
        added_ids = sorted(tok.get_added_tokens_decoder().keys())
        rows.append({
            "name": f"added-tokens-{name}", "tokenizer": tok.to_str(), "decode": decode,
            "token_to_id": {p: tok.token_to_id(p) for p in probes},
            "id_to_token": {str(i): tok.id_to_token(i) for i in added_ids},
            "cases": cases_for(tok, TEXTS),
        })
    return rows


def truncation_padding_variants(base_json):
    rows = []
    cls_sep = processors.TemplateProcessing(single="[CLS]:1 $A:0 [SEP]:2", special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    cls_only = processors.TemplateProcessing(single="[CLS] $A:3", special_tokens=[("[CLS]", 1)])
    sequence = processors.Sequence([processors.ByteLevel(trim_offsets=False), cls_sep])
    for processor_name, processor in (("none", None), ("cls-sep", cls_sep), ("cls", cls_only), ("sequence", sequence)):
        for max_length in (0, 1, 2, 3, 5, 8):
            for stride in (0, 1, 2):
                for strategy in ("longest_first", "only_first", "only_second"):
                    for direction in ("right", "left"):
                        if stride and (strategy != "longest_first" or max_length not in (3, 5)):
                            continue
                        if strategy != "longest_first" and direction == "left":
                            continue
                        tok = fresh(base_json)
                        if processor is not None:
                            tok.post_processor = processor
                        # Written into the file directly: enable_truncation refuses a stride that
                        # does not fit, but a file can hold one, and encode must then fail.
                        data = json.loads(tok.to_str())
                        data["truncation"] = {"direction": direction.capitalize(), "max_length": max_length,
                                              "strategy": "".join(w.capitalize() for w in strategy.split("_")), "stride": stride}
                        tok = Tokenizer.from_str(json.dumps(data))
                        rows.append({"name": f"truncation-{processor_name}-{max_length}-{stride}-{strategy}-{direction}",
                                     "tokenizer": tok.to_str(), "cases": cases_for(tok, TEXTS)})
        for padding in ({"length": 12}, {}, {"length": 5, "pad_to_multiple_of": 4}, {"pad_to_multiple_of": 8},
                        {"direction": "left", "pad_id": 0, "pad_type_id": 7, "pad_token": "[PAD]"}):
            for truncate in (None, 4):
                tok = fresh(base_json)
                if processor is not None:
                    tok.post_processor = processor
                tok.enable_padding(**padding)
                if truncate:
                    tok.enable_truncation(truncate, stride=1)
                label = "-".join(f"{k}={v}" for k, v in padding.items()) or "batch-longest"
                rows.append({"name": f"padding-{processor_name}-{label}-truncate={truncate}",
                             "tokenizer": tok.to_str(), "cases": cases_for(tok, TEXTS)})
    return rows


def offsets_rows(vocab):
    texts = ["hello world", "e\u0301 cafe\u0301 Å", "\u212b\u2126 x", "中文字符测试 日本語", "a\u07fd\u0301 b",
             "Ｆｕｌｌ ｗｉｄｔｈ", "ﬁ ﬂ", "x\u0338y", " leading and  double  spaces ", "\U0001F600 emoji 👍🏽",
             "line\r\nbreaks\nand\ttabs", "123456789 numbers", "<|im_start|>user\nhi<|im_end|>", "Ω\u0301\u0327"]
    rows = []
    for name, folder in (("qwen3", "qwen3"), ("deepseek_v3", "deepseek-v3")):
        tok = Tokenizer.from_file(os.path.join(vocab, folder, "tokenizer.json"))
        for text in texts:
            encoding = tok.encode(text, add_special_tokens=False)
            starts = [len(text[:start].encode("utf-8")) for start, _ in encoding.offsets]
            rows.append({"tokenizer": name, "text": text, "ids": encoding.ids, "byte_starts": starts})
    return rows


def write(path, rows):
    with open(path, "w", encoding="ascii") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=True) + "\n")
    print(f"wrote {path} ({len(rows)} rows)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", default=os.path.join(ROOT, "..", "shared", "vocab"))
    a = ap.parse_args()
    base_json = base_tokenizer().to_str()
    # Each variant is stored as the top-level members of tokenizer.json that differ from the base.
    base = json.loads(base_json)
    rows = [{"base": base}]
    for row in added_token_variants(base_json) + truncation_padding_variants(base_json):
        variant = json.loads(row.pop("tokenizer"))
        row["overrides"] = {key: value for key, value in variant.items() if base.get(key) != value}
        rows.append(row)
    write(os.path.join(OUT, "components.jsonl"), rows)
    write(os.path.join(OUT, "offsets.jsonl"), offsets_rows(a.vocab))


if __name__ == "__main__":
    main()
