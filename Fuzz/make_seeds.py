"""Writes the fuzz targets' seed corpora (Fuzz/Seeds/TARGET/) from the package's fixtures: a few
small inputs each, so the fuzzer starts from real structure. Run from anywhere: python Fuzz/make_seeds.py
"""
import json
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "Fuzz" / "Seeds"


def write(target, name, data):
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def ids(values):
    return b"".join(struct.pack("<I", v) for v in values)


def main():
    # tokenizer.json: the small BPE cut to its first 300 entries and merges, plus variants with
    # a normalizer, added tokens, a template post-processor and truncation.
    small = json.loads((ROOT / "Fixtures" / "corpus" / "small_bpe" / "tokenizer.json").read_text())
    vocab = dict(list(small["model"]["vocab"].items())[:300])
    merges = [m for m in small["model"]["merges"] if all(p in vocab for p in (m.split(" ") if isinstance(m, str) else m))][:50]
    small["model"]["vocab"], small["model"]["merges"] = vocab, merges
    write("tokenizer-json", "byte_level.json", json.dumps(small))
    small["normalizer"] = {"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "Lowercase"}]}
    small["added_tokens"] = [{"id": 300, "content": "<|x|>", "single_word": False, "lstrip": True, "rstrip": False, "normalized": False, "special": True},
                             {"id": 301, "content": "Hello", "single_word": True, "lstrip": False, "rstrip": True, "normalized": True, "special": False}]
    small["post_processor"] = {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<|x|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                               "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                               "special_tokens": {"<|x|>": {"id": "<|x|>", "ids": [300], "tokens": ["<|x|>"]}}}
    small["truncation"] = {"direction": "Left", "max_length": 4, "strategy": "LongestFirst", "stride": 1}
    write("tokenizer-json", "normalized_added.json", json.dumps(small))

    lines = (ROOT / "Vocab" / "Tiktoken" / "tiktoken" / "cl100k_base.tiktoken").read_text().splitlines()
    write("tiktoken-file", "cl100k_head.tiktoken", "\n".join(lines[:300]) + "\n")

    render = json.loads((ROOT / "Fixtures" / "harmony" / "render.json").read_text())
    for case in render[:12]:
        write("harmony-conversation", case["name"] + ".json", case["conversation"])
        write("json", case["name"] + ".json", case["conversation"])
    for line in (ROOT / "Fixtures" / "tiktoken" / "json_input.jsonl").read_text().splitlines()[:5]:
        write("json", f"line_{len(line)}.json", json.loads(line)["line"])

    parse = json.loads((ROOT / "Fixtures" / "harmony" / "parse.json").read_text())
    for case in parse[:16]:
        write("harmony-completion", case["name"] + ".ids", ids(case["tokens"]))

    docs = [json.loads(l) for l in (ROOT / "Fixtures" / "corpus" / "docs.jsonl").read_text().splitlines()]
    for doc in docs[::5]:
        text = doc["text"][:400]
        write("encode-o200k", doc["id"] + ".txt", text)
        write("encode-qwen3", doc["id"] + ".txt", text)
        write("decode-ids", doc["id"] + "_o200k.ids", ids(doc["o200k_harmony"][:64]))
        write("decode-ids", doc["id"] + "_qwen3.ids", ids(doc["qwen3"][:64]))
    print("seeds:", {p.name: len(list(p.iterdir())) for p in sorted(SEEDS.iterdir())})


if __name__ == "__main__":
    main()
