#!/usr/bin/env python3
"""Runs `tok generate` on every model folder under --models that has a reference.json (made by
make_runtime_fixtures.py) and checks that its greedy ids equal transformers' ids.

    python Fixtures/scripts/make_runtime_fixtures.py --variants 6 --out /tmp/variants
    python Fixtures/scripts/check_generate_cli.py --tok .build/debug/tok --models /tmp/variants
"""

import argparse
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tok", required=True, help="the built tok executable")
    parser.add_argument("--models", required=True, help="a folder of model folders")
    args = parser.parse_args()
    folders = sorted(
        os.path.join(args.models, name) for name in os.listdir(args.models)
        if os.path.exists(os.path.join(args.models, name, "reference.json")))
    if not folders:
        sys.exit(f"no model folder with a reference.json under {args.models}")
    failures = 0
    for folder in folders:
        with open(os.path.join(folder, "reference.json")) as f:
            reference = json.load(f)
        expected = reference["greedy_ids"]
        command = [
            args.tok, "generate", "--model", folder,
            "--prompt-ids", " ".join(map(str, reference["prompt_ids"])),
            "--max-new-tokens", str(len(expected)), "--temperature", "0", "--ignore-stop", "--format", "ids",
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        got = [int(word) for word in result.stdout.split()] if result.returncode == 0 else None
        status = "ok" if got == expected else "MISMATCH"
        failures += got != expected
        shapes = reference.get("shapes", {})
        print(f"{status:8} {os.path.basename(folder)} seed {reference['seed']} {shapes} "
              f"min margin {reference['min_margin']:.3f}")
        if got != expected:
            print(f"  expected {expected}\n  got      {got}\n  {result.stderr.strip()}")
    print(f"{len(folders) - failures}/{len(folders)} models reproduce transformers' greedy ids")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
