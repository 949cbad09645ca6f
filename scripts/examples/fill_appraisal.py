#!/usr/bin/env python3
"""Fills an appraisal workbook written by `parindex appraisal sheet` as an appraisal
council would: opens it with openpyxl, types a score in "Điểm thẩm định" for every
criterion and a reason in "Giải trình / ý kiến thẩm định" where the score differs from the
unit's own, and saves it under another name. Deterministic.

    python3 scripts/examples/fill_appraisal.py out/tham-dinh-2023.xlsx out/tham-dinh-2023-da-dien.xlsx

Rules: keep the self score, except the criteria below (lowered, or raised to the maximum);
criteria without a self score (a unit sent nothing) get half of điểm chuẩn, rounded down to
a quarter point, "chấm theo hồ sơ lưu tại Phòng Nội vụ".
"""
import math
import sys

import openpyxl

# code -> (new score or a callable of (self, max), reason)
LOWERED = {
    "1.2.2": (lambda s, m: max(0.0, s - 0.25), "Báo cáo quý III thiếu số liệu kiểm soát TTHC."),
    "1.5.4": (lambda s, m: 0.0, "Chưa có thông báo kết luận giao ban quý bằng văn bản."),
    "3.4.4": (lambda s, m: max(0.0, s - 1.0), "Tỷ lệ hồ sơ đúng hẹn cấp xã thấp hơn số liệu đơn vị báo cáo."),
    "5.7.4": (lambda s, m: max(0.0, s - 0.5), "Có công chức bị nhắc nhở theo Báo cáo kiểm tra công vụ."),
}
RAISED = {
    "1.7": "Hồ sơ sáng kiến được Hội đồng sáng kiến huyện công nhận ngày 20/12.",
}


def text(value):
    return "" if value is None else str(value).strip()


def main(source, target):
    wb = openpyxl.load_workbook(source)
    ws = wb["Thẩm định"]
    header_row = None
    columns = {}
    for row in ws.iter_rows(min_row=1, max_row=20):
        names = {text(c.value): c.column for c in row}
        if "Điểm thẩm định" in names:
            header_row = row[0].row
            columns = names
            break
    if header_row is None:
        sys.exit("không thấy dòng tiêu đề có cột Điểm thẩm định")
    c_code, c_max = columns["STT"], columns["Điểm chuẩn"]
    c_self, c_app = columns["Điểm tự đánh giá"], columns["Điểm thẩm định"]
    c_note = columns["Giải trình / ý kiến thẩm định"]
    filled = 0
    for r in range(header_row + 1, ws.max_row + 1):
        app = ws.cell(r, c_app)
        if app.protection.locked:  # group rows and the total row are locked
            continue
        code = text(ws.cell(r, c_code).value)
        top = ws.cell(r, c_max).value
        own = ws.cell(r, c_self).value
        if not isinstance(top, (int, float)):
            continue
        reason = None
        if isinstance(own, (int, float)):
            score = float(own)
            if code in LOWERED:
                rule, reason = LOWERED[code]
                score = rule(score, float(top))
            elif code in RAISED and own < top:
                score, reason = float(top), RAISED[code]
        else:
            score = math.floor(float(top) / 2 * 4) / 4
            reason = "Đơn vị chưa gửi bảng tự chấm; hội đồng chấm theo hồ sơ lưu tại Phòng Nội vụ."
        app.value = score
        if reason:
            ws.cell(r, c_note).value = reason
        filled += 1
    wb.save(target)
    print(f"Hội đồng đã điền {filled} tiêu chí: {target}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
