#!/usr/bin/env python3
"""Two or more builds of `tok` side by side in one run, on peers.py's chunks and regimes, with the
pinned reference timed in the same run for the hash and the ratio.

    source /tmp/tok-oracle/env.sh   # the venv made by ../shared/oracle/setup.sh
    git worktree add /tmp/before COMMIT && (cd /tmp/before && swift build -c release --product tok)
    taskset -c 1 python Benchmarks/compare_builds.py --build before=/tmp/before/.build/release/tok \
        --build after=.build/release/tok --regimes cold,repeat ../shared/corpus/*.txt

Chunking, regimes and the FNV-1a 64 hash are peers.py's own (imported from --peers). For each
(regime, encoding, file) every build runs --rounds times, the builds interleaved so that a change in
the machine's load hits them alike, and the fastest round is reported: in the cold regime every round
is a fresh process, so the fastest cold round is still a first pass after loading. A build whose
`tok bench` lacks `--warmup` is skipped in the unseen regime (reported as such).
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_peers(path):
    spec = importlib.util.spec_from_file_location("peers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tok_bench(binary, encoding, chunk_bytes, repeat, warm, timed):
    cmd = [binary, "bench", "--encoding", encoding, "--chunk-bytes", str(chunk_bytes), "--repeat", str(repeat)]
    cmd += (["--warmup", warm] if warm else []) + [timed]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--build", action="append", required=True, metavar="NAME=PATH",
                        help="a tok binary to compare (repeat the option; the first is the baseline)")
    parser.add_argument("--regimes", default="cold,unseen,repeat")
    parser.add_argument("--encodings", default="o200k_harmony,qwen3")
    parser.add_argument("--repeat", type=int, default=5, help="passes in the repeat regime (peers.py's --repeat)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs of each build per cell")
    parser.add_argument("--chunk-bytes", type=int, default=100_000)
    parser.add_argument("--peers", default=str(ROOT.parent / "shared" / "bench" / "peers.py"))
    parser.add_argument("--qwen-tokenizer", default=str(ROOT / "Vocab" / "HuggingFace" / "huggingface" / "qwen3" / "tokenizer.json"))
    args = parser.parse_args()

    peers = load_peers(args.peers)
    builds = []
    for spec in args.build:
        name, _, path = spec.partition("=")
        if not path:
            parser.error(f"--build {spec!r}: expected NAME=PATH")
        builds.append((name, path))
    tmp = tempfile.mkdtemp(prefix="compare-builds-")
    names = [name for name, _ in builds]
    print(f"{'regime':7s} {'encoding':14s} {'file':18s} {'reference':>10s} " + " ".join(f"{n:>10s}" for n in names)
          + f" {'ratio':>7s}  exact")
    for regime in args.regimes.split(","):
        for encoding in args.encodings.split(","):
            reference_name, make_reference = peers.peers_for(encoding, args.qwen_tokenizer)[0]
            for path in args.files:
                warm, timed = peers.halves(path, tmp) if regime == "unseen" else (None, path)
                chunks = peers.chunk_text(open(timed, encoding="utf-8").read(), args.chunk_bytes)
                nbytes = sum(len(c.encode("utf-8")) for c in chunks)
                encode = make_reference()
                if warm:
                    for chunk in peers.chunk_text(open(warm, encoding="utf-8").read(), args.chunk_bytes):
                        encode(chunk)
                seconds, ids = peers.bench_py(encode, chunks, args.repeat if regime == "repeat" else 1)
                del encode
                reference_hash = peers.fnv1a64_ids(ids)
                best = {name: None for name in names}
                exact = {name: True for name in names}
                notes = []
                for _ in range(args.rounds):
                    for name, binary in builds:
                        if best[name] == "skipped":
                            continue
                        try:
                            row = tok_bench(binary, encoding, args.chunk_bytes, args.repeat if regime == "repeat" else 1, warm, timed)
                        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
                            best[name] = "skipped"
                            notes.append(f"{name}: {error}")
                            continue
                        exact[name] &= row["fnv1a64"] == reference_hash
                        speed = float(row["mb_per_s"])
                        best[name] = speed if best[name] is None else max(best[name], speed)
                cells = [f"{best[n]:10.2f}" if isinstance(best[n], float) else f"{'–':>10s}" for n in names]
                first, last = best[names[0]], best[names[-1]]
                ratio = f"{last / first:6.2f}x" if isinstance(first, float) and isinstance(last, float) else f"{'–':>7s}"
                print(f"{regime:7s} {encoding:14s} {os.path.basename(path):18s} {nbytes / seconds / 1e6:10.2f} "
                      + " ".join(cells) + f" {ratio}  " + " ".join(f"{n}={exact[n]}" for n in names if isinstance(best[n], float))
                      + ("  # " + "; ".join(notes) if notes else ""), flush=True)
    print(f"# reference: tiktoken 0.14.0 for OpenAI encodings, tokenizers for qwen3; ratio = {names[-1]} / {names[0]}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
