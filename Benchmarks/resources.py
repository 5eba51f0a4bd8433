#!/usr/bin/env python3
"""Peak memory and time of `tok` on large and adversarial inputs, and how harmony parsing grows
with the length of a message. Prints a table; asserts nothing (speed and memory are measured, not
tested).

Usage:
    swift build -c release
    python3 Benchmarks/resources.py --tok .build/release/tok [--quick]
"""
import argparse
import os
import random
import subprocess
import tempfile
import time


def run(command, stdin_path=None):
    """Runs `command` under GNU time; returns (seconds, peak RSS of that process in MB, stdout bytes,
    exit status). Output goes to a file, so a large output does not grow this process."""
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile(mode="r") as stats, \
            (open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb")) as stdin:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-o", stats.name, "-f", "%M"] + command, stdin=stdin, stdout=out, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        peak_kb = int(stats.read().strip().splitlines()[-1])
        return seconds, peak_kb / 1024, out.tell(), done.returncode


def write(path, unit, megabytes):
    block = (unit * (1 << 20))[: 1 << 20].encode("utf-8")
    with open(path, "wb") as f:
        for _ in range(megabytes):
            f.write(block)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tok", default=".build/release/tok")
    ap.add_argument("--quick", action="store_true", help="smaller inputs")
    a = ap.parse_args()
    scale = 4 if a.quick else 1
    tmp = tempfile.mkdtemp()
    inputs = [
        ("10 MB of CJK", "中文字符测试日本語のテキスト", 10 // scale, "o200k_harmony"),
        ("25 MB of one letter", "a", 25 // scale, "o200k_harmony"),
        ("50 MB without spaces", "abcdefghij0123456789", 50 // scale, "o200k_harmony"),
        ("100 MB of one letter", "a", 100 // scale, "o200k_harmony"),
        ("25 MB of one letter (qwen3)", "a", 25 // scale, "qwen3"),
    ]
    print("| input | command | seconds | peak RSS (MB) | bytes per input byte |")
    print("|---|---|---|---|---|")
    for label, unit, megabytes, encoding in inputs:
        path = os.path.join(tmp, "input.txt")
        write(path, unit, megabytes)
        for command in (["count"], ["encode", "--format", "ids"]):
            seconds, peak, _, status = run([a.tok] + command + ["--encoding", encoding, "--file", path])
            print(f"| {label} | tok {' '.join(command)} | {seconds:.2f} | {peak:.0f} | {peak * (1 << 20) / (megabytes << 20):.1f} |"
                  + ("" if status == 0 else f" exit {status}"))
    print()
    print("| harmony message of N random ids | command | seconds | output MB |")
    print("|---|---|---|---|")
    rng = random.Random(5)
    for n in (5_000, 10_000, 20_000, 40_000):
        ids = ["200006", "173781", "200005", "17196", "200008"] + [str(rng.randrange(0, 199_998)) for _ in range(n)] + ["200002"]
        path = os.path.join(tmp, "ids.txt")
        with open(path, "w") as f:
            f.write(" ".join(ids))
        for command in (["harmony", "parse"], ["harmony", "stream"]):
            seconds, _, out, status = run([a.tok] + command + ["--non-strict", "--file", path])
            print(f"| {n} | tok {' '.join(command)} | {seconds:.2f} | {out / 1e6:.1f} |" + ("" if status == 0 else f" exit {status}"))


if __name__ == "__main__":
    main()
