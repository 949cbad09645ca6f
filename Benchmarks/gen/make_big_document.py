#!/usr/bin/env python3
"""A Word document with one appendix table of N rows x 8 columns, for the .docx reader's
figure: a header marked to repeat (w:tblHeader), two-paragraph task cells, the lead unit
merged down over every five rows (w:vMerge).

    python3 Benchmarks/gen/make_big_document.py 100000 /tmp/big100k.docx
    Benchmarks/.build/release/xlsx-count /tmp/big100k.docx --sheet "Bảng 1" --repeat 3
"""
import zipfile, random, sys
n=int(sys.argv[1]); out=sys.argv[2]
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def tc(t, props=''):
    return f'<w:tc>{"<w:tcPr>"+props+"</w:tcPr>" if props else ""}<w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>'
hdr=['STT','Lĩnh vực/Tiêu chí/Tiêu chí thành phần','Điểm chuẩn','Điểm đạt năm 2019','Mục tiêu năm 2020','Nhiệm vụ, giải pháp','Phòng chủ trì','Phòng phối hợp']
rows=['<w:tr><w:trPr><w:tblHeader/></w:trPr>'+''.join(tc(h) for h in hdr)+'</w:tr>']
for i in range(n):
    if i%5==0:
        lead=tc('NCKSTTHC','<w:vMerge w:val="restart"/>'); 
    else:
        lead=tc('','<w:vMerge/>')
    task='<w:tc><w:p><w:r><w:t>- Tham mưu UBND tỉnh ban hành các quy định TTHC đúng thẩm quyền.</w:t></w:r></w:p><w:p><w:r><w:t>- Báo cáo kết quả thực hiện</w:t></w:r></w:p></w:tc>'
    rows.append('<w:tr>'+tc(f'{i//100+1}.{i%100+1}')+tc('Công bố TTHC và danh mục TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền')+tc('0,25')+tc('0,25')+tc('0,25')+task+lead+tc('Các phòng, đơn vị liên quan')+'</w:tr>')
doc=f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:p><w:r><w:t>PHỤ LỤC</w:t></w:r></w:p><w:tbl><w:tblGrid>'+'<w:gridCol/>'*8+'</w:tblGrid>'+''.join(rows)+'</w:tbl><w:sectPr/></w:body></w:document>'
with zipfile.ZipFile(out,'w',zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml','<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr('_rels/.rels','<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr('word/document.xml',doc)
print(len(doc))
