#!/usr/bin/env python3
"""Makes the example folder of submissions units send back: Examples/submissions/.

Framework: Examples/frameworks/tu-danh-gia-huyen-2023.yaml (self-assessment layout,
7 units of a district). The script calls the built `parindex template --all` into a
temporary folder, then fills the templates with openpyxl the way a clerk does in Excel
(open, type into the unlocked cells — self score, evidence, note — save), and writes:

  Phong Noi vu - tu cham 2023.xlsx            PNV   clean (renamed, ASCII)
  VP_HDND_UBND.xlsx                           VP    clean (renamed)
  mau-TCKH.xlsx                               TCKH  clean (sent back under the template name)
  Bao cao tu cham diem CCHC 2023 (1).xlsx     TNMT  clean (renamed: no hint of the unit,
                                                    only the hidden identity sheet tells)
  VHTT - tu danh gia 2023.xlsx                VHTT  seeded errors (see README.md there)
  Tu phap - bang tu cham diem 2023.xlsx       TP    typed without the template (xlsxwriter)
  ghi-chu.txt                                       a stray note (not a workbook)

CNVPDKDD (Chi nhánh Văn phòng đăng ký đất đai) does not submit.
Scores are typed as real numbers or, as clerks often type them, as text with a decimal
comma ("0,5", "4,25", "0,375"). Examples/submissions/README.md is written too: the
files, their units and every seeded error with its sheet, cell and rule id.

Deterministic: fixed values, fixed document dates, and every zip entry re-stamped with
one fixed time, so two runs give byte-identical files (given the same parindex build).
Every *.xlsx already in Examples/submissions/ is removed first (the folder is this
script's output).

Run from the repository root, after `swift build --scratch-path .build-examples`:

    python3 scripts/examples/make_submissions.py [--parindex PATH]

PATH defaults to $PARINDEX, else .build-examples/debug/parindex.
Needs: openpyxl, xlsxwriter (pip).
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

import openpyxl
import xlsxwriter

ROOT = os.getcwd()
FRAMEWORK = os.path.join("Examples", "frameworks", "tu-danh-gia-huyen-2023.yaml")
OUT = os.path.join("Examples", "submissions")
MAIN_SHEET = "Biểu mẫu"
ZIP_TIME = (2023, 11, 20, 8, 0, 0)

# Header texts of the self-assessment layout (Templates/layouts/self-assessment.yaml).
HEADERS = {"code": "STT", "max": "Điểm chuẩn", "self": "Điểm tự đánh giá",
           "evidence": "Tài liệu kiểm chứng", "note": "Ghi chú"}


def nfc(text):
    return unicodedata.normalize("NFC", text) if isinstance(text, str) else text


# --------------------------------------------------------------------------- data
# For each clean unit: code -> (self score, evidence, note). A str score is typed as
# text (decimal comma), a number as a number.

PNV = {
    "1.1": (1, "Kế hoạch số 12/KH-UBND ngày 05/01/2023 của UBND huyện về cải cách hành chính năm 2023", None),
    "1.2.1": (0.5, "Báo cáo số 78/BC-UBND ngày 20/3/2023; số 165/BC-UBND ngày 16/6/2023; số 248/BC-UBND ngày 18/9/2023; số 312/BC-UBND ngày 15/12/2023", None),
    "1.2.2": ("0,5", "Các báo cáo CCHC quý I, 6 tháng, quý III và năm 2023 theo đúng đề cương hướng dẫn của Sở Nội vụ", None),
    "1.2.3": ("0,25", "Báo cáo 6 tháng (số 165/BC-UBND) gửi Sở Nội vụ ngày 19/6/2023", "Báo cáo 6 tháng gửi chậm 01 ngày"),
    "1.3": (1.5, "Kế hoạch số 25/KH-UBND ngày 20/01/2023 kiểm tra CCHC; Thông báo kết luận số 95/TB-UBND ngày 10/10/2023", None),
    "1.5.1": (1, "Quyết định số 1520/QĐ-UBND ngày 28/12/2023 về khen thưởng công tác CCHC năm 2023", None),
    "1.5.2": ("0,5", "Công văn số 215/UBND-NV ngày 14/02/2023 triển khai các văn bản chỉ đạo của UBND tỉnh", None),
    "1.7": (1, "Quyết định số 1340/QĐ-UBND ngày 10/11/2023 công nhận sáng kiến cấp huyện", "Có 01 sáng kiến về CCHC được công nhận"),
    "4.1": (2, "Quyết định số 08/2023/QĐ-UBND ngày 15/3/2023 quy định chức năng, nhiệm vụ của các cơ quan chuyên môn", None),
    "4.2": (2, "Quyết định số 45/QĐ-UBND ngày 12/01/2023 giao biên chế; Báo cáo số 120/BC-UBND về tinh giản biên chế", None),
    "4.3": (1.5, "Quyết định số 612/QĐ-UBND ngày 30/6/2023 về sắp xếp, kiện toàn đơn vị sự nghiệp công lập", None),
    "4.4.1": (1, "Báo cáo số 201/BC-UBND ngày 25/7/2023 kết quả thực hiện các nhiệm vụ được phân cấp", None),
    "4.4.2": ("0,5", "Kế hoạch số 130/KH-UBND ngày 05/6/2023 kiểm tra việc thực hiện nhiệm vụ phân cấp", "Lồng ghép với kiểm tra CCHC"),
    "4.4.3": (0.25, "Thông báo kết luận kiểm tra số 120/TB-UBND ngày 20/10/2023", "Chưa có văn bản xử lý riêng"),
    "5.1": (2, "Quyết định số 1110/QĐ-UBND ngày 12/9/2023 phê duyệt vị trí việc làm", None),
    "5.2": (1.5, "Kế hoạch số 88/KH-UBND ngày 10/4/2023 tuyển dụng viên chức; Quyết định số 890/QĐ-UBND công nhận kết quả", None),
    "5.3": (1, "05 quyết định bổ nhiệm, bổ nhiệm lại lãnh đạo cấp phòng năm 2023", None),
    "5.4": (1.5, "Quyết định số 1480/QĐ-UBND ngày 20/12/2023 đánh giá, xếp loại công chức năm 2023", None),
    "5.5": ("1,25", "Kế hoạch số 30/KH-UBND ngày 01/02/2023 đào tạo, bồi dưỡng; Báo cáo số 290/BC-UBND ngày 05/12/2023", "Đạt 92% kế hoạch"),
    "5.6": (2, "Báo cáo số 240/BC-UBND ngày 30/8/2023 về chất lượng đội ngũ CBCC cấp xã", None),
    "5.7.1": (0.75, "Dữ liệu trên phần mềm quản lý CBCC, VC của tỉnh, trích xuất ngày 30/11/2023", "Một số hồ sơ còn thiếu trường dữ liệu"),
    "5.7.2": (0.5, "Báo cáo số 05/BC-PNV ngày 10/01/2023 thống kê số lượng, chất lượng CBCC, VC", None),
    "5.7.3": (1.5, "Các quyết định nâng bậc lương, phụ cấp thâm niên năm 2023", None),
    "5.7.4": (2, "Báo cáo số 209/BC-TKT ngày 22/10/2023 của Tổ kiểm tra công vụ", "02 trường hợp vi phạm giờ giấc làm việc"),
}

VP = {
    "1.4.2": (1, "Chuyên mục CCHC trên Trang thông tin điện tử huyện; Hội nghị tập huấn CCHC ngày 22/8/2023", None),
    "1.5.3": (2, "Quyết định số 520/QĐ-UBND ngày 02/6/2023 công bố Hệ thống quản lý chất lượng TCVN ISO 9001:2015", None),
    "1.5.4": ("0,5", "Thông báo kết luận giao ban quý số 40/TB-UBND, 98/TB-UBND, 160/TB-UBND, 221/TB-UBND năm 2023", None),
    "1.6": (1.5, "Báo cáo số 300/BC-UBND ngày 08/12/2023 kết quả thực hiện nhiệm vụ UBND tỉnh giao", None),
    "3.1.1": (0.5, "Kế hoạch số 01/KH-UBND ngày 03/01/2023 kiểm soát TTHC năm 2023", None),
    "3.1.2": (1, "Báo cáo số 305/BC-UBND ngày 11/12/2023 kết quả kiểm soát TTHC", None),
    "3.2.1": (0.5, "Kế hoạch số 02/KH-UBND ngày 03/01/2023 rà soát, đơn giản hóa TTHC", None),
    "3.2.2": ("0,5", "Báo cáo số 280/BC-UBND ngày 20/11/2023 kết quả rà soát, đơn giản hóa TTHC", None),
    "3.3": (1, "Ảnh chụp bảng niêm yết TTHC tại Bộ phận Một cửa; đường dẫn chuyên mục TTHC trên Trang TTĐT huyện", None),
    "3.4.1": (0.5, "Quyết định số 75/QĐ-UBND ngày 18/01/2023 công bố danh mục TTHC tiếp nhận tại Bộ phận Một cửa", None),
    "3.4.2": (0.5, "Quyết định số 410/QĐ-UBND ngày 05/5/2023 về quy trình liên thông", None),
    "3.4.4": ("4,5", "Số liệu trên Hệ thống thông tin giải quyết TTHC của tỉnh đến ngày 30/11/2023", "Cấp huyện đạt 95,3%; cấp xã đạt 97,1%"),
    "3.4.5": (0.5, "Số liệu trên phần mềm một cửa điện tử đến ngày 30/11/2023", None),
    "3.5": (0.75, "Báo cáo số 270/BC-UBND ngày 10/11/2023 về tiếp nhận, trả kết quả qua bưu chính công ích", None),
    "3.6": (2, "Sổ theo dõi thư xin lỗi; 12 thư xin lỗi đã gửi tổ chức, cá nhân năm 2023", None),
    "3.7.2": (1.25, "Số liệu số hóa trên Hệ thống thông tin giải quyết TTHC của tỉnh", "Tỷ lệ số hóa đạt 83%"),
    "7.1.4": (1, "Tài khoản Hệ thống thông tin báo cáo; danh sách báo cáo đã gửi năm 2023", None),
    "7.2": ("4,25", "Số liệu dịch vụ công trực tuyến trên Cổng dịch vụ công của tỉnh đến ngày 30/11/2023", "Tỷ lệ hồ sơ trực tuyến còn thấp"),
}

TCKH = {
    "6.1": (5, "Báo cáo số 295/BC-UBND ngày 06/12/2023 tình hình thực hiện dự toán và giải ngân vốn đầu tư công", None),
    "6.2": (3, "Quyết định giao quyền tự chủ tài chính cho 14 đơn vị sự nghiệp công lập", None),
    "6.3": (3, "Quyết định số 355/QĐ-UBND ngày 20/4/2023 ban hành Quy chế quản lý, sử dụng tài sản công", None),
    "8.1": (0.25, "Báo cáo số 260/BC-UBND ngày 02/11/2023 về thu hút đầu tư", None),
    "8.2": (0.5, "Báo cáo quyết toán thu ngân sách nhà nước trên địa bàn năm 2023", None),
    "8.3": ("0,375", "Số liệu đăng ký doanh nghiệp của Sở Kế hoạch và Đầu tư năm 2023", "Tỷ lệ doanh nghiệp thành lập mới đạt 7,5%"),
    "8.6": ("0,25", "Báo cáo số 318/BC-UBND ngày 20/12/2023 tình hình kinh tế - xã hội năm 2023", "02 chỉ tiêu chưa đạt"),
}

TNMT = {
    "3.4.3": (1, "Số liệu giải quyết hồ sơ lĩnh vực tài nguyên và môi trường trên phần mềm một cửa điện tử", None),
    "6.4.1": ("1,5", "Báo cáo số 285/BC-UBND ngày 25/11/2023 về thu tiền sử dụng đất", "Đạt 86% dự toán"),
    "8.4": (0.25, "Báo cáo số 18/BC-TNMT ngày 15/11/2023 về thu gom, xử lý chất thải rắn sinh hoạt", None),
}

# VHTT: every seeded problem is listed in ERRORS with the rule it must trigger.
VHTT = {
    "1.4.1": ("đạt", "Kế hoạch số 20/KH-UBND ngày 16/01/2023 tuyên truyền CCHC năm 2023", None),
    "3.7.1": (0.5, None, None),
    "3.7.3": (-0.5, "Báo cáo quý I, 6 tháng về số hóa", "Chưa báo cáo quý III"),
    "7.1.1": (0.5, "Kế hoạch số 15/KH-UBND ngày 12/01/2023 chuyển đổi số năm 2023", None),
    "7.1.2": ("1.250", "Báo cáo số 302/BC-UBND ngày 08/12/2023 kết quả chuyển đổi số", "Đạt 83,3% kế hoạch"),
    "7.1.3": (2, "Số liệu trên phần mềm quản lý văn bản và điều hành đến ngày 30/11/2023", None),
    "7.1.5": (1.5, "Trang thông tin điện tử huyện cập nhật thường xuyên", None),
    "7.1.6": ("0,75", "Danh sách hộp thư điện tử công vụ đã cấp", "Tỷ lệ sử dụng đạt 85%"),
    "7.3": (2, "Báo cáo kết nối phần mềm quản lý văn bản 4 cấp", None),
}
VHTT_MAX_CHANGE = ("7.1.3", 2.5)   # the unit unprotected the sheet and changed điểm chuẩn 2 -> 2,5
ERRORS = [  # (code, column, rule, what)
    ("1.4.1", "self", "score.not-a-number", "điểm tự đánh giá ghi chữ \"đạt\""),
    ("3.7.1", "evidence", "required.missing", "bỏ trống tài liệu kiểm chứng"),
    ("3.7.3", "self", "score.negative", "điểm âm -0,5 (ghi số điểm bị trừ)"),
    ("7.1.2", "self", "score.ambiguous", "văn bản \"1.250\": đọc là 1,25 nhưng có thể hiểu là 1250"),
    ("7.1.3", "max", "criterion.max-changed", "gỡ bảo vệ trang tính, sửa điểm chuẩn 2 thành 2,5"),
    ("7.1.5", "self", "score.exceeds-max", "điểm 1,5 vượt điểm chuẩn 1"),
]

# Clean units: code -> (file name, data, person who saved it, save date).
CLEAN = [
    ("PNV", "Phong Noi vu - tu cham 2023.xlsx", PNV, "Trần Thị Hồng Nhung", (2023, 11, 24, 16, 30)),
    ("VP", "VP_HDND_UBND.xlsx", VP, "Lê Văn Hùng", (2023, 11, 27, 9, 15)),
    ("TCKH", "mau-TCKH.xlsx", TCKH, "Phạm Minh Đức", (2023, 11, 23, 14, 5)),
    ("TNMT", "Bao cao tu cham diem CCHC 2023 (1).xlsx", TNMT, "Nguyễn Thị Thu Hà", (2023, 11, 28, 10, 40)),
]
ERROR_FILE = ("VHTT", "VHTT - tu danh gia 2023.xlsx", VHTT, "Hoàng Văn Sơn", (2023, 11, 29, 17, 20))
FREEFORM_FILE = "Tu phap - bang tu cham diem 2023.xlsx"
NOT_SUBMITTED = "CNVPDKDD"

# The Tư pháp office types its own table: (code, title as typed, max, score, evidence, note).
# Title 2.2 is typed shorter than the framework's (criterion.title-changed, warning).
FREEFORM_ROWS = [
    ("2", "Xây dựng và tổ chức thực hiện văn bản QPPL tại huyện", 14, 13.5, None, None),
    ("2.1", "Xây dựng, ban hành văn bản quy phạm pháp luật thuộc thẩm quyền của HĐND, UBND huyện", 3, 3,
     "Kế hoạch số 10/KH-UBND ngày 04/01/2023; 03 Quyết định QPPL ban hành năm 2023", None),
    ("2.2", "Rà soát, hệ thống hóa văn bản QPPL", 3, 3,
     "Kế hoạch số 35/KH-UBND ngày 15/02/2023; Quyết định công bố kết quả hệ thống hóa số 150/QĐ-UBND", None),
    ("HEADER", None, None, None, None, None),
    ("2.3", "Tự kiểm tra, xử lý văn bản quy phạm pháp luật", 3, 2.5,
     "Báo cáo số 275/BC-UBND ngày 15/11/2023 tự kiểm tra văn bản", "01 văn bản chưa xử lý xong"),
    ("2.4", "Theo dõi tình hình thi hành pháp luật và phổ biến, giáo dục pháp luật", 5, 5,
     "Kế hoạch số 40/KH-UBND ngày 20/02/2023; Báo cáo số 299/BC-UBND ngày 07/12/2023", None),
]
FREEFORM_HEADER = ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Tài liệu kiểm chứng", "Ghi chú"]


# --------------------------------------------------------------------------- helpers

def run_templates(parindex, out_dir):
    cmd = [parindex, "template", "--framework", FRAMEWORK, "--all", "--out-dir", out_dir]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"make_submissions: {' '.join(cmd)} failed ({result.returncode}):\n{result.stderr}")
    sys.stderr.write(result.stdout + result.stderr)


def table_layout(ws):
    """The header row and the column of each role, and the sheet row of each code."""
    header_row = None
    for row in ws.iter_rows(min_row=1, max_row=30):
        if any(nfc(c.value) == HEADERS["code"] for c in row):
            header_row = row[0].row
            break
    if header_row is None:
        sys.exit(f"make_submissions: no header row in sheet {ws.title}")
    columns = {}
    for cell in ws[header_row]:
        for role, text in HEADERS.items():
            if nfc(cell.value) == text:
                columns[role] = cell.column_letter
    rows = {}
    for r in range(header_row + 1, ws.max_row + 1):
        code = ws[f"{columns['code']}{r}"].value
        if code is not None:
            rows[str(code)] = r
    return header_row, columns, rows


def normalize_zip(path, modified):
    """Re-stamps every zip entry with one fixed time, and docProps/core.xml's modified
    date with `modified` (openpyxl takes both from the clock when saving)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + modified.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    os.replace(tmp, path)


def fill(template, dest, data, person, when, unit, seeded=None):
    """Opens a template, types the unit's answers into the open cells, saves as `dest`.
    Returns {code: {role: cell}} for the report."""
    wb = openpyxl.load_workbook(template)
    ws = wb[MAIN_SHEET]
    _, cols, rows = table_layout(ws)
    cells = {}
    for code, (score, evidence, note) in data.items():
        if code not in rows:
            sys.exit(f"make_submissions: {unit} template has no row {code}")
        r = rows[code]
        self_cell = ws[f"{cols['self']}{r}"]
        if self_cell.protection.locked:
            sys.exit(f"make_submissions: {unit} row {code}: self-score cell is locked")
        self_cell.value = score
        if evidence is not None:
            ws[f"{cols['evidence']}{r}"].value = evidence
        if note is not None:
            ws[f"{cols['note']}{r}"].value = note
        cells[code] = {role: f"{cols[role]}{r}" for role in ("max", "self", "evidence", "note")}
    led = [c for c, r in rows.items() if not ws[f"{cols['self']}{r}"].protection.locked]
    missing = sorted(set(led) - set(data))
    if missing:
        sys.exit(f"make_submissions: {unit} leaves rows unfilled: {missing}")
    if seeded:
        seeded(ws, cols, rows)
    stamp = datetime.datetime(*when)
    wb.properties.created = datetime.datetime(2023, 11, 20, 8, 0)
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = person
    wb.save(dest)
    normalize_zip(dest, stamp)
    return cells


def change_max(ws, cols, rows):
    code, value = VHTT_MAX_CHANGE
    ws.protection.sheet = False           # "Unprotect Sheet" (no password on the template)
    ws[f"{cols['max']}{rows[code]}"].value = value


def write_freeform(dest):
    """Phòng Tư pháp typed its own table in Excel, without the template."""
    wb = xlsxwriter.Workbook(dest)
    wb.set_properties({"title": "Bảng tự chấm điểm CCHC 2023", "author": "Đỗ Thị Lan",
                       "company": "Phòng Tư pháp", "created": datetime.datetime(2023, 11, 22, 15, 0)})
    ws = wb.add_worksheet("Tự chấm 2023")
    font = {"font_name": "Times New Roman", "font_size": 12}
    bold_c = wb.add_format({**font, "bold": True, "align": "center", "valign": "vcenter"})
    italic_c = wb.add_format({**font, "italic": True, "align": "center"})
    head = wb.add_format({**font, "bold": True, "align": "center", "valign": "vcenter",
                          "text_wrap": True, "border": 1, "bg_color": "#D9E1F2"})
    cell = wb.add_format({**font, "valign": "top", "text_wrap": True, "border": 1})
    group = wb.add_format({**font, "bold": True, "valign": "top", "text_wrap": True, "border": 1})
    num = wb.add_format({**font, "valign": "top", "border": 1, "num_format": "0.00"})
    gnum = wb.add_format({**font, "bold": True, "valign": "top", "border": 1, "num_format": "0.00"})
    plain = wb.add_format(font)
    for col, width in enumerate([6, 55, 10, 10, 45, 22]):
        ws.set_column(col, col, width)

    ws.merge_range("A1:B1", "UBND HUYỆN", bold_c)
    ws.merge_range("A2:B2", "PHÒNG TƯ PHÁP", bold_c)
    ws.merge_range("C1:F1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold_c)
    ws.merge_range("C2:F2", "Độc lập - Tự do - Hạnh phúc", bold_c)
    ws.merge_range("A4:F4", "BẢNG TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023", bold_c)
    ws.merge_range("A5:F5", "(Các tiêu chí do Phòng Tư pháp chủ trì tham mưu)", italic_c)

    r = 6  # 0-based: header on sheet row 7
    ws.write_row(r, 0, FREEFORM_HEADER, head)
    ws.set_row(r, 32)
    cells = {}
    for code, title, mx, score, evidence, note in FREEFORM_ROWS:
        r += 1
        if code == "HEADER":       # header pasted again at a page break
            ws.write_row(r, 0, FREEFORM_HEADER, head)
            continue
        is_group = "." not in code
        ws.write_string(r, 0, code, group if is_group else cell)
        ws.write_string(r, 1, title, group if is_group else cell)
        ws.write_number(r, 2, mx, gnum if is_group else num)
        ws.write_number(r, 3, score, gnum if is_group else num)
        ws.write(r, 4, evidence or "", cell)
        ws.write(r, 5, note or "", cell)
        cells[code] = {"max": f"C{r + 1}", "self": f"D{r + 1}", "title": f"B{r + 1}", "row": r + 1}
    r += 1
    ws.write_string(r, 0, "", group)
    ws.write_string(r, 1, "Tổng cộng", group)
    ws.write_number(r, 2, 14, gnum)
    ws.write_number(r, 3, 13.5, gnum)
    ws.write(r, 4, "", cell)
    ws.write(r, 5, "", cell)
    cells["total"] = {"row": r + 1}
    ws.write_string(r + 2, 4, "TRƯỞNG PHÒNG", bold_c)
    ws.write_string(r + 3, 4, "(Ký, ghi rõ họ tên)", italic_c)
    ws.write_string(r + 7, 4, "Đỗ Thị Lan", bold_c)
    ws.write_string(r + 2, 1, "Người lập biểu", plain)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(6)
    wb.close()
    return cells


# --------------------------------------------------------------------------- README

def readme(reports, freeform_cells):
    lines = [
        "# Bài nộp mẫu — tự đánh giá, chấm điểm CCHC cấp huyện năm 2023",
        "",
        "Tạo bởi `scripts/examples/make_submissions.py` (đừng sửa tay: chạy lại script).",
        "Bộ tiêu chí: `Examples/frameworks/tu-danh-gia-huyen-2023.yaml`, bố cục `self-assessment`,",
        "7 đơn vị. Bốn tệp điền từ biểu mẫu `parindex template` không có lỗi, một tệp có lỗi",
        "gieo sẵn, một tệp đơn vị tự gõ không theo biểu mẫu, một tệp không phải bảng tính;",
        "Chi nhánh Văn phòng đăng ký đất đai (CNVPDKDD) không nộp.",
        "",
        "Điểm được gõ như cán bộ vẫn gõ: số thực, hoặc văn bản có dấu phẩy thập phân (`0,5`, `4,25`, `0,375`).",
        "",
        "| Tệp | Đơn vị | Nội dung |",
        "|---|---|---|",
    ]
    for unit, name, kind in reports:
        shown = f"`{name}`" if name != "—" else name
        lines.append(f"| {shown} | {unit} | {kind} |")
    lines += [
        "",
        "## Lỗi gieo sẵn trong `VHTT - tu danh gia 2023.xlsx` (trang tính `Biểu mẫu`)",
        "",
        "| Ô | Tiêu chí | Quy tắc | Mức | Nội dung |",
        "|---|---|---|---|---|",
    ]
    for cell, code, rule, what in reports_errors:
        severity = "cảnh báo" if rule in ("score.ambiguous", "criterion.title-changed") else "lỗi"
        lines.append(f"| {cell} | {code} | `{rule}` | {severity} | {what} |")
    code, value = VHTT_MAX_CHANGE
    parent = code.rsplit(".", 1)[0]
    lines += [
        "",
        f"Hệ quả của việc sửa điểm chuẩn {code}: tổng điểm chuẩn các tiêu chí con của {parent} (theo bảng",
        f"này, các tiêu chí còn lại theo bộ tiêu chí) thành 7,5 ≠ 7, nên `sum.exceeds-parent` cũng được báo ở ô",
        f"điểm chuẩn của dòng {parent} ({reports_group_cells[parent]}).",
        "",
        "Bố cục `self-assessment` không có cột đơn vị phối hợp, nên không gieo lỗi tên đơn vị",
        "(`unit.unknown`). Khi sửa điểm chuẩn, đơn vị đã gỡ bảo vệ trang tính (biểu mẫu không đặt mật khẩu).",
        "",
        f"## `{FREEFORM_FILE}` (Phòng Tư pháp, trang tính `Tự chấm 2023`)",
        "",
        "Gõ bằng tay (xlsxwriter), không dùng biểu mẫu: không có trang tính ẩn `_parindex`, dòng tiêu đề",
        "riêng (dòng 1–5), tiêu đề cột khác biểu mẫu ở dòng 7: "
        + " | ".join(FREEFORM_HEADER) + ",",
        f"tiêu đề cột lặp lại ở dòng giữa bảng (sau tiêu chí 2.2), dòng `Tổng cộng` ở dòng {freeform_cells['total']['row']},",
        "khối chữ ký bên dưới; điểm là số thực. Không có cột đơn vị chủ trì và không có trang tính ẩn,",
        "nên chỉ dòng tiêu đề \"PHÒNG TƯ PHÁP\" cho biết tệp của đơn vị nào.",
        "",
        "| Ô | Tiêu chí | Quy tắc | Mức | Nội dung |",
        "|---|---|---|---|---|",
        f"| {freeform_cells['2']['title']} | 2 | `criterion.title-changed` | cảnh báo | tên lĩnh vực gõ tắt \"văn bản QPPL\" thay cho \"văn bản quy phạm pháp luật\" |",
        f"| {freeform_cells['2.2']['title']} | 2.2 | `criterion.title-changed` | cảnh báo | tên tiêu chí gõ tắt \"văn bản QPPL\" thay cho \"văn bản quy phạm pháp luật\" |",
        "",
        "Dòng 2 (lĩnh vực) ghi tổng 13,5/14, khớp tổng các tiêu chí con. Khối chữ ký (\"Người lập biểu\",",
        f"\"TRƯỞNG PHÒNG\", dòng {freeform_cells['total']['row'] + 2}–{freeform_cells['total']['row'] + 7}) nằm dưới dòng tổng cộng, không thuộc bảng.",
        "",
        "## `ghi-chu.txt`",
        "",
        "Ghi chú của cán bộ tổng hợp, để thấy công cụ báo tệp không phải `.xlsx` (bỏ qua, không im lặng).",
        "Tệp README.md này cũng nằm trong thư mục nên cũng được báo như vậy khi chạy trên cả thư mục.",
        "",
    ]
    return "\n".join(lines)


reports_errors = []
reports_group_cells = {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parindex", default=os.environ.get("PARINDEX", os.path.join(".build-examples", "debug", "parindex")))
    args = parser.parse_args()
    if not os.path.exists("Package.swift") or not os.path.exists(FRAMEWORK):
        sys.exit("make_submissions: run from the repository root")
    if not os.path.exists(args.parindex):
        sys.exit(f"make_submissions: {args.parindex} not found; build with `swift build --scratch-path .build-examples`")

    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.lower().endswith(".xlsx"):
            os.remove(os.path.join(OUT, name))

    reports = []
    with tempfile.TemporaryDirectory() as tmp:
        run_templates(args.parindex, tmp)
        templates = {name[4:-5]: os.path.join(tmp, name) for name in os.listdir(tmp) if name.startswith("mau-")}
        expected = {"PNV", "VP", "TCKH", "TP", "VHTT", "TNMT", NOT_SUBMITTED}
        if set(templates) != expected:
            sys.exit(f"make_submissions: templates {sorted(templates)}, expected {sorted(expected)}")

        for unit, name, data, person, when in CLEAN:
            fill(templates[unit], os.path.join(OUT, name), data, person, when, unit)
            texts = sum(isinstance(v[0], str) for v in data.values())
            notes = sum(v[2] is not None for v in data.values())
            reports.append((unit, name, f"không gieo lỗi: {len(data)} tiêu chí chủ trì đều điền, {texts} điểm gõ dạng văn bản có dấu phẩy, {notes} ghi chú"))

        unit, name, data, person, when = ERROR_FILE
        cells = fill(templates[unit], os.path.join(OUT, name), data, person, when, unit, seeded=change_max)
        for code, role, rule, what in ERRORS:
            reports_errors.append((cells[code][role], code, rule, what))
        ws = openpyxl.load_workbook(os.path.join(OUT, name))[MAIN_SHEET]
        _, cols, rows = table_layout(ws)
        parent = VHTT_MAX_CHANGE[0].rsplit(".", 1)[0]
        reports_group_cells[parent] = f"{cols['max']}{rows[parent]}"
        reports.append((unit, name, f"{len(data)} tiêu chí, {len(ERRORS)} lỗi/cảnh báo gieo sẵn (xem dưới)"))

    ff = write_freeform(os.path.join(OUT, FREEFORM_FILE))
    reports.append(("TP", FREEFORM_FILE, "tự gõ không theo biểu mẫu (xem dưới)"))
    reports.append((NOT_SUBMITTED, "—", "không nộp"))
    reports.append(("—", "ghi-chu.txt", "không phải bảng tính"))

    with open(os.path.join(OUT, "ghi-chu.txt"), "w", encoding="utf-8") as f:
        f.write(nfc("Ghi chú tổng hợp tự chấm điểm CCHC năm 2023\n"
                    "- Đã nhận bài của Phòng Nội vụ, Văn phòng HĐND và UBND huyện, Phòng Tài chính – Kế hoạch,\n"
                    "  Phòng Tài nguyên và Môi trường, Phòng Văn hóa và Thông tin, Phòng Tư pháp.\n"
                    "- Chi nhánh Văn phòng đăng ký đất đai chưa gửi, đã gọi điện nhắc ngày 29/11/2023.\n"
                    "- Phòng Tư pháp tự lập bảng, không dùng biểu mẫu.\n"))
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(nfc(readme(reports, ff)))
    for unit, name, kind in reports:
        print(f"{unit:9} {name:42} {kind}")


if __name__ == "__main__":
    main()
