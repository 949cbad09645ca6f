#!/usr/bin/env python3
"""Baseline: the validate + consolidate job done the usual Python way, with openpyxl.

For every submission (read_only=True): read the hidden identity sheet (`_parindex`), find
the header row (STT … Điểm chuẩn … Điểm tự đánh giá … Tài liệu kiểm chứng), read the rows;
check each row against the framework (unknown code, điểm chuẩn changed, score not a
number — decimal-comma text accepted —, score negative or above điểm chuẩn, evidence
missing on a leaf row, criterion missing). Then write one consolidated workbook
(write_only=True) with the sheets `consolidate` writes: `Phụ lục` (every criterion, the
value used: first valid file), `Tổng hợp điểm` (per field, plus the ranking of the
peers), `Kiểm tra` (every file's status, every finding, every input row's destination).
Single process, as such scripts are written.

    python3 openpyxl_job.py FRAMEWORK.yaml DIR OUT.xlsx
"""
import os
import sys
import unicodedata

import openpyxl
import yaml


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        t = v.strip().replace(" ", "")
        if "," in t and "." in t:
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", ".")
        try:
            return float(t)
        except ValueError:
            return None
    return None


def flatten(criteria, out, parent=None):
    for c in criteria:
        out.append((c, parent))
        flatten(c.get("children") or [], out, c["id"])
    return out


def main():
    fw_path, folder, out = sys.argv[1:4]
    fw = yaml.safe_load(open(fw_path, encoding="utf-8"))
    flat = flatten(fw["criteria"], [])
    by_code = {str(c["code"]): c for c, _ in flat}
    leaves = [str(c["code"]) for c, _ in flat if not c.get("children")]
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".xlsx"))
    statuses, findings, routes, used = [], [], [], {}
    ranking = []
    for path in files:
        name = os.path.basename(path)
        wb = openpyxl.load_workbook(path, read_only=True)
        ident = {}
        if "_parindex" in wb.sheetnames:
            for row in wb["_parindex"].iter_rows(values_only=True):
                if row and row[0] is not None:
                    ident[row[0]] = row[1]
        ws = wb["Biểu mẫu"]
        cols = None
        errs = []
        seen = set()
        rows = []
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if cols is None:
                texts = [nfc(v) if isinstance(v, str) else None for v in row]
                if "STT" in texts and "Điểm chuẩn" in texts:
                    cols = {k: texts.index(h) for k, h in (("code", "STT"), ("max", "Điểm chuẩn"),
                            ("self", "Điểm tự đánh giá"), ("evidence", "Tài liệu kiểm chứng"), ("note", "Ghi chú"))}
                continue
            cells = list(row) + [None] * 8
            code = cells[cols["code"]]
            if code is None:
                continue
            code = str(code).strip()
            c = by_code.get(code)
            if c is None:
                errs.append((r, code, "criterion.unknown", f"Mã \"{code}\" không có trong bộ tiêu chí"))
                continue
            seen.add(code)
            mx = number(cells[cols["max"]])
            if c.get("max") is not None and (mx is None or abs(mx - float(c["max"])) > 1e-9):
                errs.append((r, code, "criterion.max-changed", "Điểm chuẩn đã bị sửa"))
            raw = cells[cols["self"]]
            if c.get("children"):
                rows.append((r, code, None))
                continue
            if raw is not None and raw != "":
                s = number(raw)
                if s is None:
                    errs.append((r, code, "score.not-a-number", f"Điểm tự đánh giá \"{raw}\" không phải là số"))
                elif s < 0:
                    errs.append((r, code, "score.negative", "Điểm âm"))
                elif c.get("max") is not None and s > float(c["max"]) + 1e-9:
                    errs.append((r, code, "score.exceeds-max", f"Điểm tự đánh giá {raw} vượt điểm chuẩn {c['max']}"))
                ev = cells[cols["evidence"]]
                if ev is None or str(ev).strip() == "":
                    errs.append((r, code, "required.missing", "Chưa điền Tài liệu kiểm chứng"))
                rows.append((r, code, s))
        for code in leaves:
            if code not in seen:
                errs.append((None, code, "criterion.missing", "Thiếu tiêu chí"))
        wb.close()
        valid = not errs
        statuses.append((name, ident.get("unitCode"), "hợp lệ" if valid else "có lỗi", len(errs)))
        findings += [(name, r, code, rule, msg) for r, code, rule, msg in errs]
        achieved = maxsum = 0.0
        for r, code, s in rows:
            if s is None:
                routes.append((name, r, code, "dòng nhóm"))
                continue
            if valid and code not in used:
                used[code] = (s, name)
                routes.append((name, r, code, f"dùng cho tiêu chí {code}"))
            else:
                routes.append((name, r, code, "không dùng: " + ("tệp có lỗi" if not valid else "đã có tệp khác")))
            achieved += s or 0
            maxsum += float(by_code[code].get("max") or 0)
        if valid:
            ranking.append((ident.get("unitName") or name, maxsum, achieved, round(achieved / maxsum, 2) if maxsum else 0))

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Phụ lục")
    ws.append(["PHỤ LỤC"])
    ws.append([fw["metadata"]["title"]])
    ws.append(["STT", "Lĩnh vực/Tiêu chí", "Điểm chuẩn", "Điểm tự đánh giá", "Tệp"])
    for c, _ in flat:
        v = used.get(str(c["code"]))
        ws.append([str(c["code"]), c["title"], c.get("max"), v[0] if v else None, v[1] if v else None])
    ws = wb.create_sheet("Tổng hợp điểm")
    ws.append(["Lĩnh vực", "Điểm chuẩn", "Điểm đạt"])
    for c in fw["criteria"]:
        got = sum(used.get(str(x["code"]), (0,))[0] or 0 for x, _ in flatten([c], []) if not x.get("children"))
        ws.append([c["title"], c.get("max"), got])
    ws.append([])
    ws.append(["Xếp hạng", "Đơn vị", "Điểm chuẩn", "Điểm đạt", "Chỉ số"])
    ranking.sort(key=lambda e: (e[3], e[2]), reverse=True)
    for i, (unit, mx, got, idx) in enumerate(ranking, start=1):
        ws.append([i, unit, mx, got, idx])
    ws = wb.create_sheet("Kiểm tra")
    ws.append(["Tệp", "Đơn vị", "Trạng thái", "Số lỗi"])
    for s in statuses:
        ws.append(list(s))
    ws.append([])
    ws.append(["Tệp", "Dòng", "Tiêu chí", "Quy tắc", "Nội dung"])
    for f in findings:
        ws.append(list(f))
    ws.append([])
    ws.append(["Tệp", "Dòng", "Tiêu chí", "Đi đâu"])
    for rt in routes:
        ws.append(list(rt))
    wb.save(out)
    bad = sum(1 for s in statuses if s[2] != "hợp lệ")
    print(f"openpyxl_job: {len(files)} files, {bad} with errors, {len(findings)} findings, {len(routes)} rows routed",
          file=sys.stderr)


if __name__ == "__main__":
    main()
