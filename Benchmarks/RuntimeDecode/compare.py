#!/usr/bin/env python3
"""Decode speed of TransformerRuntime against transformers eager on the same random bf16 weights.

A Qwen3-0.6B-shaped model (28 layers, hidden 1024, 16/8 heads, head_dim 128, ffn 3072, vocabulary
151,936, tied head) is drawn at random and saved once; both implementations then decode with the
same thread count. transformers runs in bf16 (its native dtype for these weights); the Swift
runtime reads the bf16 weights and computes in f32.

    swift build -c release --package-path Benchmarks/RuntimeDecode
    python Benchmarks/RuntimeDecode/compare.py --swift Benchmarks/RuntimeDecode/.build/release/RuntimeDecode
"""

import argparse
import json
import os
import subprocess
import time

import torch
from transformers import Qwen3Config, Qwen3ForCausalLM


def make_checkpoint(folder):
    if os.path.exists(os.path.join(folder, "model.safetensors")):
        return
    config = Qwen3Config(
        vocab_size=151936, hidden_size=1024, intermediate_size=3072, num_hidden_layers=28,
        num_attention_heads=16, num_key_value_heads=8, head_dim=128, max_position_embeddings=40960,
        rms_norm_eps=1e-6, tie_word_embeddings=True, rope_parameters={"rope_type": "default", "rope_theta": 1e6},
    )
    torch.manual_seed(0)
    model = Qwen3ForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(folder, safe_serialization=True)


@torch.no_grad()
def torch_decode(folder, threads, prompt_length, tokens):
    torch.set_num_threads(threads)
    model = Qwen3ForCausalLM.from_pretrained(folder, dtype=torch.bfloat16, attn_implementation="eager").eval()
    prompt = torch.tensor([[(i * 7919 + 13) % 151936 for i in range(prompt_length)]])
    output = model(input_ids=prompt, use_cache=True)
    cache = output.past_key_values
    token = output.logits[0, -1].argmax().view(1, 1)
    output = model(input_ids=token, cache=cache, use_cache=True)  # untimed warm-up step
    cache = output.past_key_values
    start = time.perf_counter()
    for _ in range(tokens):
        token = output.logits[0, -1].argmax().view(1, 1)
        output = model(input_ids=token, cache=cache, use_cache=True)
        cache = output.past_key_values
    elapsed = time.perf_counter() - start
    return tokens / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swift", required=True, help="the built RuntimeDecode executable")
    parser.add_argument("--model", default="/tmp/qwen3-0.6b-random-bf16")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--prompt-length", type=int, default=16)
    parser.add_argument("--tokens", type=int, default=32)
    args = parser.parse_args()
    make_checkpoint(args.model)
    swift = json.loads(subprocess.run(
        [args.swift, args.model, "--threads", str(args.threads), "--prompt-length", str(args.prompt_length),
         "--tokens", str(args.tokens)], check=True, capture_output=True, text=True).stdout)
    reference = torch_decode(args.model, args.threads, args.prompt_length, args.tokens)
    print(json.dumps({
        "threads": args.threads,
        "swift_tokens_per_second": round(swift["tokens_per_second"], 3),
        "transformers_tokens_per_second": round(reference, 3),
        "ratio": round(swift["tokens_per_second"] / reference, 3),
        "swift_weight_gb_per_second": round(swift["weight_gb_per_second"], 2),
        "weight_bytes_per_token": swift["weight_bytes_per_token"],
    }))


if __name__ == "__main__":
    main()
