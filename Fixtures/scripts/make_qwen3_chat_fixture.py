#!/usr/bin/env python3
"""Builds `Fixtures/models/qwen3-chat-trained`: a tiny Qwen3-architecture model overfit on a few
conversations rendered with the bundled Qwen3 chat template, so that greedy decoding answers with
reasoning (`<think>…</think>`) and then either an answer or a `<tool_call>` block.

Reference pipeline: transformers 5.24.0 (`apply_chat_template(..., add_generation_prompt=True,
tokenize=True)` on Vocab/HuggingFace/huggingface/qwen3) renders each prompt; the model is trained
on prompt + completion; the checkpoint is written in bf16, reloaded in float32 with eager
attention, and its greedy output (until `<|im_end|>` or `<|endoftext|>`) must equal the training
completion. `conversations.json` holds each request (apply_chat_template's arguments), the prompt
ids, the greedy completion ids, and the assistant message the completion spells (the message the
Swift parser must give). Run from the package root in the torch oracle venv:

    python Fixtures/scripts/make_qwen3_chat_fixture.py
"""

import json
import math
import os
import shutil
import sys

import torch

import transformers
from transformers import AutoTokenizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_runtime_fixtures import (  # noqa: E402 - the shared training and reference helpers
    PINNED_TORCH, PINNED_TRANSFORMERS, ROOT, check_reload, completion_margins, greedy_until_stop, qwen3_config,
    reload, round_to_bf16_, train, write_qwen3,
)

NAME = "qwen3-chat-trained"
SHAPES = dict(hidden=32, layers=2, heads=4, kv_heads=2, head_dim=16, ffn=64, tied=True)
STOPS = {151645, 151643}  # <|im_end|>, <|endoftext|>

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}

# (name, request, completion text, the assistant message it spells)
EXAMPLES = [
    ("reasoning_answer",
     {"messages": [{"role": "user", "content": "What is 2 + 3?"}], "add_generation_prompt": True},
     "<think>\nAdd the two numbers.\n</think>\n\n2 + 3 = 5.<|im_end|>",
     {"role": "assistant", "content": "2 + 3 = 5.", "reasoning_content": "Add the two numbers."}),
    ("tool_call",
     {"messages": [{"role": "user", "content": "Weather in Paris?"}], "tools": [WEATHER_TOOL], "add_generation_prompt": True},
     "<think>\nI should call the tool.\n</think>\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>",
     {"role": "assistant", "content": None, "reasoning_content": "I should call the tool.",
      "tool_calls": [{"type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]}),
    ("thinking_off",
     {"messages": [{"role": "user", "content": "Say hi."}], "add_generation_prompt": True, "enable_thinking": False},
     "Hi!<|im_end|>",
     {"role": "assistant", "content": "Hi!"}),
]


def examples(tokenizer):
    result = []
    for name, request, completion, message in EXAMPLES:
        arguments = {key: value for key, value in request.items() if key != "messages"}
        prompt = tokenizer.apply_chat_template(request["messages"], tokenize=True, return_dict=False, **arguments)
        if isinstance(prompt, dict):
            prompt = prompt["input_ids"]
        result.append({
            "name": name, "request": request, "prompt_ids": list(prompt),
            "completion_ids": tokenizer.encode(completion, add_special_tokens=False), "message": message,
        })
    return result


def build(folder, seed=0, max_rounds=40):
    tokenizer = AutoTokenizer.from_pretrained(os.path.join(ROOT, "Vocab", "HuggingFace", "huggingface", "qwen3"))
    cases = examples(tokenizer)
    torch.manual_seed(seed)
    config = qwen3_config(**SHAPES)
    config._attn_implementation = "eager"
    model = transformers.Qwen3ForCausalLM(config)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("norm.weight"):
                parameter.fill_(1.0)
            elif "embed_tokens" in name:
                parameter.normal_(0, 0.5)
            else:
                parameter.normal_(0, 1 / math.sqrt(parameter.shape[-1]))
    loss = train(model, cases, 300, 1e-2, list(model.parameters()))
    print(f"{NAME}: loss {loss:.4f} after the first phase", flush=True)
    for round_index in range(max_rounds):
        round_to_bf16_(model)
        correct, margin = completion_margins(model, cases)
        print(f"{NAME}: round {round_index}, all tokens right: {correct}, margin {margin:.3f}", flush=True)
        if correct and margin >= 0.5:
            break
        train(model, cases, 50, 3e-3, list(model.parameters()))
    else:
        raise RuntimeError("the trained model did not converge")
    shutil.rmtree(folder, ignore_errors=True)
    write_qwen3(model, folder)
    reloaded = reload(folder, mxfp4=False)
    check_reload(model, reloaded)
    worst = float("inf")
    for case in cases:
        generated, margin = greedy_until_stop(reloaded, case["prompt_ids"], STOPS, limit=len(case["completion_ids"]) + 8)
        if generated != case["completion_ids"]:
            raise RuntimeError(f"{case['name']}: greedy output differs from the training completion")
        case["min_margin"] = margin
        worst = min(worst, margin)
    with open(os.path.join(folder, "generation_config.json"), "w") as f:
        json.dump({"bos_token_id": 151643, "eos_token_id": sorted(STOPS), "pad_token_id": 151643}, f, indent=2)
        f.write("\n")
    with open(os.path.join(folder, "conversations.json"), "w") as f:
        json.dump({
            "model": NAME,
            "generator": f"transformers {transformers.__version__}, torch {torch.__version__}, float32, eager attention",
            "stop_token_ids": sorted(STOPS),
            "conversations": cases,
        }, f, indent=1, ensure_ascii=False)
        f.write("\n")
    size = os.path.getsize(os.path.join(folder, "model.safetensors"))
    print(f"{NAME}: {len(cases)} conversations reproduced, min margin {worst:.3f}, {size / 1e6:.1f} MB")


def main():
    if transformers.__version__ != PINNED_TRANSFORMERS or not torch.__version__.startswith(PINNED_TORCH):
        sys.exit(f"needs transformers {PINNED_TRANSFORMERS} and torch {PINNED_TORCH}, "
                 f"found {transformers.__version__} and {torch.__version__}")
    torch.set_num_threads(1)
    build(os.path.join(ROOT, "Fixtures", "models", NAME))


if __name__ == "__main__":
    main()
