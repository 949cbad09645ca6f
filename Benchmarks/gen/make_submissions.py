#!/usr/bin/env python3
"""Deterministic generator of N filled self-assessment submissions for the benchmarks.

Framework: a peer variant of Examples/frameworks/tu-danh-gia-huyen-2023.yaml made by
make_framework.py (N communes X00001…, each leading every leaf criterion). The script
asks the built `parindex` for ONE real template (unit X00001), reads it once with
openpyxl (main sheet `Biểu mẫu`, sheet `Hướng dẫn`, hidden identity sheet `_parindex`),
then writes every commune's filled workbook with xlsxwriter the way Excel saves it
(shared strings, styles, protected sheet, open input cells): the template's given cells
unchanged, the commune's name in the heading, its identity (unit code and name) on the
very hidden `_parindex` sheet, and the unit's answers typed in the open cells:

- self score: a real number, or (~35 %) text with a decimal comma as clerks type it
  ("0,5", "1,25");
- evidence: Vietnamese references ("Kế hoạch số 12/KH-UBND ngày 05/01/2023 …");
- note: on ~20 % of rows.

About 5 % of the files carry 1–3 errors: a score above điểm chuẩn, text that is not a
number ("đạt", "khá", "x"), an empty evidence cell (required). The list of seeded
errors is written to errors.tsv beside the files.

Left out on purpose: the hidden `Danh sách đơn vị` sheet the template writes (all N unit
names and codes, O(N) per file, so O(N²) for the set); validation never reads that
sheet (its strings would still be in each file's shared-string table): see RESULTS.md.

Seeded (random.Random(seed * 1_000_003 + i) per file), parallel (multiprocessing), and
byte-stable for a given parindex build: xlsxwriter gets fixed document dates.

    python3 make_submissions.py --parindex BIN --framework F.yaml --n N --out DIR [--seed 2023] [--jobs 2]
                                [--units U] [--count K]

--units U: the framework has U communes (U < N); file i is commune ((i-1) mod U) + 1
(data set "fixed framework": the framework's size does not grow with N).
--count K: only the first K of the N files (data set "sample" for very large N).
"""
import argparse
import datetime
import multiprocessing as mp
import os
import random
import subprocess
import sys
import tempfile

import openpyxl
import xlsxwriter

MAIN = "Biểu mẫu"
GUIDE = "Hướng dẫn"
IDENT = "_parindex"
HEADER_ROW = 7            # TemplateBuilder.headerRow
FIXED_DATE = datetime.datetime(2023, 11, 20, 8, 0, 0)

DOCS = [
    ("Kế hoạch", "KH-UBND"), ("Báo cáo", "BC-UBND"), ("Quyết định", "QĐ-UBND"),
    ("Thông báo", "TB-UBND"), ("Công văn", "UBND-VP"), ("Biên bản", "BB-UBND"),
]
ABOUT = [
    "về cải cách hành chính năm 2023", "kết quả kiểm soát thủ tục hành chính",
    "triển khai chuyển đổi số năm 2023", "tuyên truyền cải cách hành chính",
    "rà soát, đơn giản hóa thủ tục hành chính", "đánh giá, xếp loại cán bộ, công chức",
    "kiểm tra công tác cải cách hành chính", "thực hiện cơ chế một cửa, một cửa liên thông",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "quản lý, sử dụng tài sản công",
]
NOTES = [
    "Đạt 100% kế hoạch", "Báo cáo gửi chậm 01 ngày", "Tỷ lệ hồ sơ trực tuyến còn thấp",
    "Chưa có văn bản xử lý riêng", "Lồng ghép với kiểm tra CCHC", "Đạt 92% kế hoạch",
    "Một số hồ sơ còn thiếu trường dữ liệu", "Có 01 sáng kiến được công nhận",
]
NOT_NUMBERS = ["đạt", "khá", "x", "Đạt yêu cầu", "tốt"]


def read_template(path):
    """The template's cells: {sheet: [(row, col, value, kind)]}, input rows, columns."""
    wb = openpyxl.load_workbook(path)
    ws = wb[MAIN]
    header = {}
    for cell in ws[HEADER_ROW]:
        if cell.value is not None:
            header[str(cell.value)] = cell.column - 1
    col = {"code": header["STT"], "max": header["Điểm chuẩn"], "self": header["Điểm tự đánh giá"],
           "evidence": header["Tài liệu kiểm chứng"], "note": header["Ghi chú"]}
    main_cells, rows = [], []
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for c in row:
            if c.value is not None:
                main_cells.append((c.row - 1, c.column - 1, c.value, bool(c.font and c.font.b)))
        r = row[0].row
        if r > HEADER_ROW and ws.cell(r, col["code"] + 1).value is not None:
            self_cell = ws.cell(r, col["self"] + 1)
            maxv = ws.cell(r, col["max"] + 1).value
            rows.append((r - 1, not self_cell.protection.locked, float(maxv) if maxv is not None else None))
    merges = [str(m) for m in ws.merged_cells.ranges]
    widths = {}
    for letter, dim in ws.column_dimensions.items():
        if dim.width:
            widths[openpyxl.utils.column_index_from_string(letter) - 1] = dim.width
    guide = [(c.row - 1, c.column - 1, c.value) for row in wb[GUIDE].iter_rows() for c in row if c.value is not None]
    ident = {wb[IDENT].cell(r, 1).value: wb[IDENT].cell(r, 2).value for r in range(1, wb[IDENT].max_row + 1)}
    unit_name = ident["unitName"]
    return dict(main=main_cells, rows=rows, col=col, merges=merges, widths=widths, guide=guide,
                ident=ident, unit_name=unit_name, max_row=ws.max_row)


def commune(i):
    return f"X{i:05d}", f"UBND xã Số {i}"


def score_text(x):
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


def evidence(rng, name):
    kind, sign = rng.choice(DOCS)
    n = rng.randint(1, 320)
    d, m = rng.randint(1, 28), rng.randint(1, 12)
    text = f"{kind} số {n}/{sign} ngày {d:02d}/{m:02d}/2023 của {name} {rng.choice(ABOUT)}"
    if rng.random() < 0.3:
        kind2, sign2 = rng.choice(DOCS)
        text += f"; {kind2} số {rng.randint(1, 320)}/{sign2} ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2023"
    return text


def write_one(args):
    tpl, i, unit, seed, out_dir, bad = args
    rng = random.Random(seed * 1_000_003 + i)
    code, name = commune(unit)
    path = os.path.join(out_dir, f"{i:05d} {code} - {name.replace('UBND xã Số', 'xa so')} - tu danh gia 2023.xlsx")
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    wb.set_properties({"title": f"Tự đánh giá CCHC 2023 — {name}", "author": "parindex",
                       "created": FIXED_DATE, "company": name})
    font = {"font_name": "Times New Roman", "font_size": 12}
    f_base = wb.add_format({**font, "text_wrap": True, "valign": "top", "border": 1})
    f_bold = wb.add_format({**font, "bold": True, "text_wrap": True, "valign": "top", "border": 1})
    f_num = wb.add_format({**font, "valign": "top", "border": 1, "num_format": "0.00"})
    f_in = wb.add_format({**font, "text_wrap": True, "valign": "top", "border": 1, "locked": False})
    f_in_num = wb.add_format({**font, "valign": "top", "border": 1, "num_format": "0.00", "locked": False})
    f_head = wb.add_format({**font, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1})
    ws = wb.add_worksheet(MAIN)
    for c, w in tpl["widths"].items():
        ws.set_column(c, c, w)
    tpl_name = tpl["unit_name"]
    col = tpl["col"]
    data_rows = {r for r, _, _ in tpl["rows"]}
    for r, c, v, bold in tpl["main"]:
        if isinstance(v, str):
            v = v.replace(tpl_name, name)
        if r == HEADER_ROW - 1:
            ws.write(r, c, v, f_head)
        elif r in data_rows:
            ws.write(r, c, v, f_num if c == col["max"] else (f_bold if bold else f_base))
        else:
            ws.write(r, c, v, f_bold if bold else None)
    for m in tpl["merges"]:
        first, last = m.split(":")
        r1, c1 = xlsxwriter.utility.xl_cell_to_rowcol(first)
        if r1 > HEADER_ROW:
            continue
        ws.merge_range(m, None)  # value already written in the first cell
    ws.freeze_panes(HEADER_ROW, 0)
    ws.repeat_rows(HEADER_ROW - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.protect("", {"format_columns": True, "format_rows": True})

    inputs = [(r, mx) for r, is_input, mx in tpl["rows"] if is_input]
    errors = []
    bad_rows = set()
    if bad:
        for r, mx in rng.sample(inputs, rng.randint(1, 3)):
            bad_rows.add(r)
            errors.append((r, rng.choice(["score.exceeds-max", "score.not-a-number", "required.missing"]), mx))
    err_kind = {r: k for r, k, _ in errors}
    for r, mx in inputs:
        mx = mx or 1.0
        frac = rng.choice([1, 1, 1, 0.75, 0.5, 0.5, 0.25, 0])
        x = round(mx * frac * 4) / 4
        kind = err_kind.get(r)
        if kind == "score.exceeds-max":
            x = mx + rng.choice([0.5, 1, 2])
        if kind == "score.not-a-number":
            ws.write_string(r, col["self"], rng.choice(NOT_NUMBERS), f_in)
        elif rng.random() < 0.35:
            ws.write_string(r, col["self"], score_text(x), f_in)
        else:
            ws.write_number(r, col["self"], x, f_in_num)
        if kind != "required.missing":
            ws.write_string(r, col["evidence"], evidence(rng, name), f_in)
        else:
            ws.write_blank(r, col["evidence"], None, f_in)
        if rng.random() < 0.2:
            ws.write_string(r, col["note"], rng.choice(NOTES), f_in)
        else:
            ws.write_blank(r, col["note"], None, f_in)

    g = wb.add_worksheet(GUIDE)
    for r, c, v in tpl["guide"]:
        g.write(r, c, v.replace(tpl_name, name) if isinstance(v, str) else v)
    ident = dict(tpl["ident"], unitCode=code, unitName=name)
    h = wb.add_worksheet(IDENT)
    for r, (k, v) in enumerate(ident.items()):
        h.write_string(r, 0, k)
        h.write_string(r, 1, "" if v is None else str(v))
    h.very_hidden()
    h.protect()
    wb.close()
    return [(os.path.basename(path), f"{xlsxwriter.utility.xl_rowcol_to_cell(r, col['self'] if k != 'required.missing' else col['evidence'])}", k)
            for r, k, _ in errors]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parindex", required=True)
    ap.add_argument("--framework", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--units", type=int, default=0,
                    help="framework's commune count when smaller than N: file i is commune ((i-1) %% U) + 1")
    ap.add_argument("--count", type=int, default=0, help="write only the first K files (a sample)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = os.path.join(tmp, "t.xlsx")
        subprocess.run([a.parindex, "template", "--framework", a.framework, "--unit", "X00001", "-o", t],
                       check=True, stdout=subprocess.DEVNULL)
        tpl = read_template(t)
    picker = random.Random(a.seed)
    bad = [picker.random() < 0.05 for _ in range(a.n)]
    units = a.units or a.n
    count = a.count or a.n
    jobs = [(tpl, i, (i - 1) % units + 1, a.seed, a.out, bad[i - 1]) for i in range(1, count + 1)]
    with mp.Pool(a.jobs) as pool:
        results = pool.map(write_one, jobs, chunksize=max(1, a.n // (a.jobs * 8)))
    with open(os.path.join(a.out, "..", "errors.tsv"), "w", encoding="utf-8") as f:
        f.write("file\tcell\trule\n")
        for errs in results:
            for e in errs:
                f.write("\t".join(e) + "\n")
    nbad = sum(1 for errs in results if errs)
    print(f"make_submissions: {count} files in {a.out}, {nbad} with seeded errors", file=sys.stderr)


if __name__ == "__main__":
    main()
