"""Render + tokenize speed: ChatTemplates (release build) against transformers 5.24's
`apply_chat_template(tokenize=True)` on the same fixture conversations (Fixtures/chat/conversations.json,
`add_generation_prompt=True`), one process each, on one core. Each side runs `--rounds` times,
interleaved, and the fastest round counts (the machine is shared: the minimum is the run least
disturbed by other work).

    source /tmp/tok-oracle-torch/env.sh
    (cd Benchmarks/ChatTemplateSpeed && swift build -c release)
    python Benchmarks/ChatTemplateSpeed/compare.py [--repeats 200] [--rounds 5]
"""

import argparse
import json
import pathlib
import subprocess
import time

from transformers import AutoTokenizer

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def transformers_time(tokenizer, repeats, sanitize):
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
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    binary = HERE / ".build" / "release" / "ChatTemplateSpeed"
    for name in ("qwen3", "deepseek_v3"):
        tokenizer = AutoTokenizer.from_pretrained(str(ROOT / "Vocab" / "HuggingFace" / "huggingface" / name))
        for sanitize in (True, False):
            swift_times, reference_times = [], []
            for _ in range(args.rounds):
                swift = json.loads(subprocess.check_output(
                    [str(binary), name, str(args.repeats), "sanitize" if sanitize else "plain"], text=True))
                swift_times.append(swift["microseconds_per_conversation"])
                reference, count = transformers_time(tokenizer, max(args.repeats // 10, 5), sanitize)
                reference_times.append(reference)
            fastest, reference = min(swift_times), min(reference_times)
            print(f"{name:12} sanitize={sanitize!s:5} conversations={count:3}  transformers {reference:8.1f} us  "
                  f"ChatTemplates {fastest:7.1f} us  ratio {reference / fastest:5.1f}x")


if __name__ == "__main__":
    main()
