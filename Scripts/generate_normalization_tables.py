#!/usr/bin/env python3
"""Writes Sources/TextNormalization/ReferenceNormalizationTables.swift: what tokenizers 0.23.3's
normalizers (NFC, NFD, NFKC, NFKD) do differently from a modern Unicode normalization.

tokenizers normalizes with Unicode-9-era data: marks and compositions added since then are inert
there (canonical class 0, no decomposition, no composition). This script scans
`tokenizers.normalizers.<FORM>().normalize_str` over every code point in several contexts (alone,
after "a", before U+0301, between "a" and U+0301, after "a\\u0301", and every composition pair of
Unicode 16.0), compares with `unicodedata2==16.0.0`, and records per form:

- `exceptions`: code points tokenizers treats as inert where Unicode 16.0 does not (checked to be
  inert in tokenizers in every context), and
- `sensitive`: code points that may change, or make their neighbours change, under the form in
  Unicode 16.0 (non-zero canonical class, quick check not "yes", or combining backwards), plus the
  exceptions. Text between two insensitive code points can be normalized on its own.

Usage (in the venv made by ../shared/oracle/setup.sh):
    python Scripts/generate_normalization_tables.py
"""
import os
import sys

import tokenizers
import unicodedata2 as ud
from tokenizers import normalizers

assert tokenizers.__version__ == "0.23.3", tokenizers.__version__
assert ud.unidata_version == "16.0.0", ud.unidata_version

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "TextNormalization", "ReferenceNormalizationTables.swift")
FORMS = ["NFC", "NFD", "NFKC", "NFKD"]
CODEPOINTS = [cp for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]


def composition_pairs():
    pairs = []
    for cp in CODEPOINTS:
        d = ud.decomposition(chr(cp))
        if not d or d.startswith("<"):
            continue
        parts = [int(x, 16) for x in d.split()]
        if len(parts) == 2 and ud.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(cp):
            pairs.append((parts[0], parts[1]))
    return pairs


PAIRS = composition_pairs()
SECONDS = {b for _, b in PAIRS} | set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))


def contexts(cp):
    c = chr(cp)
    return [c, "a" + c, c + "\u0301", "a" + c + "\u0301", "a\u0301" + c, c + "\u0308\u0323"]


def differing(form):
    """Code points where tokenizers and Unicode 16.0 disagree in some context. For a composition
    pair that tokenizers does not compose, the elements not seen composing in another pair (those
    unknown to tokenizers' data) are the ones recorded."""
    ref = getattr(normalizers, form)()
    bad = set()
    bad_pairs = set()
    batch, owners = [], []

    def flush():
        # "\n" is an inert starter: normalizing the joined text normalizes each item alone.
        joined = "\n".join(batch)
        if ref.normalize_str(joined) != ud.normalize(form, joined):
            for owner, text in zip(owners, batch):
                if ref.normalize_str(text) != ud.normalize(form, text):
                    (bad if len(owner) == 1 else bad_pairs).add(owner if len(owner) == 2 else owner[0])
        batch.clear(); owners.clear()

    for cp in CODEPOINTS:
        if cp == 0x0A:
            continue
        for text in contexts(cp):
            batch.append(text); owners.append((cp,))
        if len(batch) >= 3000:
            flush()
    for a, b in PAIRS:
        batch.append(chr(a) + chr(b)); owners.append((a, b))
        batch.append("a" + chr(a) + chr(b) + "\u0301"); owners.append((a, b))
        if len(batch) >= 3000:
            flush()
    flush()
    good_pairs = [p for p in PAIRS if p not in bad_pairs]
    known_first = {a for a, _ in good_pairs}
    known_second = {b for _, b in good_pairs}
    for a, b in bad_pairs:
        if a not in known_first:
            bad.add(a)
        if b not in known_second:
            bad.add(b)
    return bad


def check_inert(form, cps):
    ref = getattr(normalizers, form)()
    for cp in cps:
        for text in [chr(cp), "a" + chr(cp) + "\u0301", "\u0301" + chr(cp) + "\u0327"]:
            want = ud.normalize(form, text.split(chr(cp))[0]) + chr(cp) + ud.normalize(form, text.split(chr(cp))[1])
            got = ref.normalize_str(text)
            if got != want:
                sys.exit(f"{form}: U+{cp:04X} is not inert in tokenizers: {text!r} -> {got!r}, expected {want!r}")


def sensitive(form, exceptions):
    out = set(exceptions)
    composes = form in ("NFC", "NFKC")
    for cp in CODEPOINTS:
        c = chr(cp)
        if ud.combining(c) != 0 or ud.normalize(form, c) != c or (composes and cp in SECONDS):
            out.add(cp)
    # Hangul syllables decompose algorithmically; the jamo combine.
    if form in ("NFD", "NFKD"):
        out.update(range(0xAC00, 0xD7A4))
    out.update(range(0x1161, 0x1176)); out.update(range(0x11A8, 0x11C3))
    return sorted(out)


def ranges(cps):
    out, start, prev = [], None, None
    for cp in cps:
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            out.append((start, prev)); start = prev = cp
    if start is not None:
        out.append((start, prev))
    return out


def swift_ranges(rs):
    items = [f"0x{a:X}...0x{b:X}" for a, b in rs]
    lines, line = [], "        "
    for item in items:
        if len(line) + len(item) + 2 > 110:
            lines.append(line.rstrip()); line = "        "
        line += item + ", "
    lines.append(line.rstrip())
    return "\n".join(lines)


def main():
    parts = []
    for form in FORMS:
        exceptions = sorted(differing(form))
        check_inert(form, exceptions)
        sens = sensitive(form, exceptions)
        print(f"{form}: {len(exceptions)} exceptions, {len(sens)} sensitive code points", file=sys.stderr)
        name = form.lower()
        parts.append(f"    /// {form}: code points tokenizers treats as inert ({len(exceptions)}).\n"
                     f"    static let {name}Exceptions: [ClosedRange<UInt32>] = [\n{swift_ranges(ranges(exceptions))}\n    ]\n")
        parts.append(f"    /// {form}: code points that may change or change their neighbours ({len(sens)}).\n"
                     f"    static let {name}Sensitive: [ClosedRange<UInt32>] = [\n{swift_ranges(ranges(sens))}\n    ]\n")
    with open(OUT, "w") as f:
        f.write("// Generated by Scripts/generate_normalization_tables.py from tokenizers 0.23.3 and\n"
                "// unicodedata2 16.0.0. Do not edit.\n\n"
                "/// Where tokenizers 0.23.3's normalizers differ from modern Unicode data, per form.\n"
                "enum ReferenceNormalizationTables {\n" + "\n".join(parts) + "}\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
