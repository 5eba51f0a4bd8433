#!/usr/bin/env python3
"""Builds the tiny transformer checkpoints and f32 references the runtime tests compare against.

Reference implementation: transformers 5.24.0 with torch 2.15.0, eager attention, float32. Run it
in a virtual environment with transformers==5.24.0, torch==2.15.0, safetensors, numpy and
openai-harmony==0.0.8 (offline, openai-harmony reads o200k_base.tiktoken from the folder named by
TIKTOKEN_ENCODINGS_BASE), from the package root:

    python Fixtures/scripts/make_runtime_fixtures.py                 # rewrites Fixtures/models/*
    python Fixtures/scripts/make_runtime_fixtures.py --variants 4 --out /tmp/variants
        # models with other seeds and shapes (not committed), to cross-check `tok generate`

Every model keeps the real vocabulary size of its family (Qwen3 151,936; gpt-oss 201,088), so a
very small hidden size and bf16 storage keep each checkpoint near 10-13 MB. Weights are re-drawn
so that every path matters: norm weights away from 1, non-zero biases, attention sinks N(0, 1),
gpt-oss gate pre-activations beyond the ±7 clamp. gpt-oss experts are written as MXFP4
`*_blocks`/`*_scales` tensors like the released checkpoint, and the references come from
reloading the files through transformers (`Mxfp4Config(dequantize=True)`), so they also prove
the files are read the way transformers reads them.

Each folder gets `reference.json`: the prompt ids, 20 greedy ids (decoded with a KV cache and
checked against full recomputation), the top logits of every step, and a strided sample of the
prompt's next-token logits. A seed is accepted only when every step's top-1/top-2 margin is at
least 0.05, so a correct f32 runtime with another summation order cannot flip a token.

`gpt-oss-harmony-trained` is different: a tiny gpt-oss overfit (about 300 Adam steps, a few
minutes on one CPU core) on five harmony conversations, so that greedy decoding writes an analysis
message, then a final answer or a `functions.*` tool call. Its `conversations.json` holds each
conversation (openai-harmony JSON), the rendered prompt ids, the expected completion ids and the
messages openai-harmony parses from them.
"""

import argparse
import json
import math
import os
import shutil
import sys

import numpy as np
import torch
from safetensors.torch import load_file, save_file

import transformers
from transformers import AutoModelForCausalLM, DeepseekV3Config, GptOssConfig, Mxfp4Config, Qwen3Config, Qwen3MoeConfig

PINNED_TRANSFORMERS = "5.24.0"
PINNED_TORCH = "2.15.0"
STEPS = 20
MIN_MARGIN = 0.05
MIN_DISTINCT = 10  # reject seeds whose greedy output falls into a one-token loop
TOP_K_RECORDED = 10
LOGIT_SAMPLE_STRIDE = 997

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
QWEN3_PROMPT_TEXT = "The capital of France is Paris. The capital of Italy is"
# QWEN3_PROMPT_TEXT encoded by the Qwen3 tokenizer (pass --qwen3-tokenizer to re-check).
QWEN3_PROMPT_IDS = [785, 6722, 315, 9625, 374, 12095, 13, 576, 6722, 315, 15344, 374]

# The same text encoded by DeepSeek-V3's tokenizer.json, with the BOS (id 0) that transformers'
# LlamaTokenizerFast adds in front (pass --deepseek-tokenizer to re-check).
DEEPSEEK_PROMPT_IDS = [0, 671, 6102, 294, 8760, 344, 11111, 16, 455, 6102, 294, 14251, 344]

# Harmony-rendered prompt for gpt-oss (system message with defaults, one user message, rendered for
# an assistant completion), produced with openai_harmony 0.0.8 by `harmony_prompt_ids()` below.
GPT_OSS_USER_MESSAGE = "What is the capital of France?"


# ------------------------------------------------------------------------------------------------
# Prompts


def qwen3_prompt_ids(tokenizer_path=None):
    if tokenizer_path:
        from tokenizers import Tokenizer

        encoded = Tokenizer.from_file(tokenizer_path).encode(QWEN3_PROMPT_TEXT, add_special_tokens=False).ids
        if encoded != QWEN3_PROMPT_IDS:
            sys.exit(f"the Qwen3 tokenizer gives {encoded}, not {QWEN3_PROMPT_IDS}")
    return QWEN3_PROMPT_IDS


def deepseek_prompt_ids(tokenizer_path=None):
    if tokenizer_path:
        from tokenizers import Tokenizer

        encoded = [0] + Tokenizer.from_file(tokenizer_path).encode(QWEN3_PROMPT_TEXT, add_special_tokens=False).ids
        if encoded != DEEPSEEK_PROMPT_IDS:
            sys.exit(f"the DeepSeek-V3 tokenizer gives {encoded}, not {DEEPSEEK_PROMPT_IDS}")
    return DEEPSEEK_PROMPT_IDS


def harmony_encoding():
    from openai_harmony import HarmonyEncodingName, load_harmony_encoding

    return load_harmony_encoding(HarmonyEncodingName.HARMONY_GPT_OSS)


def harmony_conversation(messages, tools=None):
    """messages: list of (role, content, extras) with role in system/developer/user/assistant."""
    from openai_harmony import (
        Conversation,
        DeveloperContent,
        Message,
        Role,
        SystemContent,
        ToolDescription,
    )

    built = [Message.from_role_and_content(Role.SYSTEM, SystemContent.new())]
    if tools:
        developer = DeveloperContent.new().with_function_tools(
            [ToolDescription.new(t["name"], t["description"], parameters=t["parameters"]) for t in tools]
        )
        built.append(Message.from_role_and_content(Role.DEVELOPER, developer))
    for role, content in messages:
        built.append(Message.from_role_and_content(Role(role), content))
    return Conversation.from_messages(built)


def harmony_prompt_ids():
    from openai_harmony import Role

    conversation = harmony_conversation([("user", GPT_OSS_USER_MESSAGE)])
    return list(harmony_encoding().render_conversation_for_completion(conversation, Role.ASSISTANT))


# ------------------------------------------------------------------------------------------------
# Weights


def bf16_exact(tensor):
    return tensor.to(torch.bfloat16).to(torch.float32)


RESIDUAL_GAIN = 4.0

FP4_GRID = torch.tensor([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0])


def mxfp4_quantize(weight):
    """weight [..., out, in] f32 → (blocks [..., out, in/32, 16] u8, scales [..., out, in/32] u8,
    dequantized f32). OCP rule: e = floor(log2(amax)) − 2, nearest grid value, clamp at 6."""
    *prefix, out_features, in_features = weight.shape
    assert in_features % 32 == 0
    blocks = weight.reshape(*prefix, out_features, in_features // 32, 32)
    amax = blocks.abs().amax(dim=-1, keepdim=True)
    exponent = torch.where(amax > 0, torch.floor(torch.log2(amax.clamp_min(1e-30))) - 2, torch.full_like(amax, -127))
    exponent = exponent.clamp(-127, 127)
    scaled = blocks / torch.pow(2.0, exponent)
    magnitude = scaled.abs().clamp(max=6.0)
    index = (magnitude.unsqueeze(-1) - FP4_GRID).abs().argmin(dim=-1)
    sign = (scaled < 0) & (index > 0)
    codes = (index + 8 * sign.to(index.dtype)).to(torch.uint8)
    packed = (codes[..., 0::2] | (codes[..., 1::2] << 4)).to(torch.uint8)
    scales = (exponent.squeeze(-1) + 127).to(torch.uint8)
    values = FP4_GRID[index] * torch.where(sign, -1.0, 1.0) * torch.pow(2.0, exponent)
    return packed.contiguous(), scales.contiguous(), values.reshape(weight.shape)


def randomize_qwen3(model, generator):
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("bias"):
                value = 0.5 * torch.randn(parameter.shape, generator=generator)
            elif parameter.ndim == 1:  # RMSNorm weights
                value = 1 + 0.3 * torch.randn(parameter.shape, generator=generator)
            elif "embed_tokens" in name or "lm_head" in name:
                value = torch.randn(parameter.shape, generator=generator)
            else:
                # Residual writers get a larger gain so that layers, not the token's own embedding,
                # dominate the tied head's logits.
                gain = RESIDUAL_GAIN if ("o_proj" in name or "down_proj" in name) else 1.0
                value = gain * torch.randn(parameter.shape, generator=generator) / math.sqrt(parameter.shape[1])
            parameter.copy_(bf16_exact(value))


def randomize_gpt_oss(model, generator):
    """Draws all weights; returns the expert weights as {name: [E, out, in] f32} for MXFP4."""
    experts = {}
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            shape = parameter.shape
            if name.endswith("norm.weight"):
                value = 1 + 0.3 * torch.randn(shape, generator=generator)
            elif name.endswith("sinks"):
                value = torch.randn(shape, generator=generator)
            elif "embed_tokens" in name or "lm_head" in name:
                value = torch.randn(shape, generator=generator)
            elif name.endswith("experts.gate_up_proj"):  # [E, in, out]
                value = 1.5 * torch.randn(shape, generator=generator) / math.sqrt(shape[1])
            elif name.endswith("experts.down_proj"):  # [E, in, out]
                value = RESIDUAL_GAIN * torch.randn(shape, generator=generator) / math.sqrt(shape[1])
            elif name.endswith("experts.gate_up_proj_bias"):
                value = 3.0 * torch.randn(shape, generator=generator)  # some beyond the ±7 clamp
            elif name.endswith("router.weight"):
                value = 2.0 * torch.randn(shape, generator=generator) / math.sqrt(shape[1])
            elif name.endswith("bias"):
                value = 0.5 * torch.randn(shape, generator=generator)
            else:  # attention projections [out, in]
                gain = RESIDUAL_GAIN if "o_proj" in name else 1.0
                value = gain * torch.randn(shape, generator=generator) / math.sqrt(shape[1])
            value = bf16_exact(value)
            if name.endswith("experts.gate_up_proj") or name.endswith("experts.down_proj"):
                blocks, scales, dequantized = mxfp4_quantize(value.transpose(1, 2).contiguous())
                experts[name] = (blocks, scales)
                value = dequantized.transpose(1, 2).contiguous()
            parameter.copy_(value)
    return experts


# ------------------------------------------------------------------------------------------------
# Saving


def write_qwen3(model, folder):
    model.to(torch.bfloat16).save_pretrained(folder, safe_serialization=True)
    model.to(torch.float32)


def hub_form_gpt_oss_config(config, tied):
    """A config.json in the form of the published gpt-oss checkpoints (rope_theta + rope_scaling,
    experts_per_token, quantization_config)."""
    rope = dict(config.rope_parameters)
    theta = rope.pop("rope_theta")
    return {
        "architectures": ["GptOssForCausalLM"],
        "model_type": "gpt_oss",
        "vocab_size": config.vocab_size,
        "hidden_size": config.hidden_size,
        "intermediate_size": config.intermediate_size,
        "num_hidden_layers": config.num_hidden_layers,
        "num_attention_heads": config.num_attention_heads,
        "num_key_value_heads": config.num_key_value_heads,
        "head_dim": config.head_dim,
        "num_local_experts": config.num_local_experts,
        "num_experts_per_tok": config.num_experts_per_tok,
        "experts_per_token": config.num_experts_per_tok,
        "sliding_window": config.sliding_window,
        "layer_types": list(config.layer_types),
        "rms_norm_eps": config.rms_norm_eps,
        "rope_theta": theta,
        "rope_scaling": rope,
        "initial_context_length": 4096,
        "max_position_embeddings": config.max_position_embeddings,
        "attention_bias": True,
        "swiglu_limit": config.swiglu_limit,
        "tie_word_embeddings": tied,
        "hidden_act": "silu",
        "eos_token_id": 200002,
        "pad_token_id": 199999,
        "torch_dtype": "bfloat16",
        "quantization_config": {
            "quant_method": "mxfp4",
            "modules_to_not_convert": ["model.layers.*.self_attn", "model.layers.*.mlp.router", "model.embed_tokens", "lm_head"],
        },
    }


def write_gpt_oss(model, experts, folder, tied):
    os.makedirs(folder, exist_ok=True)
    tensors = {}
    for name, parameter in model.state_dict().items():
        if tied and name == "lm_head.weight":
            continue
        if name in experts:
            blocks, scales = experts[name]
            tensors[name + "_blocks"] = blocks
            tensors[name + "_scales"] = scales
        else:
            tensors[name] = parameter.detach().to(torch.bfloat16).contiguous()
    save_file(tensors, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(hub_form_gpt_oss_config(model.config, tied), f, indent=2)
        f.write("\n")
    with open(os.path.join(folder, "generation_config.json"), "w") as f:
        json.dump({"eos_token_id": [200002, 199999, 200012], "pad_token_id": 199999}, f, indent=2)
        f.write("\n")


def reload(folder, mxfp4):
    extra = {"quantization_config": Mxfp4Config(dequantize=True)} if mxfp4 else {}
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32, attn_implementation="eager", **extra)
    return model.eval()


# ------------------------------------------------------------------------------------------------
# Qwen3-MoE and DeepSeek-V3: the released (hub) tensor layout, optionally FP8


FP8_MAX = 448.0  # the largest float8_e4m3fn value


def randomize_sparse(model, generator):
    """Weights of Qwen3-MoE and DeepSeek-V3 models: fan-in scaled (the last dimension, also for
    transformers' fused [E, out, in] expert tensors), larger routers so that routing varies, and a
    non-zero DeepSeek correction bias (an f32 buffer, used only to choose experts)."""
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            shape = parameter.shape
            if parameter.ndim == 1:
                value = (1 + 0.3 * torch.randn(shape, generator=generator)) if "norm" in name \
                    else 0.5 * torch.randn(shape, generator=generator)
            elif "embed_tokens" in name or "lm_head" in name:
                value = torch.randn(shape, generator=generator)
            elif name.endswith("mlp.gate.weight"):
                value = 2.0 * torch.randn(shape, generator=generator) / math.sqrt(shape[-1])
            else:
                gain = RESIDUAL_GAIN if ("o_proj" in name or "down_proj" in name) else 1.0
                value = gain * torch.randn(shape, generator=generator) / math.sqrt(shape[-1])
            parameter.copy_(bf16_exact(value))
        for name, buffer in model.named_buffers():
            if name.endswith("e_score_correction_bias"):
                buffer.copy_(0.3 * torch.randn(buffer.shape, generator=generator))


def fp8_quantize(weight, block):
    """weight [rows, columns] f32 → (codes float8_e4m3fn, scale_inv [⌈rows/br⌉, ⌈columns/bc⌉] f32,
    dequantized f32), as DeepSeek's quantizer: per block, scale = amax / 448 and codes = w / scale.
    Edge blocks are partial. Dequantization follows the checkpoint's rule `weight = fp8 × scale_inv`
    with each scale repeated over its block and cut at the edges (llama.cpp's convert_hf_to_gguf)."""
    rows, columns = weight.shape
    block_rows, block_columns = block
    scale_rows, scale_columns = -(-rows // block_rows), -(-columns // block_columns)
    padded = torch.zeros(scale_rows * block_rows, scale_columns * block_columns)
    padded[:rows, :columns] = weight
    amax = padded.view(scale_rows, block_rows, scale_columns, block_columns).abs().amax(dim=(1, 3))
    scale = (amax / FP8_MAX).clamp_min(1e-12).to(torch.float32)
    expanded = scale.repeat_interleave(block_rows, 0).repeat_interleave(block_columns, 1)[:rows, :columns]
    codes = (weight / expanded).to(torch.float8_e4m3fn)
    return codes, scale, dequantize_fp8(codes, scale, block)


def dequantize_fp8(codes, scale, block):
    rows, columns = codes.shape
    expanded = scale.repeat_interleave(block[0], 0).repeat_interleave(block[1], 1)[:rows, :columns]
    return codes.to(torch.float32) * expanded


def fp8_eligible(name, tensor):
    """Which tensors the released FP8 checkpoints quantize: every linear weight except the
    embedding, the output head and the router."""
    return (tensor.ndim == 2 and tensor.numel() > 0 and name.endswith(".weight") and "embed_tokens" not in name
            and not name.startswith("lm_head") and not name.endswith("mlp.gate.weight"))


def hub_state(model, tied):
    """The model's tensors under the released names: experts one by one
    (`mlp.experts.E.{gate,up,down}_proj.weight`), not transformers' fused in-memory tensors."""
    tensors = {}
    for name, value in model.state_dict().items():
        value = value.detach().to(torch.float32)
        if tied and name == "lm_head.weight":
            continue
        if name.endswith("mlp.experts.gate_up_proj"):  # [E, 2I, H], gate rows first
            prefix, half = name[: -len("gate_up_proj")], value.shape[1] // 2
            for expert in range(value.shape[0]):
                tensors[f"{prefix}{expert}.gate_proj.weight"] = value[expert, :half].contiguous()
                tensors[f"{prefix}{expert}.up_proj.weight"] = value[expert, half:].contiguous()
        elif name.endswith("mlp.experts.down_proj"):  # [E, H, I]
            prefix = name[: -len("down_proj")]
            for expert in range(value.shape[0]):
                tensors[f"{prefix}{expert}.down_proj.weight"] = value[expert].contiguous()
        else:
            tensors[name] = value.contiguous()
    return tensors


def quantized_files(state, fp8_block):
    """(tensors to write, the f32 values they stand for): FP8 codes and f32 `weight_scale_inv` for
    the eligible weights when fp8_block is set, f32 for DeepSeek's correction bias, bf16 otherwise."""
    written, values = {}, {}
    for name, value in state.items():
        if fp8_block and fp8_eligible(name, value):
            codes, scale, dequantized = fp8_quantize(value, fp8_block)
            written[name], written[name + "_scale_inv"] = codes, scale
            values[name] = dequantized
        elif name.endswith("e_score_correction_bias"):
            written[name], values[name] = value, value
        else:
            written[name] = value.to(torch.bfloat16)
            values[name] = written[name].to(torch.float32)
    return written, values


def save_shards(tensors, folder, shards):
    """model.safetensors, or `shards` files split by layer with model.safetensors.index.json."""
    if shards == 1:
        save_file(tensors, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
        return
    def layer(name):
        parts = name.split(".")
        return int(parts[2]) if name.startswith("model.layers.") else (-1 if "embed" in name else 10**9)
    names = sorted(tensors, key=lambda n: (layer(n), n))
    per_shard = -(-len(names) // shards)
    weight_map = {}
    for index in range(shards):
        shard = f"model-{index + 1:05d}-of-{shards:05d}.safetensors"
        chunk = names[index * per_shard:(index + 1) * per_shard]
        save_file({n: tensors[n] for n in chunk}, os.path.join(folder, shard), metadata={"format": "pt"})
        weight_map.update({n: shard for n in chunk})
    total = sum(t.numel() * t.element_size() for t in tensors.values())
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)
        f.write("\n")


def mtp_layer_tensors(config, fp8_block):
    """A stand-in for DeepSeek-V3's multi-token-prediction layer (`model.layers.<L>.*`, which
    transformers ignores): present in the released checkpoint, so present here."""
    generator = torch.Generator().manual_seed(0)
    hidden, prefix = config.hidden_size, f"model.layers.{config.num_hidden_layers}."
    state = {prefix + n: 1 + 0.1 * torch.randn(hidden, generator=generator)
             for n in ("enorm.weight", "hnorm.weight", "input_layernorm.weight")}
    state[prefix + "eh_proj.weight"] = torch.randn(hidden, 2 * hidden, generator=generator) / math.sqrt(2 * hidden)
    return quantized_files(state, fp8_block)[0]


def hub_form_deepseek_config(config, fp8_block):
    """A config.json in the form of the published DeepSeek-V3 checkpoint (rope_theta + rope_scaling
    with `type`, topk_method, scoring_func, quantization_config)."""
    rope = dict(config.rope_parameters)
    theta = rope.pop("rope_theta")
    rope["type"] = rope.pop("rope_type")
    document = {
        "architectures": ["DeepseekV3ForCausalLM"],
        "model_type": "deepseek_v3",
        "vocab_size": config.vocab_size,
        "hidden_size": config.hidden_size,
        "intermediate_size": config.intermediate_size,
        "moe_intermediate_size": config.moe_intermediate_size,
        "num_hidden_layers": config.num_hidden_layers,
        "num_nextn_predict_layers": 1,
        "num_attention_heads": config.num_attention_heads,
        "num_key_value_heads": config.num_key_value_heads,
        "n_shared_experts": config.n_shared_experts,
        "n_routed_experts": config.n_routed_experts,
        "ep_size": 1,
        "routed_scaling_factor": config.routed_scaling_factor,
        "kv_lora_rank": config.kv_lora_rank,
        "q_lora_rank": config.q_lora_rank,
        "qk_rope_head_dim": config.qk_rope_head_dim,
        "v_head_dim": config.v_head_dim,
        "qk_nope_head_dim": config.qk_nope_head_dim,
        "topk_method": "noaux_tc",
        "n_group": config.n_group,
        "topk_group": config.topk_group,
        "num_experts_per_tok": config.num_experts_per_tok,
        "moe_layer_freq": 1,
        "first_k_dense_replace": config.first_k_dense_replace,
        "norm_topk_prob": config.norm_topk_prob,
        "scoring_func": "sigmoid",
        "hidden_act": "silu",
        "max_position_embeddings": config.max_position_embeddings,
        "initializer_range": 0.02,
        "rms_norm_eps": config.rms_norm_eps,
        "use_cache": True,
        "tie_word_embeddings": config.tie_word_embeddings,
        "rope_theta": theta,
        "rope_scaling": rope,
        "rope_interleave": config.rope_interleave,
        "attention_bias": config.attention_bias,
        "attention_dropout": 0.0,
        "bos_token_id": 0,
        "eos_token_id": 1,
        "torch_dtype": "bfloat16",
    }
    if fp8_block:
        document["quantization_config"] = {
            "activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8", "weight_block_size": list(fp8_block)}
    return document


def write_hub_checkpoint(model, kind, folder, tied, fp8_block, hub_config=False, shards=1, mtp=False):
    """Writes the released layout and returns {name: f32 value} of what the files hold (FP8
    dequantized as `fp8 × scale_inv`). The config is transformers' own form, or the published
    form (DeepSeek-V3, `hub_config`)."""
    os.makedirs(folder, exist_ok=True)
    written, values = quantized_files(hub_state(model, tied), fp8_block)
    if mtp:
        written.update(mtp_layer_tensors(model.config, fp8_block))
    save_shards(written, folder, shards)
    if hub_config:
        document = hub_form_deepseek_config(model.config, fp8_block)
    else:
        document = json.loads(model.config.to_json_string())
        if fp8_block:
            document["quantization_config"] = {
                "activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8", "weight_block_size": list(fp8_block)}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(document, f, indent=2)
        f.write("\n")
    generation = ({"bos_token_id": 0, "eos_token_id": 1, "do_sample": True, "temperature": 0.6, "top_p": 0.95}
                  if kind == "deepseek_v3" else
                  {"bos_token_id": 151643, "pad_token_id": 151643, "do_sample": True, "eos_token_id": [151645, 151643],
                   "temperature": 0.6, "top_k": 20, "top_p": 0.95})
    with open(os.path.join(folder, "generation_config.json"), "w") as f:
        json.dump(generation, f, indent=2)
        f.write("\n")
    return values


def reload_hub_values(values, config, scratch):
    """Loads the f32 values of a written checkpoint through transformers' own loader (released
    names → its fused modules) and checks that nothing changed on the way: the reference model.
    FP8 weights arrive dequantized, so the loader never sees FP8 (transformers' CPU path,
    `FineGrainedFP8Config(dequantize=True)`, derives the block from the scale grid and rejects or
    misreads partial edge blocks such as DeepSeek-V3's 576-row kv_a_proj_with_mqa)."""
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    save_file(values, os.path.join(scratch, "model.safetensors"), metadata={"format": "pt"})
    config.save_pretrained(scratch)
    model = AutoModelForCausalLM.from_pretrained(scratch, dtype=torch.float32, attn_implementation="eager").eval()
    again = hub_state(model, config.tie_word_embeddings)
    if set(again) != set(values):
        raise RuntimeError(f"tensor names differ after reload: {sorted(set(again) ^ set(values))[:6]}")
    for name, value in values.items():
        if not torch.equal(again[name], value):
            raise RuntimeError(f"{name} changed through save + reload")
    shutil.rmtree(scratch, ignore_errors=True)
    return model


def check_fp8_against_transformers(folder, block):
    """Dequantizes the written FP8 tensors with transformers' own Fp8Dequantize where its rule
    (block = shape / scale grid) agrees with the declared block size, and requires identical values;
    returns (agreeing tensors, tensors transformers' CPU path cannot read)."""
    from transformers.integrations.finegrained_fp8 import Fp8Dequantize

    tensors = {}
    for name in os.listdir(folder):
        if name.endswith(".safetensors"):
            tensors.update(load_file(os.path.join(folder, name)))
    agreeing, unreadable = 0, []
    for name, codes in tensors.items():
        if codes.dtype != torch.float8_e4m3fn:
            continue
        scale = tensors[name + "_scale_inv"]
        ours = dequantize_fp8(codes, scale, block)
        divides = codes.shape[0] % scale.shape[0] == 0 and codes.shape[1] % scale.shape[1] == 0
        grid = divides and (codes.shape[0] // scale.shape[0], codes.shape[1] // scale.shape[1]) == tuple(block)
        if not grid:
            unreadable.append(name)
            continue
        theirs = Fp8Dequantize._dequantize_one(None, codes, scale, torch.float32)
        if not torch.equal(theirs, ours):
            raise RuntimeError(f"{name}: dequantization differs from transformers'")
        agreeing += 1
    return agreeing, unreadable


# ------------------------------------------------------------------------------------------------
# References


@torch.no_grad()
def greedy_reference(model, prompt, steps=STEPS):
    """Greedy decoding with a KV cache; each step is also recomputed from scratch."""
    ids = torch.tensor([prompt])
    output = model(input_ids=ids, attention_mask=torch.ones_like(ids), use_cache=True)
    cache = output.past_key_values
    logits = output.logits[0, -1].float()
    sequence = list(prompt)
    generated, records, max_difference = [], [], 0.0
    prompt_logits = logits.clone()
    for step in range(steps):
        full_ids = torch.tensor([sequence])
        full = model(input_ids=full_ids, attention_mask=torch.ones_like(full_ids), use_cache=False).logits[0, -1].float()
        max_difference = max(max_difference, (full - logits).abs().max().item())
        top = torch.topk(logits, TOP_K_RECORDED)
        token = int(top.indices[0])
        if int(torch.argmax(full)) != token:
            raise RuntimeError("cached and full recomputation disagree")
        records.append({
            "top_ids": [int(i) for i in top.indices],
            "top_logits": [float(v) for v in top.values],
            "margin": float(top.values[0] - top.values[1]),
        })
        generated.append(token)
        sequence.append(token)
        if step + 1 < steps:
            step_ids = torch.tensor([[token]])
            output = model(
                input_ids=step_ids, attention_mask=torch.ones(1, len(sequence), dtype=torch.long),
                cache=cache, use_cache=True)
            cache = output.past_key_values
            logits = output.logits[0, -1].float()
    sample_ids = list(range(0, prompt_logits.shape[0], LOGIT_SAMPLE_STRIDE))
    return {
        "prompt_ids": list(prompt),
        "greedy_ids": generated,
        "steps": records,
        "min_margin": min(r["margin"] for r in records),
        "cached_vs_full_max_abs_difference": max_difference,
        "prompt_logits_sample": {
            "ids": sample_ids,
            "logits": [float(prompt_logits[i]) for i in sample_ids],
        },
    }


def write_reference(folder, name, seed, reference, extra=None):
    document = {
        "model": name,
        "seed": seed,
        "generator": f"transformers {transformers.__version__}, torch {torch.__version__}, float32, eager attention",
        **(extra or {}),
        **reference,
    }
    with open(os.path.join(folder, "reference.json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


# ------------------------------------------------------------------------------------------------
# Model families


def qwen3_config(hidden, layers, heads, kv_heads, head_dim, ffn, tied, bias=False, window=None):
    """Released Qwen3 checkpoints have no attention biases and no sliding window; variants may
    turn both on (the window then applies from layer 1 on, as `max_window_layers` = 1)."""
    return Qwen3Config(
        vocab_size=151936, hidden_size=hidden, intermediate_size=ffn, num_hidden_layers=layers,
        num_attention_heads=heads, num_key_value_heads=kv_heads, head_dim=head_dim,
        max_position_embeddings=40960, rms_norm_eps=1e-6, tie_word_embeddings=tied,
        rope_parameters={"rope_type": "default", "rope_theta": 1000000.0},
        bos_token_id=151643, eos_token_id=151645, attention_bias=bias,
        use_sliding_window=window is not None, sliding_window=window, max_window_layers=1,
    )


def gpt_oss_config(hidden, layers, heads, kv_heads, head_dim, ffn, experts, top_k, window, tied):
    return GptOssConfig(
        vocab_size=201088, hidden_size=hidden, intermediate_size=ffn, num_hidden_layers=layers,
        num_attention_heads=heads, num_key_value_heads=kv_heads, head_dim=head_dim,
        num_local_experts=experts, num_experts_per_tok=top_k, sliding_window=window,
        max_position_embeddings=131072, rms_norm_eps=1e-5, tie_word_embeddings=tied,
        rope_parameters={
            "rope_type": "yarn", "rope_theta": 150000.0, "factor": 32.0, "beta_fast": 32.0,
            "beta_slow": 1.0, "original_max_position_embeddings": 4096, "truncate": False,
        },
        eos_token_id=200002, pad_token_id=199999,
    )


def qwen3_moe_config(hidden, layers, heads, kv_heads, head_dim, ffn, moe_ffn, experts, top_k, tied, norm_topk=True,
                     sparse_step=1, mlp_only=(), bias=False, window=None):
    """Qwen3-30B-A3B's settings (vocabulary, θ = 1e6, untied, `norm_topk_prob`) at tiny sizes."""
    return Qwen3MoeConfig(
        vocab_size=151936, hidden_size=hidden, intermediate_size=ffn, moe_intermediate_size=moe_ffn,
        num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv_heads, head_dim=head_dim,
        num_experts=experts, num_experts_per_tok=top_k, norm_topk_prob=norm_topk, decoder_sparse_step=sparse_step,
        mlp_only_layers=list(mlp_only), max_position_embeddings=40960, rms_norm_eps=1e-6, tie_word_embeddings=tied,
        rope_parameters={"rope_type": "default", "rope_theta": 1000000.0}, attention_bias=bias,
        use_sliding_window=window is not None, sliding_window=window, bos_token_id=151643, eos_token_id=151645,
    )


def deepseek_v3_config(hidden, layers, heads, q_rank, kv_rank, nope, rope, value, ffn, moe_ffn, experts, top_k, groups,
                       topk_group, shared, first_dense, tied, interleave=True, bias=False, mscale=(1.0, 1.0)):
    """DeepSeek-V3's settings (vocabulary, YaRN factor 40 with mscale, θ = 1e4, 163840 positions,
    routed_scaling_factor 2.5, norm_topk_prob) at tiny sizes."""
    return DeepseekV3Config(
        vocab_size=129280, hidden_size=hidden, intermediate_size=ffn, moe_intermediate_size=moe_ffn,
        num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=heads, n_shared_experts=shared,
        n_routed_experts=experts, routed_scaling_factor=2.5, kv_lora_rank=kv_rank, q_lora_rank=q_rank,
        qk_rope_head_dim=rope, v_head_dim=value, qk_nope_head_dim=nope, n_group=groups, topk_group=topk_group,
        num_experts_per_tok=top_k, first_k_dense_replace=first_dense, norm_topk_prob=True,
        max_position_embeddings=163840, rms_norm_eps=1e-6, tie_word_embeddings=tied, rope_interleave=interleave,
        attention_bias=bias, bos_token_id=0, eos_token_id=1,
        rope_parameters={
            "rope_type": "yarn", "rope_theta": 10000.0, "factor": 40.0, "beta_fast": 32.0, "beta_slow": 1.0,
            "mscale": mscale[0], "mscale_all_dim": mscale[1], "original_max_position_embeddings": 4096,
        },
    )


SPARSE_FAMILIES = {
    "qwen3_moe": (qwen3_moe_config, transformers.Qwen3MoeForCausalLM),
    "deepseek_v3": (deepseek_v3_config, transformers.DeepseekV3ForCausalLM),
}
WRITING_OPTIONS = ("fp8_block", "hub_config", "shards", "mtp")


def build_sparse(kind, folder, name, shapes, seed):
    """One seed of a Qwen3-MoE or DeepSeek-V3 model: written in the released layout, and the
    reference model loaded back from exactly the values the files hold."""
    make_config, model_class = SPARSE_FAMILIES[kind]
    options = {k: shapes[k] for k in WRITING_OPTIONS if k in shapes}
    config = make_config(**{k: v for k, v in shapes.items() if k not in WRITING_OPTIONS})
    config._attn_implementation = "eager"
    config._experts_implementation = "eager"
    model = model_class(config).eval()
    randomize_sparse(model, torch.Generator().manual_seed(seed))
    shutil.rmtree(folder, ignore_errors=True)
    block = tuple(options["fp8_block"]) if options.get("fp8_block") else None
    values = write_hub_checkpoint(
        model, kind, folder, config.tie_word_embeddings, block, hub_config=options.get("hub_config", False),
        shards=options.get("shards", 1), mtp=options.get("mtp", False))
    extra = {}
    if block:
        agreeing, unreadable = check_fp8_against_transformers(folder, block)
        extra["fp8"] = {"block": list(block), "tensors_equal_to_transformers_dequantize": agreeing,
                        "tensors_with_partial_edge_blocks": len(unreadable)}
    return reload_hub_values(values, config, folder + ".reference"), extra


def build(kind, folder, name, shapes, first_seed, prompt, tries=60):
    """Tries seeds from first_seed until every greedy step has a margin ≥ MIN_MARGIN."""
    for seed in range(first_seed, first_seed + tries):
        torch.manual_seed(seed)
        generator = torch.Generator().manual_seed(seed)
        extra = {}
        if kind in SPARSE_FAMILIES:
            reloaded, extra = build_sparse(kind, folder, name, shapes, seed)
        elif kind == "qwen3":
            config = qwen3_config(**shapes)
            config._attn_implementation = "eager"
            model = transformers.Qwen3ForCausalLM(config).eval()
            randomize_qwen3(model, generator)
            shutil.rmtree(folder, ignore_errors=True)
            write_qwen3(model, folder)
        else:
            config = gpt_oss_config(**shapes)
            config._attn_implementation = "eager"
            model = transformers.GptOssForCausalLM(config).eval()
            experts = randomize_gpt_oss(model, generator)
            shutil.rmtree(folder, ignore_errors=True)
            write_gpt_oss(model, experts, folder, shapes["tied"])
        if kind not in SPARSE_FAMILIES:
            reloaded = reload(folder, mxfp4=(kind == "gpt_oss"))
            check_reload(model, reloaded)
        reference = greedy_reference(reloaded, prompt)
        distinct = len(set(reference["greedy_ids"]))
        if reference["min_margin"] >= MIN_MARGIN and distinct >= MIN_DISTINCT:
            write_reference(folder, name, seed, reference, {"shapes": shapes, **extra})
            size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder) if f.endswith(".safetensors"))
            print(f"{name}: seed {seed}, min margin {reference['min_margin']:.3f}, "
                  f"{distinct} distinct ids, {size / 1e6:.1f} MB, cached-vs-full "
                  f"{reference['cached_vs_full_max_abs_difference']:.2e}")
            return reference
        print(f"{name}: seed {seed} rejected (min margin {reference['min_margin']:.3f}, {distinct} distinct ids)",
              file=sys.stderr)
    raise RuntimeError(f"{name}: no seed in {tries} tries gives margins ≥ {MIN_MARGIN}")


def check_reload(written, reloaded):
    """The reloaded f32 parameters must equal what was written (MXFP4 experts included)."""
    saved = dict(written.named_parameters())
    for name, parameter in reloaded.named_parameters():
        if name not in saved:
            raise RuntimeError(f"unexpected parameter {name} after reload")
        difference = (parameter.float() - saved[name].float()).abs().max().item()
        if difference != 0:
            raise RuntimeError(f"{name} changed by {difference} through save + reload")


FIXTURES = {
    "qwen3-tiny": ("qwen3", dict(hidden=32, layers=2, heads=4, kv_heads=2, head_dim=128, ffn=64, tied=True), 1),
    "qwen3-tiny-untied": ("qwen3", dict(hidden=16, layers=3, heads=2, kv_heads=1, head_dim=128, ffn=48, tied=False), 100),
    "gpt-oss-tiny": ("gpt_oss", dict(hidden=32, layers=3, heads=8, kv_heads=2, head_dim=64, ffn=32, experts=8,
                                     top_k=4, window=8, tied=True), 1),
    # Layer 1 is dense (mlp_only_layers), layers 0 and 2 route 3 of 8 experts.
    "qwen3-moe-tiny": ("qwen3_moe", dict(hidden=16, layers=3, heads=4, kv_heads=2, head_dim=32, ffn=48, moe_ffn=16,
                                         experts=8, top_k=3, tied=False, norm_topk=True, mlp_only=[1]), 1),
    # As released: FP8 with 8×16 blocks (partial at the edges of most tensors: hidden 20, kv_a rows
    # 40, per-head kv_b slices at multiples of 28 rows), two shards with an index, the published
    # config form and a multi-token-prediction layer to ignore. Layer 0 is dense; layers 1-2 route
    # 4 of 16 experts in 4 groups (2 groups per token) plus one shared expert.
    "deepseek-v3-tiny-fp8": ("deepseek_v3", dict(hidden=20, layers=3, heads=4, q_rank=24, kv_rank=32, nope=16, rope=8,
                                                 value=12, ffn=40, moe_ffn=12, experts=16, top_k=4, groups=4,
                                                 topk_group=2, shared=1, first_dense=1, tied=False, fp8_block=[8, 16],
                                                 hub_config=True, shards=2, mtp=True), 1),
}


FAMILY_NAMES = {"qwen3": "qwen3", "gpt_oss": "gpt-oss", "qwen3_moe": "qwen3-moe", "deepseek_v3": "deepseek-v3"}


def variant_shapes(kind, rng, index):
    """Random shapes of one family, other than the fixtures'."""
    choice = lambda values: values[int(rng.integers(0, len(values)))]  # noqa: E731
    if kind == "qwen3":
        kv = choice([1, 2])
        shapes = dict(hidden=choice([16, 24, 32]), layers=int(rng.integers(1, 4)),
                      heads=kv * choice([1, 2, 4]), kv_heads=kv, head_dim=choice([32, 64, 128]),
                      ffn=choice([32, 48, 96]), tied=bool(rng.integers(0, 2)))
        if index % 2 == 1:  # every other Qwen3 variant: attention biases and sliding layers
            shapes.update(layers=max(shapes["layers"], 2), bias=True, window=choice([3, 5, 8]))
        return shapes
    if kind == "gpt_oss":
        kv = choice([1, 2])
        return dict(hidden=32, layers=int(rng.integers(2, 5)), heads=kv * choice([2, 4]), kv_heads=kv,
                    head_dim=choice([32, 64]), ffn=choice([32, 64]), experts=choice([4, 8]), top_k=2,
                    window=choice([4, 6, 8]), tied=bool(rng.integers(0, 2)))
    if kind == "qwen3_moe":
        kv = choice([1, 2])
        layers = int(rng.integers(1, 5))
        experts = choice([4, 8, 16])
        shapes = dict(hidden=choice([16, 24, 32]), layers=layers, heads=kv * choice([1, 2, 4]), kv_heads=kv,
                      head_dim=choice([32, 64, 128]), ffn=choice([24, 48]), moe_ffn=choice([8, 16, 32]),
                      experts=experts, top_k=choice([1, 2, 4]), tied=bool(rng.integers(0, 2)),
                      norm_topk=bool(rng.integers(0, 2)), sparse_step=choice([1, 1, 2]),
                      mlp_only=[i for i in range(layers) if rng.random() < 0.25])
        if index % 3 == 1:
            shapes.update(bias=True, window=choice([4, 8]))
        if index % 3 == 2:
            shapes["fp8_block"] = choice([[8, 8], [16, 16], [4, 12]])
        return shapes
    groups = choice([1, 2, 4])
    per_group = choice([2, 4])
    topk_group = int(rng.integers(1, groups + 1))
    layers = int(rng.integers(1, 4))
    shapes = dict(hidden=choice([16, 24, 32]), layers=layers, heads=choice([1, 2, 4]),
                  q_rank=choice([None, 16, 24]), kv_rank=choice([16, 32]), nope=choice([8, 16]), rope=choice([4, 8]),
                  value=choice([8, 12, 16]), ffn=choice([24, 48]), moe_ffn=choice([8, 12, 16]),
                  experts=groups * per_group, top_k=int(rng.integers(1, topk_group * per_group + 1)), groups=groups,
                  topk_group=topk_group, shared=choice([0, 1, 2]), first_dense=int(rng.integers(0, layers + 1)),
                  tied=bool(rng.integers(0, 2)), interleave=bool(rng.integers(0, 4) > 0),
                  bias=bool(rng.integers(0, 4) == 0), mscale=choice([(1.0, 1.0), (0.707, 0.707), (1.0, 0.5)]))
    if index % 2 == 0:
        shapes["fp8_block"] = choice([[8, 16], [16, 16], [4, 8], [12, 20]])
    if index % 4 == 3:
        shapes["hub_config"] = True
    return shapes


def variant_specs(count, base_seed, families):
    """Other shapes and seeds than the fixtures, for cross-checking the command-line tool: the
    families in turn. Both the shapes and the first weight seed of each model follow base_seed."""
    rng = np.random.default_rng(base_seed)
    specs = []
    for index in range(count):
        kind = families[index % len(families)]
        shapes = variant_shapes(kind, rng, index // len(families))
        specs.append((f"variant-{index}-{FAMILY_NAMES[kind]}", kind, shapes, 1000 * base_seed + 37 * index))
    return specs


# ------------------------------------------------------------------------------------------------
# A gpt-oss-architecture model trained (overfit) on a few harmony conversations


TOOLS = [
    {"name": "get_weather", "description": "Gets the current weather for a city.",
     "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
    {"name": "convert_currency", "description": "Converts an amount between currencies.",
     "parameters": {"type": "object", "properties": {
         "amount": {"type": "number"}, "from": {"type": "string"}, "to": {"type": "string"}},
         "required": ["amount", "from", "to"]}},
]

# (name, user message, uses tools, analysis text, final text or (function, JSON arguments))
TRAINING_CONVERSATIONS = [
    ("capital", "What is the capital of France?", False,
     "The user asks for the capital of France. That is Paris.", "The capital of France is Paris."),
    ("arithmetic", "What is 2 + 3?", False,
     "Simple addition: 2 + 3 = 5.", "2 + 3 = 5."),
    ("greeting", "How do I say hello in Spanish?", False,
     "Hello in Spanish is hola.", "You say \"hola\"."),
    ("weather", "What is the weather in Tokyo right now?", True,
     "The user wants the current weather in Tokyo. Call get_weather.", ("get_weather", '{"city":"Tokyo"}')),
    ("currency", "Convert 20 US dollars to euros.", True,
     "Currency conversion: use convert_currency with USD to EUR.",
     ("convert_currency", '{"amount":20,"from":"USD","to":"EUR"}')),
]

TRAINED_SHAPES = dict(hidden=32, layers=4, heads=4, kv_heads=2, head_dim=32, ffn=64, experts=4, top_k=2, window=32,
                      tied=True)


def training_examples():
    from openai_harmony import Message, Role

    encoding = harmony_encoding()
    examples = []
    for name, user, uses_tools, analysis, answer in TRAINING_CONVERSATIONS:
        tools = TOOLS if uses_tools else None
        prompt_conversation = harmony_conversation([("user", user)], tools)
        prompt = list(encoding.render_conversation_for_completion(prompt_conversation, Role.ASSISTANT))
        replies = [Message.from_role_and_content(Role.ASSISTANT, analysis).with_channel("analysis")]
        if isinstance(answer, tuple):
            function, arguments = answer
            replies.append(Message.from_role_and_content(Role.ASSISTANT, arguments).with_channel("commentary")
                           .with_recipient(f"functions.{function}").with_content_type("<|constrain|>json"))
        else:
            replies.append(Message.from_role_and_content(Role.ASSISTANT, answer).with_channel("final"))
        full_conversation = harmony_conversation([("user", user)], tools)
        full_conversation.messages.extend(replies)
        # Keep the analysis message: by default the renderer drops analysis that precedes a final answer.
        from openai_harmony import RenderConversationConfig

        full = list(encoding.render_conversation_for_training(
            full_conversation, RenderConversationConfig(auto_drop_analysis=False)))
        if full[:len(prompt)] != prompt:
            raise RuntimeError(f"{name}: the training rendering does not extend the prompt")
        completion = full[len(prompt):]
        parsed = encoding.parse_messages_from_completion_tokens(completion, Role.ASSISTANT)
        if len(parsed) != 2 or parsed[0].channel != "analysis":
            raise RuntimeError(f"{name}: the completion is not an analysis message and an answer")
        messages = [json.loads(m.to_json()) for m in parsed]
        examples.append({
            "name": name,
            "conversation": json.loads(prompt_conversation.to_json()),
            "prompt_ids": prompt,
            "completion_ids": completion,
            "expected_messages": messages,
        })
    return examples


def completion_margins(model, examples):
    """Teacher-forced: (all argmax right, smallest top-1/top-2 margin at the target positions)."""
    with torch.no_grad():
        worst, correct = float("inf"), True
        for example in examples:
            sequence = example["prompt_ids"] + example["completion_ids"]
            ids = torch.tensor([sequence[:-1]])
            logits = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[0]
            start = len(example["prompt_ids"]) - 1
            for position, target in enumerate(example["completion_ids"]):
                row = logits[start + position]
                top = torch.topk(row, 2)
                if int(top.indices[0]) != target:
                    correct = False
                    worst = min(worst, float(row[target] - top.values[0]))
                else:
                    worst = min(worst, float(top.values[0] - top.values[1]))
        return correct, worst


def train(model, examples, steps, learning_rate, parameters):
    optimizer = torch.optim.AdamW(parameters, lr=learning_rate, weight_decay=0.0)
    length = max(len(e["prompt_ids"]) + len(e["completion_ids"]) for e in examples)
    inputs = torch.zeros(len(examples), length - 1, dtype=torch.long)
    targets = torch.full((len(examples), length - 1), -100, dtype=torch.long)
    for row, example in enumerate(examples):
        sequence = example["prompt_ids"] + example["completion_ids"]
        inputs[row, :len(sequence) - 1] = torch.tensor(sequence[:-1])
        start = len(example["prompt_ids"]) - 1
        targets[row, start:len(sequence) - 1] = torch.tensor(example["completion_ids"])
    selected = targets != -100
    model.train()
    loss = None
    for step in range(steps):
        hidden = model.model(input_ids=inputs).last_hidden_state
        logits = model.lm_head(hidden[selected])
        loss = torch.nn.functional.cross_entropy(logits, targets[selected])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    return float(loss.detach())


def round_to_bf16_(model):
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(bf16_exact(parameter))


def build_trained(folder, seed=0, max_rounds=40):
    """Overfits a tiny gpt-oss on TRAINING_CONVERSATIONS: first everything, then with the experts
    frozen at their MXFP4 values, rounding to bf16 between rounds, until every completion token
    is the argmax with a margin of at least 0.5 (teacher-forced)."""
    examples = training_examples()
    torch.manual_seed(seed)
    config = gpt_oss_config(**TRAINED_SHAPES)
    config._attn_implementation = "eager"
    config._experts_implementation = "eager"
    model = transformers.GptOssForCausalLM(config)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("norm.weight"):
                parameter.fill_(1.0)
            elif "embed_tokens" in name:
                parameter.normal_(0, 0.5)
            elif name.endswith("bias") or name.endswith("sinks"):
                parameter.normal_(0, 0.02)
            else:
                parameter.normal_(0, 1 / math.sqrt(parameter.shape[-2] if "experts" in name else parameter.shape[-1]))
    loss = train(model, examples, 300, 1e-2, list(model.parameters()))
    print(f"trained: loss {loss:.4f} after the first phase", flush=True)
    experts = {}
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("experts.gate_up_proj") or name.endswith("experts.down_proj"):
                blocks, scales, dequantized = mxfp4_quantize(bf16_exact(parameter).transpose(1, 2).contiguous())
                experts[name] = (blocks, scales)
                parameter.copy_(dequantized.transpose(1, 2))
                parameter.requires_grad_(False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    for round_index in range(max_rounds):
        round_to_bf16_(model)
        correct, margin = completion_margins(model, examples)
        print(f"trained: round {round_index}, all tokens right: {correct}, margin {margin:.3f}", flush=True)
        if correct and margin >= 0.5:
            break
        train(model, examples, 50, 3e-3, trainable)
    else:
        raise RuntimeError("the trained model did not converge")
    shutil.rmtree(folder, ignore_errors=True)
    write_gpt_oss(model, experts, folder, tied=True)
    reloaded = reload(folder, mxfp4=True)
    check_reload(model, reloaded)
    stops = {200002, 200012}
    worst = float("inf")
    for example in examples:
        generated, margin = greedy_until_stop(reloaded, example["prompt_ids"], stops, limit=len(example["completion_ids"]) + 8)
        if generated != example["completion_ids"]:
            raise RuntimeError(f"{example['name']}: greedy output differs from the training completion")
        example["min_margin"] = margin
        worst = min(worst, margin)
    with open(os.path.join(folder, "conversations.json"), "w") as f:
        json.dump({
            "model": "gpt-oss-harmony-trained",
            "generator": f"transformers {transformers.__version__}, torch {torch.__version__}, float32, eager attention",
            "stop_token_ids": sorted(stops),
            "tools": TOOLS,
            "conversations": examples,
        }, f, indent=1)
        f.write("\n")
    size = os.path.getsize(os.path.join(folder, "model.safetensors"))
    print(f"gpt-oss-harmony-trained: {len(examples)} conversations reproduced, min margin {worst:.3f}, {size / 1e6:.1f} MB")


@torch.no_grad()
def greedy_until_stop(model, prompt, stops, limit):
    sequence, generated, worst = list(prompt), [], float("inf")
    while len(generated) < limit:
        ids = torch.tensor([sequence])
        logits = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[0, -1]
        top = torch.topk(logits, 2)
        worst = min(worst, float(top.values[0] - top.values[1]))
        token = int(top.indices[0])
        generated.append(token)
        sequence.append(token)
        if token in stops:
            break
    return generated, worst


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(ROOT, "Fixtures", "models"))
    parser.add_argument("--only", action="append", help="build only these fixtures")
    parser.add_argument("--variants", type=int, default=0, help="build N non-fixture models instead")
    parser.add_argument("--families", default="qwen3,gpt_oss,qwen3_moe,deepseek_v3",
                        help="with --variants: the families to take turns among")
    parser.add_argument("--skip-trained", action="store_true", help="do not train the harmony model")
    parser.add_argument("--variant-seed", type=int, default=7)
    parser.add_argument("--qwen3-tokenizer", help="a Qwen3 tokenizer.json to re-check the prompt ids with")
    parser.add_argument("--deepseek-tokenizer", help="a DeepSeek-V3 tokenizer.json to re-check the prompt ids with")
    args = parser.parse_args()
    if transformers.__version__ != PINNED_TRANSFORMERS or not torch.__version__.startswith(PINNED_TORCH):
        sys.exit(f"needs transformers {PINNED_TRANSFORMERS} and torch {PINNED_TORCH}, "
                 f"found {transformers.__version__} and {torch.__version__}")
    # One thread: these models are tiny, and more threads mostly wait on each other (training
    # the harmony model ran 3.5x slower with two threads on a busy two-core machine).
    torch.set_num_threads(1)
    qwen3_prompt = qwen3_prompt_ids(args.qwen3_tokenizer)
    prompts = {"qwen3": qwen3_prompt, "qwen3_moe": qwen3_prompt, "gpt_oss": harmony_prompt_ids(),
               "deepseek_v3": deepseek_prompt_ids(args.deepseek_tokenizer)}
    if args.variants:
        families = args.families.split(",")
        if unknown := set(families) - set(FAMILY_NAMES):
            sys.exit(f"unknown families {sorted(unknown)} (known: {', '.join(FAMILY_NAMES)})")
        for name, kind, shapes, seed in variant_specs(args.variants, args.variant_seed, families):
            build(kind, os.path.join(args.out, name), name, shapes, seed, prompts[kind])
        return
    for name, (kind, shapes, seed) in FIXTURES.items():
        if args.only and name not in args.only:
            continue
        build(kind, os.path.join(args.out, name), name, shapes, seed, prompts[kind])
    if not args.skip_trained and (not args.only or "gpt-oss-harmony-trained" in args.only):
        build_trained(os.path.join(args.out, "gpt-oss-harmony-trained"))


if __name__ == "__main__":
    main()
