"""Render + tokenize speed: ChatTemplates (release build) against transformers 5.24's
`apply_chat_template(tokenize=True)` on the same fixture conversations (Fixtures/chat/conversations.json,
`add_generation_prompt=True`), one process each, on one core.

    source /tmp/tok-oracle-torch/env.sh
    (cd Benchmarks/ChatTemplateSpeed && swift build -c release)
    python Benchmarks/ChatTemplateSpeed/compare.py [--repeats 200]
"""

import argparse
import json
import pathlib
import subprocess
import time

from transformers import AutoTokenizer

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def transformers_time(name, repeats, sanitize):
    tokenizer = AutoTokenizer.from_pretrained(str(ROOT / "Vocab" / "HuggingFace" / "huggingface" / name))
    conversations = json.loads((ROOT / "Fixtures" / "chat" / "conversations.json").read_text())["conversations"]
    inputs = []
    for messages in conversations.values():
        try:
            tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, sanitize_control_tokens=sanitize)
            inputs.append(messages)
        except Exception:  # noqa: BLE001 - a conversation the template refuses is left out, as in Swift
            pass
    start = time.perf_counter()
    for _ in range(repeats):
        for messages in inputs:
            tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True, sanitize_control_tokens=sanitize)
    return (time.perf_counter() - start) / (repeats * len(inputs)) * 1e6, len(inputs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    binary = HERE / ".build" / "release" / "ChatTemplateSpeed"
    for name in ("qwen3", "deepseek_v3"):
        for sanitize in (True, False):
            swift = json.loads(subprocess.check_output(
                [str(binary), name, str(args.repeats), "sanitize" if sanitize else "plain"], text=True))
            reference, count = transformers_time(name, max(args.repeats // 10, 5), sanitize)
            ratio = reference / swift["microseconds_per_conversation"]
            print(f"{name:12} sanitize={sanitize!s:5} conversations={count:3}  transformers {reference:8.1f} us  "
                  f"ChatTemplates {swift['microseconds_per_conversation']:7.1f} us  ratio {ratio:5.1f}x")


if __name__ == "__main__":
    main()
