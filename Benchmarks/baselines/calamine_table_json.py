#!/usr/bin/env python3
"""Baseline for `parindex inspect --table --json`: python-calamine reads the first sheet,
finds the header row (the first row with an STT cell and at least two other known header
words: tiêu chí, điểm, chủ trì …, compared case- and accent-insensitively), then dumps
every row below it as one JSON object per line keyed by the header texts (empty cells
omitted). Writes the JSON to stdout; a summary line to stderr.

    python3 calamine_table_json.py BOOK.xlsx > rows.json
"""
import json
import sys
import time
import unicodedata

from python_calamine import CalamineWorkbook

WORDS = ("tieu chi", "linh vuc", "diem", "chu tri", "phoi hop", "muc tieu", "kiem chung",
         "nhiem vu", "thoi gian", "ghi chu")


def fold(text):
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def is_header(row):
    keys = [fold(v) for v in row if v != "" and v is not None]
    if "stt" not in keys:
        return False
    return sum(1 for k in keys if any(w in k for w in WORDS)) >= 2


def main():
    path = sys.argv[1]
    start = time.perf_counter()
    wb = CalamineWorkbook.from_path(path)
    rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
    header = next((i for i, row in enumerate(rows) if is_header(row)), None)
    if header is None:
        print("no header row", file=sys.stderr)
        sys.exit(1)
    names = [str(v).strip() for v in rows[header]]
    out = sys.stdout
    out.write('{"headerRow":%d,"rows":[' % (header + 1))
    first = True
    for row in rows[header + 1:]:
        obj = {names[i]: (v.isoformat() if hasattr(v, "isoformat") else v)
               for i, v in enumerate(row) if v != "" and v is not None and i < len(names)}
        if not obj:
            continue
        out.write(("\n" if first else ",\n") + json.dumps(obj, ensure_ascii=False))
        first = False
    out.write("]}\n")
    print(json.dumps({"rows": len(rows) - header - 1, "seconds": time.perf_counter() - start}), file=sys.stderr)


if __name__ == "__main__":
    main()
