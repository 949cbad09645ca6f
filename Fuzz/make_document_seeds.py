#!/usr/bin/env python3
"""Writes the seed corpus of the DocumentXMLFuzz target to Fuzz/seeds/documentxml/.

Each seed is a Word document's word/document.xml, numbering.xml and a small styles part,
separated by NUL bytes (the input format of DocumentXMLFuzz, see
Fuzz/Sources/FuzzSupport/DocumentPackage.swift): two python-docx fixtures (under the
64 KB input limit; their 350 KB styles part is replaced by a small one) and a handmade
document with every construct the reader handles. Run from the repository root.
"""
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "seeds" / "documentxml"
SOURCES = [
    "Tests/Fixtures/docx/002-ubnd-ninh-son-766-2022.python-docx.docx",
    "Tests/Fixtures/docx/003-so-khcn-dak-nong-2023.python-docx.docx",
]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
STYLES = f'<w:styles {W}><w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'.encode()
NUMBERING = f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="2"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num></w:numbering>'.encode()


def p(text, props=""):
    return f'<w:p>{"<w:pPr>" + props + "</w:pPr>" if props else ""}<w:r><w:t>{text}</w:t></w:r></w:p>'


def tc(text, props=""):
    return f'<w:tc>{"<w:tcPr>" + props + "</w:tcPr>" if props else ""}{p(text)}</w:tc>'


HANDMADE = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>'
            + p("Số: 642 /VPUBND-HCQT") + p("Đắk Nông, ngày 28 tháng 7 năm 2020")
            + '<w:p><w:pPr><w:sectPr/></w:pPr></w:p>' + p("PHỤ LỤC", "<w:pageBreakBefore/>")
            + '<w:p><w:r><w:t>(Kèm theo</w:t><w:br/><w:t>số /KH)</w:t><w:tab/><w:br w:type="page"/></w:r></w:p>'
            + '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tblGridChange><w:tblGrid><w:gridCol/></w:tblGrid></w:tblGridChange>'
            + '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + tc("STT") + tc("Tiêu chí") + tc("Đơn vị") + '</w:tr>'
            + '<w:tr>' + tc("I") + tc("Nhóm") + tc("Văn phòng", '<w:vMerge w:val="restart"/>') + '</w:tr>'
            + '<w:tr>' + tc("1.") + '<w:tc>' + p("mục", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')
            + p("mục", '<w:pStyle w:val="ListBullet"/>') + '<w:tbl><w:tr>' + tc("lồng") + tc("nhau") + '</w:tr></w:tbl><w:p/></w:tc>'
            + tc("", "<w:vMerge/>") + '</w:tr>'
            + '<w:tr><w:trPr><w:gridBefore w:val="1"/><w:del/></w:trPr>' + tc("xóa") + '</w:tr>'
            + '<w:tr>' + tc("A", '<w:hMerge w:val="restart"/>') + tc("", "<w:hMerge/>") + tc("ĐIỂM", '<w:gridSpan w:val="2"/>') + '</w:tr>'
            + '<w:tr><w:tc><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r><w:del><w:r><w:delText>x</w:delText></w:r></w:del>'
            + '<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
            + '<mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>thấy</w:t></w:r></w:p></w:tc></w:tr>'
            + '</w:tbl>' + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
            + '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>' + tc("STT") + tc("Tiêu chí") + tc("Đơn vị") + '</w:tr>'
            + '<w:tr>' + tc("") + tc("tiếp theo") + tc("") + '</w:tr></w:tbl>'
            + '<w:sectPr/></w:body></w:document>').encode()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        with zipfile.ZipFile(ROOT / source) as z:
            document = z.read("word/document.xml")
            numbering = z.read("word/numbering.xml")
        seed = document + b"\0" + numbering + b"\0" + STYLES
        assert len(seed) < 65536, (source, len(seed))
        (OUT / (pathlib.Path(source).name.split(".")[0] + ".seed")).write_bytes(seed)
    (OUT / "handmade.seed").write_bytes(HANDMADE + b"\0" + NUMBERING + b"\0" + STYLES)
    print(f"{len(SOURCES) + 1} seeds in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
