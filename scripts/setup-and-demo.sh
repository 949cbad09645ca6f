#!/usr/bin/env bash
# One command for a fresh Debian machine: installs the system libraries, builds parindex
# in release mode and runs it on the shipped examples.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libxlsxwriter-dev libzip-dev libexpat1-dev pkg-config

swift build -c release --product parindex
BIN="$(swift build -c release --show-bin-path)/parindex"
OUT="${OUT:-out}"
mkdir -p "$OUT"

echo "== parindex inspect: bảng phụ lục do LibreOffice tạo =="
"$BIN" inspect Examples/appendices/003-so-khcn-dak-nong-2023.xlsx | head -n 40
echo "..."
echo "== parindex inspect: bảng ghi bằng xlsxwriter (chuỗi nội dòng) =="
"$BIN" inspect Examples/appendices/004-khac-phuc-2023.xlsx --json > "$OUT/004-inspect.json"
echo "Đã ghi $OUT/004-inspect.json"

echo "== parindex inspect --table: bảng phụ lục nhận dạng được =="
"$BIN" inspect --table Examples/appendices/000-van-phong-ubnd-dak-nong-2020.xlsx | head -n 30
echo "..."
echo "== parindex framework import: bộ tiêu chí từ bốn phụ lục mẫu =="
for f in Examples/appendices/*.xlsx; do
  name="$(basename "$f" .xlsx)"
  "$BIN" framework import "$f" -o "$OUT/$name.yaml"
done
echo "Kết quả nằm trong thư mục $OUT/"
