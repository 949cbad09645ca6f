#!/usr/bin/env python3
"""Writes the seed corpus of the SheetXMLFuzz target to Fuzz/seeds/sheetxml/.

Each seed is the XML of one real workbook's first sheet, its sharedStrings and its
styles, separated by NUL bytes (the input format of SheetXMLFuzz, see
Fuzz/Sources/FuzzSupport/StoredZip.swift). The ReaderFuzz target needs no generated
seeds: it starts from the .xlsx files themselves. Run from the repository root.
"""
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "seeds" / "sheetxml"
SOURCES = [
    "Tests/Fixtures/reader/libreoffice.xlsx",
    "Tests/Fixtures/reader/openpyxl_basic.xlsx",
    "Tests/Fixtures/reader/xlsxwriter_1904.xlsx",
    "Tests/Fixtures/reader/xlsxwriter_constant_memory.xlsx",
    "Examples/appendices/002-ubnd-ninh-son-766-2022.xlsx",
    "Examples/appendices/003-so-khcn-dak-nong-2023.xlsx",
    "Examples/submissions/Tu phap - bang tu cham diem 2023.xlsx",
]

# Every cell type and oddity the streamer handles, in one small sheet.
HANDMADE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/>
<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>x</t></r><rPh><t>y</t></rPh><t>_x000D_z_x005F_x</t></is></c></row>
<row><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2023-12-31T10:00:00</v></c><c s="1"><v>45000.5</v></c><c t="str"><f>A1&amp;B1</f><v>ab</v></c></row>
<row r="4"><c r="C4"><v> -1.5E-3 </v></c><c r="A4"><v>2</v></c><c><is><t>no type</t></is></c></row>
<row r="6" spans="1:2"><c r="$B$6"><f>SUM(A1:A4)</f><v>3</v></c></row></sheetData>
<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"""


def part(z, names, suffix):
    for n in names:
        if n.endswith(suffix):
            return z.read(n)
    return b""


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for src in SOURCES:
        with zipfile.ZipFile(ROOT / src) as z:
            names = z.namelist()
            sheet = part(z, names, "worksheets/sheet1.xml")
            seed = b"\0".join([sheet, part(z, names, "sharedStrings.xml"), part(z, names, "styles.xml")])
        (OUT / (pathlib.Path(src).stem.replace(" ", "_") + ".seed")).write_bytes(seed)
    with zipfile.ZipFile(ROOT / SOURCES[2]) as z:
        names = z.namelist()
        seed = b"\0".join([HANDMADE, part(z, names, "sharedStrings.xml"), part(z, names, "styles.xml")])
    (OUT / "handmade.seed").write_bytes(seed)


if __name__ == "__main__":
    main()
