#!/usr/bin/env python3
"""Decode and prefill speed of TransformerRuntime against transformers eager on the same random
weights, for three model shapes, with this machine's measured memory bandwidth.

    python Benchmarks/RuntimeDecode/compare.py          # builds, makes the checkpoints, prints tables

Run it in a virtual environment with torch and transformers (the fixture generator's, see
Fixtures/scripts/make_runtime_fixtures.py). Shapes (weights drawn at random, written once to
--work, not committed):

* qwen3-0.6b: Qwen3-0.6B exactly (28 layers, hidden 1024, 16/8 heads, ffn 3072, vocabulary 151,936,
  tied head), bf16.
* qwen3-30b-a3b: Qwen3-30B-A3B's layers (hidden 2048, 32/4 heads, 128 experts of 768, top-8,
  untied head) at reduced depth (--moe-layers, default 4), bf16.
* deepseek-v3: DeepSeek-V3's layers (hidden 7168, 128 heads, MLA q/kv ranks 1536/512, one dense
  layer of 18432, MoE layers of 2048-wide experts, top-8 in 8 groups, one shared expert,
  vocabulary 129,280, untied) at reduced depth (1 dense + --deepseek-moe-layers MoE layers) and with
  --deepseek-experts routed experts instead of 256 (a token reads 8 of them either way), FP8 with
  128×128 blocks as released, plus a bf16 copy of the dequantized weights for transformers (which
  has no CPU FP8 kernels) and for the runtime's bf16 figure.

For each shape and thread count the runtime decodes --tokens tokens after a 16-token prompt
(--runs times; the best and median are reported) and prefills a --prefill-tokens prompt;
transformers (eager attention, the checkpoint's bf16 weights, torch.set_num_threads) does the same.
Bandwidth is the read bandwidth of a 2 GB buffer summed with 4-wide vectors (the fraction of it
that the weights read per token reach is reported), and, for reference, memcpy of a 1 GB buffer
(bytes read plus written per second).
"""

import argparse
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import time

import torch
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Fixtures", "scripts"))


# ------------------------------------------------------------------------------------------------
# Checkpoints


def random_bf16(shape, generator, fan_in=None):
    scale = 0.02 if fan_in is None else 1 / math.sqrt(fan_in)
    return (torch.randn(shape, generator=generator) * scale).to(torch.bfloat16)


def write_sharded(tensors_by_shard, folder):
    """tensors_by_shard: list of {name: tensor}; writes model-0000i-of-N.safetensors + index."""
    weight_map, total = {}, 0
    count = len(tensors_by_shard)
    for index, tensors in enumerate(tensors_by_shard):
        shard = f"model-{index + 1:05d}-of-{count:05d}.safetensors"
        save_file(tensors, os.path.join(folder, shard), metadata={"format": "pt"})
        for name, tensor in tensors.items():
            weight_map[name] = shard
            total += tensor.numel() * tensor.element_size()
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f)


def write_config(folder, config):
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)


def make_qwen3_dense(folder):
    from transformers import Qwen3Config, Qwen3ForCausalLM

    config = Qwen3Config(
        vocab_size=151936, hidden_size=1024, intermediate_size=3072, num_hidden_layers=28,
        num_attention_heads=16, num_key_value_heads=8, head_dim=128, max_position_embeddings=40960,
        rms_norm_eps=1e-6, tie_word_embeddings=True, rope_parameters={"rope_type": "default", "rope_theta": 1e6},
    )
    torch.manual_seed(0)
    Qwen3ForCausalLM(config).to(torch.bfloat16).save_pretrained(folder, safe_serialization=True)


def make_qwen3_moe(folder, layers):
    hidden, heads, kv_heads, head_dim, experts, width = 2048, 32, 4, 128, 128, 768
    generator = torch.Generator().manual_seed(0)
    shards = [{"model.embed_tokens.weight": random_bf16((151936, hidden), generator),
               "lm_head.weight": random_bf16((151936, hidden), generator),
               "model.norm.weight": torch.ones(hidden, dtype=torch.bfloat16)}]
    for layer in range(layers):
        p = f"model.layers.{layer}."
        tensors = {
            p + "input_layernorm.weight": torch.ones(hidden, dtype=torch.bfloat16),
            p + "post_attention_layernorm.weight": torch.ones(hidden, dtype=torch.bfloat16),
            p + "self_attn.q_proj.weight": random_bf16((heads * head_dim, hidden), generator, hidden),
            p + "self_attn.k_proj.weight": random_bf16((kv_heads * head_dim, hidden), generator, hidden),
            p + "self_attn.v_proj.weight": random_bf16((kv_heads * head_dim, hidden), generator, hidden),
            p + "self_attn.o_proj.weight": random_bf16((hidden, heads * head_dim), generator, heads * head_dim),
            p + "self_attn.q_norm.weight": torch.ones(head_dim, dtype=torch.bfloat16),
            p + "self_attn.k_norm.weight": torch.ones(head_dim, dtype=torch.bfloat16),
            p + "mlp.gate.weight": random_bf16((experts, hidden), generator, hidden),
        }
        for e in range(experts):
            q = f"{p}mlp.experts.{e}."
            tensors[q + "gate_proj.weight"] = random_bf16((width, hidden), generator, hidden)
            tensors[q + "up_proj.weight"] = random_bf16((width, hidden), generator, hidden)
            tensors[q + "down_proj.weight"] = random_bf16((hidden, width), generator, width)
        shards.append(tensors)
    write_sharded(shards, folder)
    write_config(folder, {
        "architectures": ["Qwen3MoeForCausalLM"], "model_type": "qwen3_moe", "vocab_size": 151936,
        "hidden_size": hidden, "intermediate_size": 6144, "moe_intermediate_size": width, "num_hidden_layers": layers,
        "num_attention_heads": heads, "num_key_value_heads": kv_heads, "head_dim": head_dim, "num_experts": experts,
        "num_experts_per_tok": 8, "norm_topk_prob": True, "decoder_sparse_step": 1, "mlp_only_layers": [],
        "max_position_embeddings": 40960, "rms_norm_eps": 1e-6, "rope_theta": 1e6, "rope_scaling": None,
        "tie_word_embeddings": False, "use_sliding_window": False, "hidden_act": "silu", "torch_dtype": "bfloat16",
        "bos_token_id": 151643, "eos_token_id": 151645})


def make_deepseek_v3(folder_fp8, folder_bf16, moe_layers, experts):
    from make_runtime_fixtures import fp8_quantize

    hidden, heads, q_rank, kv_rank, nope, rope, value = 7168, 128, 1536, 512, 128, 64, 128
    dense_width, width = 18432, 2048
    generator = torch.Generator().manual_seed(0)
    block = (128, 128)
    fp8_shards, bf16_shards = [], []

    def add(fp8, bf16, name, shape, fan_in):
        weight = torch.randn(shape, generator=generator) / math.sqrt(fan_in)
        codes, scale, dequantized = fp8_quantize(weight, block)
        fp8[name], fp8[name + "_scale_inv"] = codes, scale
        bf16[name] = dequantized.to(torch.bfloat16)

    embedding = {"model.embed_tokens.weight": random_bf16((129280, hidden), generator),
                 "lm_head.weight": random_bf16((129280, hidden), generator),
                 "model.norm.weight": torch.ones(hidden, dtype=torch.bfloat16)}
    fp8_shards.append(dict(embedding))
    bf16_shards.append(dict(embedding))
    for layer in range(1 + moe_layers):
        fp8, bf16 = {}, {}
        p = f"model.layers.{layer}."
        for name, size in [("input_layernorm", hidden), ("post_attention_layernorm", hidden),
                           ("self_attn.q_a_layernorm", q_rank), ("self_attn.kv_a_layernorm", kv_rank)]:
            fp8[p + name + ".weight"] = bf16[p + name + ".weight"] = torch.ones(size, dtype=torch.bfloat16)
        add(fp8, bf16, p + "self_attn.q_a_proj.weight", (q_rank, hidden), hidden)
        add(fp8, bf16, p + "self_attn.q_b_proj.weight", (heads * (nope + rope), q_rank), q_rank)
        add(fp8, bf16, p + "self_attn.kv_a_proj_with_mqa.weight", (kv_rank + rope, hidden), hidden)
        add(fp8, bf16, p + "self_attn.kv_b_proj.weight", (heads * (nope + value), kv_rank), kv_rank)
        add(fp8, bf16, p + "self_attn.o_proj.weight", (hidden, heads * value), heads * value)
        if layer == 0:
            for name, shape, fan_in in [("gate_proj", (dense_width, hidden), hidden), ("up_proj", (dense_width, hidden), hidden),
                                        ("down_proj", (hidden, dense_width), dense_width)]:
                add(fp8, bf16, f"{p}mlp.{name}.weight", shape, fan_in)
        else:
            fp8[p + "mlp.gate.weight"] = bf16[p + "mlp.gate.weight"] = random_bf16((experts, hidden), generator, hidden)
            fp8[p + "mlp.gate.e_score_correction_bias"] = bf16[p + "mlp.gate.e_score_correction_bias"] = \
                0.01 * torch.randn(experts, generator=generator)
            for prefix in [f"{p}mlp.experts.{e}." for e in range(experts)] + [f"{p}mlp.shared_experts."]:
                for name, shape, fan_in in [("gate_proj", (width, hidden), hidden), ("up_proj", (width, hidden), hidden),
                                            ("down_proj", (hidden, width), width)]:
                    add(fp8, bf16, f"{prefix}{name}.weight", shape, fan_in)
        fp8_shards.append(fp8)
        bf16_shards.append(bf16)
    config = {
        "architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3", "vocab_size": 129280,
        "hidden_size": hidden, "intermediate_size": dense_width, "moe_intermediate_size": width,
        "num_hidden_layers": 1 + moe_layers, "num_attention_heads": heads, "num_key_value_heads": heads,
        "n_shared_experts": 1, "n_routed_experts": experts, "routed_scaling_factor": 2.5, "kv_lora_rank": kv_rank,
        "q_lora_rank": q_rank, "qk_rope_head_dim": rope, "v_head_dim": value, "qk_nope_head_dim": nope,
        "topk_method": "noaux_tc", "n_group": 8, "topk_group": 4, "num_experts_per_tok": 8, "first_k_dense_replace": 1,
        "norm_topk_prob": True, "scoring_func": "sigmoid", "hidden_act": "silu", "max_position_embeddings": 163840,
        "rms_norm_eps": 1e-6, "tie_word_embeddings": False, "rope_theta": 10000,
        "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0, "mscale_all_dim": 1.0,
                         "original_max_position_embeddings": 4096, "type": "yarn"},
        "attention_bias": False, "bos_token_id": 0, "eos_token_id": 1, "torch_dtype": "bfloat16"}
    os.makedirs(folder_bf16, exist_ok=True)
    write_sharded(bf16_shards, folder_bf16)
    write_config(folder_bf16, config)
    config["quantization_config"] = {"activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8",
                                     "weight_block_size": list(block)}
    write_sharded(fp8_shards, folder_fp8)
    write_config(folder_fp8, config)


def ensure(folder, make):
    if os.path.exists(os.path.join(folder, "config.json")):
        return
    os.makedirs(folder, exist_ok=True)
    started = time.time()
    make()
    print(f"wrote {folder} in {time.time() - started:.0f} s", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# Measurements


def swift(binary, *arguments):
    output = subprocess.run([binary, *map(str, arguments)], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def prompt_ids(length, vocabulary):
    return [(i * 7919 + 13) % vocabulary for i in range(length)]


@torch.no_grad()
def transformers_measure(folder, threads, tokens, prefill_tokens):
    from transformers import AutoModelForCausalLM

    torch.set_num_threads(threads)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.bfloat16, attn_implementation="eager").eval()
    vocabulary = model.config.vocab_size
    prompt = torch.tensor([prompt_ids(16, vocabulary)])
    output = model(input_ids=prompt, attention_mask=torch.ones_like(prompt), use_cache=True, logits_to_keep=1)
    cache = output.past_key_values
    length = 16

    def step(output, cache, length):
        token = output.logits[0, -1].argmax().view(1, 1)
        return model(input_ids=token, attention_mask=torch.ones(1, length + 1, dtype=torch.long), cache=cache,
                     use_cache=True, logits_to_keep=1), length + 1

    output, length = step(output, cache, length)  # untimed warm-up step
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(tokens):
        output, length = step(output, output.past_key_values, length)
    wall = time.perf_counter() - start
    decode, decode_cores = tokens / wall, (time.process_time() - cpu_start) / wall
    long_prompt = torch.tensor([prompt_ids(prefill_tokens, vocabulary)])
    start, cpu_start = time.perf_counter(), time.process_time()
    model(input_ids=long_prompt, attention_mask=torch.ones_like(long_prompt), use_cache=True, logits_to_keep=1)
    wall = time.perf_counter() - start
    prefill, prefill_cores = prefill_tokens / wall, (time.process_time() - cpu_start) / wall
    del model
    gc.collect()
    return decode, prefill, decode_cores, prefill_cores


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swift", help="a built RuntimeDecode (default: build it)")
    parser.add_argument("--work", default="/tmp/runtime-bench", help="where the random checkpoints are kept")
    parser.add_argument("--shapes", default="qwen3-0.6b,qwen3-30b-a3b,deepseek-v3")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--tokens", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prefill-tokens", type=int, default=512)
    parser.add_argument("--moe-layers", type=int, default=4)
    parser.add_argument("--deepseek-moe-layers", type=int, default=1)
    parser.add_argument("--deepseek-experts", type=int, default=32)
    parser.add_argument("--skip-transformers", action="store_true")
    parser.add_argument("--json", help="also write the measurements here")
    args = parser.parse_args()
    binary = args.swift
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--package-path", HERE], check=True)
        binary = os.path.join(HERE, ".build", "release", "RuntimeDecode")
    threads = [int(t) for t in args.threads.split(",")]
    work = args.work
    folders = {
        "qwen3-0.6b": [("bf16", os.path.join(work, "qwen3-0.6b"))],
        "qwen3-30b-a3b": [("bf16", os.path.join(work, f"qwen3-30b-a3b-{args.moe_layers}l"))],
        "deepseek-v3": [("fp8", os.path.join(work, f"deepseek-v3-{args.deepseek_moe_layers}m{args.deepseek_experts}e-fp8")),
                        ("bf16", os.path.join(work, f"deepseek-v3-{args.deepseek_moe_layers}m{args.deepseek_experts}e-bf16"))],
    }
    shapes = args.shapes.split(",")
    if "qwen3-0.6b" in shapes:
        ensure(folders["qwen3-0.6b"][0][1], lambda: make_qwen3_dense(folders["qwen3-0.6b"][0][1]))
    if "qwen3-30b-a3b" in shapes:
        ensure(folders["qwen3-30b-a3b"][0][1], lambda: make_qwen3_moe(folders["qwen3-30b-a3b"][0][1], args.moe_layers))
    if "deepseek-v3" in shapes:
        fp8, bf16 = folders["deepseek-v3"][0][1], folders["deepseek-v3"][1][1]
        ensure(fp8, lambda: make_deepseek_v3(fp8, bf16, args.deepseek_moe_layers, args.deepseek_experts))

    results = {"bandwidth": {}, "copy_bandwidth": {}, "shapes": {}}
    for t in threads:
        runs = [swift(binary, "bandwidth", "--threads", t) for _ in range(3)]
        results["bandwidth"][t] = max(r["read_gb_per_second"] for r in runs)
        results["copy_bandwidth"][t] = max(r["copy_gb_per_second"] for r in runs)
    for shape in shapes:
        for dtype, folder in folders[shape]:
            rows = []
            for t in threads:
                runs = [swift(binary, folder, "--threads", t, "--tokens", args.tokens) for _ in range(args.runs)]
                speeds = [r["tokens_per_second"] for r in runs]
                best = max(runs, key=lambda r: r["tokens_per_second"])
                prefill = swift(binary, folder, "--threads", t, "--tokens", 1, "--prefill-length", args.prefill_tokens)
                row = {"threads": t, "best": max(speeds), "median": statistics.median(speeds),
                       "weight_bytes_per_token": runs[0]["weight_bytes_per_token"],
                       "cache_bytes_per_token": runs[0]["cache_bytes_per_token"],
                       "expanded_cache_bytes_per_token": runs[0]["expanded_cache_bytes_per_token"],
                       "prefill": prefill["prefill_tokens_per_second"],
                       # Cores the measurement got on average (CPU seconds / wall seconds).
                       "cores": best["decode_cpu_seconds"] / best["decode_seconds"],
                       "prefill_cores": prefill["prefill_cpu_seconds"] / prefill["prefill_seconds"]}
                row["bandwidth_fraction"] = row["best"] * row["weight_bytes_per_token"] / 1e9 / results["bandwidth"][t]
                if dtype == "bf16" and not args.skip_transformers:
                    (row["transformers_decode"], row["transformers_prefill"], row["transformers_cores"],
                     row["transformers_prefill_cores"]) = transformers_measure(folder, t, args.tokens, args.prefill_tokens)
                rows.append(row)
                print(json.dumps({"shape": shape, "dtype": dtype, **row}), flush=True)
            results["shapes"][f"{shape} {dtype}"] = rows

    print("\nread bandwidth: " + ", ".join(f"{t} thread{'s' * (t > 1)} {b:.1f} GB/s" for t, b in results["bandwidth"].items()))
    print("copy bandwidth (read + write): "
          + ", ".join(f"{t} thread{'s' * (t > 1)} {b:.1f} GB/s" for t, b in results["copy_bandwidth"].items()))
    print("\nDecode (cores: CPU seconds per wall second that the run got; below the thread count the machine was busy)")
    print("\n| model | weights | threads | GB read/token | tok/s best (median) | cores | % of read bandwidth | "
          "transformers tok/s (cores) | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, rows in results["shapes"].items():
        shape, dtype = name.split(" ")
        for r in rows:
            hf = r.get("transformers_decode")
            hf_text = f"{hf:.2f} ({r['transformers_cores']:.2f}) | {r['best'] / hf:.2f}×" if hf else "– | –"
            print(f"| {shape} | {dtype} | {r['threads']} | {r['weight_bytes_per_token'] / 1e9:.2f} | "
                  f"{r['best']:.2f} ({r['median']:.2f}) | {r['cores']:.2f} | {100 * r['bandwidth_fraction']:.0f}% | {hf_text} |")
    print(f"\nPrefill of a {args.prefill_tokens}-token prompt")
    print("\n| model | weights | threads | tok/s | cores | transformers tok/s (cores) | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, rows in results["shapes"].items():
        shape, dtype = name.split(" ")
        for r in rows:
            hfp = r.get("transformers_prefill")
            hfp_text = f"{hfp:.1f} ({r['transformers_prefill_cores']:.2f}) | {r['prefill'] / hfp:.2f}×" if hfp else "– | –"
            print(f"| {shape} | {dtype} | {r['threads']} | {r['prefill']:.1f} | {r['prefill_cores']:.2f} | {hfp_text} |")
    print("\n| model | cache bytes/token (f32) | full K/V equivalent | ratio |")
    print("|---|---|---|---|")
    for name, rows in results["shapes"].items():
        r = rows[0]
        print(f"| {name} | {r['cache_bytes_per_token']:,} | {r['expanded_cache_bytes_per_token']:,} | "
              f"{r['expanded_cache_bytes_per_token'] / r['cache_bytes_per_token']:.1f}× |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
