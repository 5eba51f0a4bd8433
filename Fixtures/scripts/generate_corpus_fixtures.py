"""Fixtures for the corpus pipeline (`tok encode --input jsonl`), from the pinned references.

Writes Fixtures/corpus/:
  docs.jsonl        documents {"id", "meta", "text", "o200k_harmony": ids, "qwen3": ids, "small_bpe": ids}
                    drawn from the shared corpora, with ids from tiktoken 0.14.0 / tokenizers 0.23.3
  docs.jsonl.gz     the same bytes as two gzip members (readers must go on after the first member)
  docs.jsonl.zst    the same bytes as a zstd frame
  references.json   the end-of-text id each reference appends (tiktoken's eot_token; the id of
                    tokenizer_config.json's eos_token for qwen3; the small BPE has none), and for the
                    documents' texts joined and repeated (a text long enough to be split across
                    threads) the count and FNV-1a 64 of its ids (each id as 4 little-endian bytes)
  small_bpe/tokenizer.json
                    a byte-level BPE trained by tokenizers on the documents, small enough for u16 ids

Run in the oracle venv (`source /tmp/tok-oracle/env.sh`):  python Fixtures/scripts/generate_corpus_fixtures.py [SHARED_DIR]
"""
import gzip
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import tiktoken
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
OUT = ROOT / "Fixtures" / "corpus"


LONG_REPEAT = 16


def fnv1a64(ids):
    state = 0xCBF29CE484222325
    for token in ids:
        for byte in token.to_bytes(4, "little"):
            state = ((state ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{state:016x}"


def documents():
    rng = random.Random(20261203)
    docs = []
    for name in ("prose.txt", "code.txt", "multilingual.txt"):
        text = (SHARED / "corpus" / name).read_text(encoding="utf-8")
        for _ in range(12):
            start = rng.randrange(0, len(text) - 4000)
            docs.append(text[start:start + rng.randrange(1, 3000)])
    # Edge cases: empty text, lone newline runs, text that spells a control token (stays text).
    docs += ["", "\n\n\n", "<|endoftext|> and <|im_start|> stay text", "héllo wörld 你好 🎉"]
    return docs


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    texts = documents()
    trainer = trainers.BpeTrainer(vocab_size=2000, special_tokens=["<|endoftext|>"], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    small = Tokenizer(models.BPE())
    small.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    small.decoder = decoders.ByteLevel()
    small.train_from_iterator(texts, trainer)
    (OUT / "small_bpe").mkdir(exist_ok=True)
    small.save(str(OUT / "small_bpe" / "tokenizer.json"))
    small = Tokenizer.from_file(str(OUT / "small_bpe" / "tokenizer.json"))

    harmony = tiktoken.get_encoding("o200k_harmony")
    qwen3 = Tokenizer.from_file(str(ROOT / "Vocab" / "HuggingFace" / "huggingface" / "qwen3" / "tokenizer.json"))
    lines = []
    for index, text in enumerate(texts):
        row = {"id": f"doc-{index}", "meta": {"n": index, "tags": ["a", None]}, "text": text,
               "o200k_harmony": harmony.encode_ordinary(text),
               "qwen3": qwen3.encode(text, add_special_tokens=False).ids,
               "small_bpe": small.encode(text, add_special_tokens=False).ids}
        lines.append(json.dumps(row, ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (OUT / "docs.jsonl").write_bytes(data)
    half = len(data) // 2
    with open(OUT / "docs.jsonl.gz", "wb") as f:
        f.write(gzip.compress(data[:half], mtime=0))
        f.write(gzip.compress(data[half:], mtime=0))
    zstd = shutil.which("zstd")
    if zstd is None:
        sys.exit("the zstd command is needed to write docs.jsonl.zst")
    subprocess.run([zstd, "-q", "-f", "-19", str(OUT / "docs.jsonl"), "-o", str(OUT / "docs.jsonl.zst")], check=True)
    config = json.loads((ROOT / "Vocab" / "HuggingFace" / "huggingface" / "qwen3" / "tokenizer_config.json").read_text())
    eos = config["eos_token"]
    eos = eos["content"] if isinstance(eos, dict) else eos
    long_text = "".join(texts) * LONG_REPEAT
    long_ids = {"o200k_harmony": harmony.encode_ordinary(long_text), "qwen3": qwen3.encode(long_text, add_special_tokens=False).ids}
    references = {
        "eos": {"o200k_harmony": harmony.eot_token, "qwen3": qwen3.token_to_id(eos)},
        "long": {"repeat": LONG_REPEAT, "bytes": len(long_text.encode("utf-8")),
                 "ids": {n: {"count": len(ids), "fnv1a64": fnv1a64(ids)} for n, ids in long_ids.items()}},
    }
    (OUT / "references.json").write_text(json.dumps(references, indent=1) + "\n")
    print(f"{len(lines)} documents, {len(data)} bytes, small_bpe vocabulary {small.get_vocab_size()}")


if __name__ == "__main__":
    main()
