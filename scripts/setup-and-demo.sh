#!/usr/bin/env bash
# One command for a fresh Debian machine: installs the system libraries, builds parindex
# in release mode and runs it on the shipped examples.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libxlsxwriter-dev libzip-dev libexpat1-dev libsqlite3-dev libfreexl-dev libdeflate-dev pkg-config python3-openpyxl

swift build -c release --product parindex
BIN="$(swift build -c release --show-bin-path)/parindex"
OUT="${OUT:-out}"
mkdir -p "$OUT" "$OUT/frameworks"

echo "== parindex inspect: bảng phụ lục do LibreOffice tạo =="
"$BIN" inspect Examples/appendices/003-so-khcn-dak-nong-2023.xlsx > "$OUT/003-inspect.txt"
head -n 30 "$OUT/003-inspect.txt"
echo "... (toàn bộ: $OUT/003-inspect.txt)"
echo
echo "== parindex inspect: bảng ghi bằng xlsxwriter (chuỗi nội dòng) =="
"$BIN" inspect Examples/appendices/004-khac-phuc-2023.xlsx --json > "$OUT/004-inspect.json"
echo "Đã ghi $OUT/004-inspect.json"

echo
echo "== parindex inspect --table: bảng phụ lục nhận dạng được =="
"$BIN" inspect --table Examples/appendices/000-van-phong-ubnd-dak-nong-2020.xlsx > "$OUT/000-table.txt"
head -n 30 "$OUT/000-table.txt"
echo "... (toàn bộ: $OUT/000-table.txt)"
echo
echo "== parindex framework import: bộ tiêu chí từ bốn phụ lục mẫu =="
for f in Examples/appendices/*.xlsx; do
  name="$(basename "$f" .xlsx)"
  "$BIN" framework import "$f" -o "$OUT/frameworks/$name.yaml"
done

echo
echo "== parindex framework import: bộ tiêu chí từ phụ lục của công văn Word (.docx) =="
"$BIN" framework import Examples/appendices/000-van-phong-ubnd-dak-nong-2020.docx \
  -o "$OUT/frameworks/000-tu-van-ban-word.yaml"
"$BIN" inspect Examples/appendices/000-van-phong-ubnd-dak-nong-2020.docx | tail -n 4

FW=Examples/frameworks/tu-danh-gia-huyen-2023.yaml
echo
echo "== parindex template --all: một biểu mẫu trống cho mỗi đơn vị chủ trì =="
"$BIN" template --framework "$FW" --all --out-dir "$OUT/templates"

echo
echo "== parindex validate: kiểm tra các tệp đơn vị gửi về (Examples/submissions) =="
set +e
"$BIN" validate --framework "$FW" Examples/submissions --annotate "$OUT/annotated"
echo "(mã thoát $?: 1 nghĩa là có tệp có lỗi)"

echo
echo "== parindex consolidate: tổng hợp thành phụ lục chính thức =="
"$BIN" consolidate --framework "$FW" Examples/submissions -o "$OUT/tong-hop-2023.xlsx" \
  --issuer "UBND huyện Đắk Mil" \
  --attached-to "Kèm theo Báo cáo số 120/BC-UBND ngày 15 tháng 11 năm 2023 của UBND huyện Đắk Mil" \
  --signer "NGƯỜI LẬP BIỂU" --signer "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH" --sign-place "Đắk Mil"
echo "(mã thoát $?)"

echo
echo "== parindex campaign: một đợt thu thập lưu mọi bài nộp (tệp SQLite) =="
rm -rf "$OUT/dot-2023"
"$BIN" campaign new "$OUT/dot-2023" --framework "$FW" --deadline 2023-12-05 --title "Tự chấm điểm CCHC năm 2023"
echo "-- nhận bài lần 1 (VHTT có lỗi) --"
"$BIN" campaign add "$OUT/dot-2023" Examples/submissions
echo "-- VHTT gửi lại bản đã sửa (lần 2) --"
"$BIN" campaign add "$OUT/dot-2023" "Examples/resubmissions/VHTT - tu danh gia 2023 (lan 2).xlsx"
"$BIN" campaign status "$OUT/dot-2023"
"$BIN" campaign history "$OUT/dot-2023" --unit VHTT
"$BIN" campaign consolidate "$OUT/dot-2023" -o "$OUT/tong-hop-tu-dot-2023.xlsx"
echo "(mã thoát $?: tổng hợp từ dữ liệu đã lưu, không mở lại tệp nào; VHTT lần 1 ghi là bản cũ ở trang Kiểm tra)"
set -e

# The yearly cycle on the campaign: appraisal, results, remediation, next year.
echo
echo "== parindex appraisal sheet: bảng thẩm định cho hội đồng, từ đợt thu thập =="
"$BIN" appraisal sheet "$OUT/dot-2023" -o "$OUT/tham-dinh-2023.xlsx"
echo "-- hội đồng điền điểm thẩm định (openpyxl, như người dùng Excel: scripts/examples/fill_appraisal.py) --"
python3 scripts/examples/fill_appraisal.py "$OUT/tham-dinh-2023.xlsx" "$OUT/tham-dinh-2023-da-dien.xlsx"
"$BIN" appraisal add "$OUT/dot-2023" "$OUT/tham-dinh-2023-da-dien.xlsx"
echo
echo "== parindex results: chỉ số, xếp hạng, xếp loại, biểu đồ =="
"$BIN" results "$OUT/dot-2023" --rank 8/8 -o "$OUT/ket-qua-2023.xlsx" --json "$OUT/ket-qua-2023.json"
echo
echo "== parindex remediation: kế hoạch khắc phục năm 2024 (bố cục phụ lục của kế hoạch 004) =="
"$BIN" remediation --framework "$FW" "$OUT/ket-qua-2023.json" -o "$OUT/khac-phuc-2024.xlsx"
echo
echo "== parindex framework next-year: bộ tiêu chí năm 2024 từ điểm năm 2023, rồi một biểu mẫu kế hoạch =="
"$BIN" framework next-year "$FW" --results "$OUT/ket-qua-2023.json" -o "$OUT/frameworks/ke-hoach-2024.yaml"
mkdir -p "$OUT/mau-2024"
"$BIN" template --framework "$OUT/frameworks/ke-hoach-2024.yaml" --unit PNV -o "$OUT/mau-2024/ke-hoach-PNV-2024.xlsx"

echo
echo "Bảng tổng hợp: $OUT/tong-hop-2023.xlsx (các trang Phụ lục, Tổng hợp điểm, Kiểm tra)"
echo "Biểu mẫu trống: $OUT/templates/   Bản đánh dấu lỗi: $OUT/annotated/"
echo "Đợt thu thập: $OUT/dot-2023/campaign.sqlite   Tổng hợp từ đợt: $OUT/tong-hop-tu-dot-2023.xlsx"
echo "Thẩm định: $OUT/tham-dinh-2023-da-dien.xlsx   Kết quả: $OUT/ket-qua-2023.xlsx (.json)"
echo "Kế hoạch khắc phục: $OUT/khac-phuc-2024.xlsx   Bộ tiêu chí 2024: $OUT/frameworks/ke-hoach-2024.yaml   Biểu mẫu 2024: $OUT/mau-2024/"

echo
echo "== Trang web điều phối =="
echo "Mở trang web (đợt thu mẫu từ bộ tiêu chí và các bài nộp mẫu, chỉ trên máy này):"
echo "  $BIN serve --demo"
echo "rồi mở trình duyệt tại http://127.0.0.1:8080/ (Ctrl-C để dừng)."
echo "Đợt thu vừa tạo bằng dòng lệnh cũng mở được: $BIN serve --data $OUT/dot-2023"
