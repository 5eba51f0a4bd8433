#!/usr/bin/env python3
"""Builds the tiny transformer checkpoints and f32 references the runtime tests compare against.

Reference implementation: transformers 5.24.0 with torch 2.15.0, eager attention, float32. Make a
venv with `shared/oracle/setup.sh VENV --with-torch`, `source VENV/env.sh`, then from the package
root:

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
"""

import argparse
import json
import math
import os
import shutil
import sys

import numpy as np
import torch
from safetensors.torch import save_file

import transformers
from transformers import AutoModelForCausalLM, GptOssConfig, Mxfp4Config, Qwen3Config

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
            if parameter.ndim == 1:  # RMSNorm weights
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


def qwen3_config(hidden, layers, heads, kv_heads, head_dim, ffn, tied):
    return Qwen3Config(
        vocab_size=151936, hidden_size=hidden, intermediate_size=ffn, num_hidden_layers=layers,
        num_attention_heads=heads, num_key_value_heads=kv_heads, head_dim=head_dim,
        max_position_embeddings=40960, rms_norm_eps=1e-6, tie_word_embeddings=tied,
        rope_parameters={"rope_type": "default", "rope_theta": 1000000.0},
        bos_token_id=151643, eos_token_id=151645, attention_bias=False,
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


def build(kind, folder, name, shapes, first_seed, prompt, tries=60):
    """Tries seeds from first_seed until every greedy step has a margin ≥ MIN_MARGIN."""
    for seed in range(first_seed, first_seed + tries):
        torch.manual_seed(seed)
        generator = torch.Generator().manual_seed(seed)
        if kind == "qwen3":
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
        reloaded = reload(folder, mxfp4=(kind == "gpt_oss"))
        check_reload(model, reloaded)
        reference = greedy_reference(reloaded, prompt)
        distinct = len(set(reference["greedy_ids"]))
        if reference["min_margin"] >= MIN_MARGIN and distinct >= MIN_DISTINCT:
            write_reference(folder, name, seed, reference, {"shapes": shapes})
            size = os.path.getsize(os.path.join(folder, "model.safetensors"))
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
}


def variant_specs(count, base_seed):
    """Other shapes and seeds than the fixtures, for cross-checking the command-line tool."""
    rng = np.random.default_rng(base_seed)
    specs = []
    for index in range(count):
        if index % 2 == 0:
            kv = int(rng.choice([1, 2]))
            shapes = dict(hidden=int(rng.choice([16, 24, 32])), layers=int(rng.integers(1, 4)),
                          heads=kv * int(rng.choice([1, 2, 4])), kv_heads=kv, head_dim=int(rng.choice([32, 64, 128])),
                          ffn=int(rng.choice([32, 48, 96])), tied=bool(rng.integers(0, 2)))
            specs.append((f"variant-{index}-qwen3", "qwen3", shapes, 1000 + 37 * index))
        else:
            kv = int(rng.choice([1, 2]))
            shapes = dict(hidden=32, layers=int(rng.integers(2, 5)), heads=kv * int(rng.choice([2, 4])), kv_heads=kv,
                          head_dim=int(rng.choice([32, 64])), ffn=int(rng.choice([32, 64])),
                          experts=int(rng.choice([4, 8])), top_k=2, window=int(rng.choice([4, 6, 8])),
                          tied=bool(rng.integers(0, 2)))
            specs.append((f"variant-{index}-gpt-oss", "gpt_oss", shapes, 1000 + 37 * index))
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
    parser.add_argument("--skip-trained", action="store_true", help="do not train the harmony model")
    parser.add_argument("--variant-seed", type=int, default=7)
    parser.add_argument("--qwen3-tokenizer", help="a Qwen3 tokenizer.json to re-check the prompt ids with")
    args = parser.parse_args()
    if transformers.__version__ != PINNED_TRANSFORMERS or not torch.__version__.startswith(PINNED_TORCH):
        sys.exit(f"needs transformers {PINNED_TRANSFORMERS} and torch {PINNED_TORCH}, "
                 f"found {transformers.__version__} and {torch.__version__}")
    # One thread: these models are tiny, and more threads mostly wait on each other (training
    # the harmony model ran 3.5x slower with two threads on a busy two-core machine).
    torch.set_num_threads(1)
    prompts = {"qwen3": qwen3_prompt_ids(args.qwen3_tokenizer), "gpt_oss": harmony_prompt_ids()}
    if args.variants:
        for name, kind, shapes, seed in variant_specs(args.variants, args.variant_seed):
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
