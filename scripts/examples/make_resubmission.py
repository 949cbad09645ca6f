#!/usr/bin/env python3
"""Makes the second version of a unit's return: Examples/resubmissions/.

Phòng Văn hóa và Thông tin (VHTT) first sent `VHTT - tu danh gia 2023.xlsx` with seeded
errors (Examples/submissions/README.md); after the coordinator sent back the annotated
copy it filled a fresh template again, correctly, and sent
`VHTT - tu danh gia 2023 (lan 2).xlsx`. The campaign demo adds both: the store keeps
both versions and consolidates the second (the latest valid one), listing the first in
`Kiểm tra` as superseded.

Filled with openpyxl from the `parindex template` output, with the helpers of
make_submissions.py (same fixed dates and zip stamps: byte-identical across runs).

Run from the repository root, after building parindex:

    python3 scripts/examples/make_resubmission.py [--parindex PATH]
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_submissions as ms  # noqa: E402

OUT = os.path.join("Examples", "resubmissions")
NAME = "VHTT - tu danh gia 2023 (lan 2).xlsx"

# The corrected answers: every seeded problem of version 1 fixed.
VHTT_V2 = {
    "1.4.1": ("0,5", "Kế hoạch số 20/KH-UBND ngày 16/01/2023 tuyên truyền CCHC năm 2023", None),
    "3.7.1": (0.5, "Báo cáo số 120/BC-VHTT ngày 10/11/2023 về số hóa hồ sơ", None),
    "3.7.3": (0.25, "Báo cáo quý I, 6 tháng về số hóa", "Chưa báo cáo quý III"),
    "7.1.1": (0.5, "Kế hoạch số 15/KH-UBND ngày 12/01/2023 chuyển đổi số năm 2023", None),
    "7.1.2": ("1,25", "Báo cáo số 302/BC-UBND ngày 08/12/2023 kết quả chuyển đổi số", "Đạt 83,3% kế hoạch"),
    "7.1.3": (2, "Số liệu trên phần mềm quản lý văn bản và điều hành đến ngày 30/11/2023", None),
    "7.1.5": (1, "Trang thông tin điện tử huyện cập nhật thường xuyên", None),
    "7.1.6": ("0,75", "Danh sách hộp thư điện tử công vụ đã cấp", "Tỷ lệ sử dụng đạt 85%"),
    "7.3": (2, "Báo cáo kết nối phần mềm quản lý văn bản 4 cấp", None),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parindex", default=os.environ.get("PARINDEX", os.path.join(".build", "debug", "parindex")))
    args = parser.parse_args()
    if not os.path.exists(ms.FRAMEWORK):
        sys.exit("make_resubmission: run from the repository root")
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ms.run_templates(args.parindex, tmp)
        ms.fill(os.path.join(tmp, "mau-VHTT.xlsx"), os.path.join(OUT, NAME), VHTT_V2,
                "Hoàng Văn Sơn", (2023, 12, 1, 9, 10), "VHTT")
    print(os.path.join(OUT, NAME))


if __name__ == "__main__":
    main()
