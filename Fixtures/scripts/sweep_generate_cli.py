#!/usr/bin/env python3
"""Builds models of new shapes and seeds (not the committed fixtures) and checks that `tok generate`
reproduces transformers' greedy ids on every one of them: make_runtime_fixtures.py --variants,
then check_generate_cli.py. By default it sweeps the sparse families, Qwen3-MoE and DeepSeek-V3
(FP8 with several block sizes, hub-form configs, optional q LoRA, shared experts, groups).

    swift build --product tok
    python Fixtures/scripts/sweep_generate_cli.py --tok .build/debug/tok --count 16 --seed 11

Run it in the fixture generator's virtual environment (transformers 5.24.0, torch 2.15.0). Each
model is a few MB (the real vocabulary sizes); --out keeps them for a rerun with --check-only.
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# openai-harmony (which renders the gpt-oss prompt) reads o200k_base.tiktoken from here, offline.
BUNDLED_TIKTOKEN = os.path.join(HERE, "..", "..", "Vocab", "Tiktoken", "tiktoken")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tok", required=True, help="the built tok executable")
    parser.add_argument("--families", default="qwen3_moe,deepseek_v3", help="families to take turns among")
    parser.add_argument("--count", type=int, default=16, help="how many models")
    parser.add_argument("--seed", type=int, default=11, help="the sweep's seed (shapes and weights)")
    parser.add_argument("--out", help="where the models go (default: /tmp/tok-sweep-SEED)")
    parser.add_argument("--check-only", action="store_true", help="check models already under --out")
    args = parser.parse_args()
    out = args.out or f"/tmp/tok-sweep-{args.seed}"
    if not args.check_only:
        os.makedirs(out, exist_ok=True)
        environment = {"TIKTOKEN_ENCODINGS_BASE": os.path.abspath(BUNDLED_TIKTOKEN), **os.environ}
        subprocess.run([
            sys.executable, os.path.join(HERE, "make_runtime_fixtures.py"), "--variants", str(args.count),
            "--families", args.families, "--variant-seed", str(args.seed), "--out", out,
        ], check=True, env=environment)
    result = subprocess.run([sys.executable, os.path.join(HERE, "check_generate_cli.py"), "--tok", args.tok, "--models", out])
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
