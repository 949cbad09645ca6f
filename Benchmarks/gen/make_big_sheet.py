#!/usr/bin/env python3
"""One sheet of ROWS x 12 columns (default 100,000 rows), made once with xlsxwriter
(shared strings, as Excel saves): mixed numbers and Vietnamese strings, the shapes of
an appendix — STT codes, criterion titles (a pool, so shared strings repeat), scores as
numbers and as decimal-comma text, evidence references (mostly distinct), unit names,
dates as numbers with a date format, integers. Seeded: the same file every run.

    python3 make_big_sheet.py OUT.xlsx [ROWS]
"""
import datetime
import random
import sys

import xlsxwriter

TITLES = [
    "Ban hành và thực hiện Kế hoạch cải cách hành chính năm",
    "Số lượng báo cáo định kỳ (quý, 6 tháng, năm)",
    "Kiểm tra công tác cải cách hành chính và xử lý các vấn đề phát hiện qua kiểm tra",
    "Tuyên truyền cải cách hành chính",
    "Rà soát, đơn giản hóa thủ tục hành chính",
    "Thực hiện cơ chế một cửa, một cửa liên thông",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Đánh giá, xếp loại cán bộ, công chức, viên chức",
    "Quản lý, sử dụng tài sản công",
    "Ứng dụng công nghệ thông tin, chuyển đổi số",
]
UNITS = ["Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Phòng Tài chính – Kế hoạch", "Phòng Tư pháp",
         "Phòng Văn hóa và Thông tin", "Phòng Tài nguyên và Môi trường", "Chi nhánh Văn phòng đăng ký đất đai"]
DOCS = [("Kế hoạch", "KH-UBND"), ("Báo cáo", "BC-UBND"), ("Quyết định", "QĐ-UBND"), ("Thông báo", "TB-UBND")]


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rng = random.Random(100_012)
    wb = xlsxwriter.Workbook(out, {"strings_to_numbers": False})
    wb.set_properties({"created": datetime.datetime(2023, 11, 20, 8, 0)})
    ws = wb.add_worksheet("Dữ liệu")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    num_fmt = wb.add_format({"num_format": "0.00"})
    ws.write_row(0, 0, ["STT", "Mã", "Tiêu chí", "Điểm chuẩn", "Điểm tự đánh giá", "Điểm (văn bản)",
                        "Tài liệu kiểm chứng", "Đơn vị chủ trì", "Ngày", "Tỷ lệ (%)", "Số hồ sơ", "Ghi chú"])
    base = datetime.date(2023, 1, 1).toordinal()
    for r in range(1, rows):
        mx = rng.choice([0.5, 1, 1.5, 2, 3, 5])
        sc = round(mx * rng.random() * 4) / 4
        kind, sign = rng.choice(DOCS)
        ws.write_number(r, 0, r)
        ws.write_string(r, 1, f"{rng.randint(1, 8)}.{rng.randint(1, 7)}.{rng.randint(1, 5)}")
        ws.write_string(r, 2, rng.choice(TITLES))
        ws.write_number(r, 3, mx, num_fmt)
        ws.write_number(r, 4, sc, num_fmt)
        ws.write_string(r, 5, f"{sc:g}".replace(".", ","))
        ws.write_string(r, 6, f"{kind} số {rng.randint(1, 999)}/{sign} ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2023")
        ws.write_string(r, 7, rng.choice(UNITS))
        ws.write_datetime(r, 8, datetime.datetime.fromordinal(base + rng.randint(0, 364)), date_fmt)
        ws.write_number(r, 9, round(rng.uniform(50, 100), 2))
        ws.write_number(r, 10, rng.randint(0, 5000))
        if rng.random() < 0.5:
            ws.write_string(r, 11, rng.choice(["Đạt", "Chưa đạt", "Gửi chậm 01 ngày", "Đạt 92% kế hoạch"]))
        else:
            ws.write_number(r, 11, rng.randint(1, 100))
    wb.close()


if __name__ == "__main__":
    main()
