#!/usr/bin/env python3
"""Peer framework variant for the benchmarks: the criteria of
Examples/frameworks/tu-danh-gia-huyen-2023.yaml (86 criteria, 67 leaves), with N communes
(UBND xã) as the units, every one of them leading every leaf criterion — the realistic
"peers" case: each commune self-assesses on the WHOLE framework, so `parindex template
--all` writes N whole-framework templates and `consolidate` ranks the communes.

The lead list is written once as a YAML anchor (`lead: &xa [...]`) and referenced by an
alias on the other leaves, so the file stays O(N), not O(N x criteria).

    python3 make_framework.py N OUT.yaml
"""
import re
import sys

SRC = "Examples/frameworks/tu-danh-gia-huyen-2023.yaml"


def commune(i):
    return f"X{i:05d}", f"UBND xã Số {i}"


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    text = open(SRC, encoding="utf-8").read()
    head, crit = text.split("\ncriteria:\n", 1)
    head = head.split("\nunits:\n", 1)[0]
    head = head.replace("cấp huyện năm 2023", f"cấp xã năm 2023 (benchmark, {n} xã)", 1)
    units = "\n".join(f"- code: {c}\n  name: {name}" for c, name in (commune(i) for i in range(1, n + 1)))
    codes = ", ".join(commune(i)[0] for i in range(1, n + 1))
    first = [True]

    def lead(m):
        if first[0]:
            first[0] = False
            return f"{m.group(1)}lead: &xa [{codes}]"
        return f"{m.group(1)}lead: *xa"

    crit = re.sub(r"^(\s*)lead: \[[^\]]*\]", lead, crit, flags=re.M)
    with open(out, "w", encoding="utf-8") as f:
        f.write(head + "\nunits:\n" + units + "\ncriteria:\n" + crit)


if __name__ == "__main__":
    main()
