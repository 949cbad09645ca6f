#!/usr/bin/env python3
"""Types the appendix tables of the four seed documents into workbooks, as offices do.

Sources: Examples/sources/*.tsv, the appendix tables transcribed from the seed
documents (tab-separated, title rows first, header rows repeated at each page break).
Outputs: Examples/appendices/*.xlsx, each made by a different producer:

  000  openpyxl          shared strings, merged title and section rows, decimal-comma
                         numbers typed as text, one blank row, header typo kept
  002  xlsxwriter        lowercase "stt", group rows carrying unit and person, NFD names
  003  LibreOffice       written by openpyxl, then re-saved by `soffice --convert-to xlsx`;
                         real numbers, an NFD header, line breaks inside header cells
  004  xlsxwriter        constant_memory mode (inline strings), a row split over a page
                         break, a "Tổng cộng" footer row

Also writes Tests/Fixtures/tables/<name>.expected.json: for every data row, its sheet row
number and the cells exactly as typed (the ground truth the table-recognition tests use).

Run from the repository root:  python3 scripts/examples/make_seed_workbooks.py
Needs: openpyxl, xlsxwriter (pip) and LibreOffice (apt: libreoffice-calc).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SRC = os.path.join(ROOT, "Examples", "sources")
OUT = os.path.join(ROOT, "Examples", "appendices")
EXPECTED = os.path.join(ROOT, "Tests", "Fixtures", "tables")

UL = re.compile(r'<ul[^>]*>')


def clean(text):
    """Turns the transcription's HTML list residue into the multi-line cell it was."""
    text = text.strip()
    if '<ul' in text:
        text = UL.sub('', text).strip()
        parts = [p.strip() for p in re.split(r'(?:^|\s)-\s', text) if p.strip()]
        text = '\n'.join('- ' + p for p in parts)
    return text.replace('**', '')


def load(name):
    """Returns (title_lines, blocks) where blocks is a list of ('header'|'row'|'blank', cells)."""
    titles, items, seen_header = [], [], False
    pending_title = []
    for line in open(os.path.join(SRC, name + '.tsv'), encoding='utf-8').read().split('\n'):
        if '\t' not in line:
            if not line.strip():
                if seen_header:
                    items.append(('blank', []))
                continue
            if seen_header:
                items.append(('row', [clean(line)]))
            else:
                pending_title.append(clean(line))
            continue
        cells = [clean(c) for c in line.split('\t')]
        if cells[0].lower() == 'stt':
            if not seen_header:
                titles = pending_title
            seen_header = True
            items.append(('header', cells))
        else:
            items.append(('row', cells))
    # collapse runs of blanks and drop trailing blanks
    out = []
    for kind, cells in items:
        if kind == 'blank' and (not out or out[-1][0] == 'blank'):
            continue
        out.append((kind, cells))
    while out and out[-1][0] == 'blank':
        out.pop()
    return titles, out


def number_or_text(value, mode):
    """mode 'typed': comma decimals stay text, integers become numbers; 'real': all numbers."""
    if value == '':
        return None
    if re.fullmatch(r'-?\d+(,\d+)?', value):
        if mode == 'real' or ',' not in value:
            f = float(value.replace(',', '.'))
            return int(f) if f.is_integer() else f
    return value


def plan(name, number_columns, mode, keep_blank_rows, nfd_header=None):
    """Lays out rows: returns (rows, merges, expected) with 1-based row numbers."""
    titles, items = load(name)
    width = max(len(c) for k, c in items if k == 'header')
    rows, merges, expected = [], [], []
    r = 1
    for t in titles:
        rows.append((r, [t] + [None] * (width - 1), 'title'))
        merges.append((r, 1, r, width))
        r += 1
    rows.append((r, [None] * width, 'blank'))  # a spacer row, left empty
    r += 1
    for kind, cells in items:
        if kind == 'blank':
            if keep_blank_rows:
                r += 1
            continue
        cells = (cells + [''] * width)[:width]
        if kind == 'header':
            hdr = list(cells)
            if nfd_header is not None:
                hdr[nfd_header] = unicodedata.normalize('NFD', hdr[nfd_header])
            rows.append((r, hdr, 'header'))
            r += 1
            continue
        values = []
        for i, c in enumerate(cells):
            values.append(number_or_text(c, mode) if i in number_columns else (c or None))
        rows.append((r, values, 'data'))
        if len(cells) > 2 and all(v in (None, '') for v in values[2:]) and values[1]:
            merges.append((r, 2, r, width))
        expected.append({'row': r, 'cells': [v for v in values]})
        r += 1
    return rows, merges, expected


def write_openpyxl(path, sheet_name, rows, merges, widths):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name
    for r, values, kind in rows:
        for c, v in enumerate(values, start=1):
            if v is None or v == '':
                continue
            cell = ws.cell(row=r, column=c, value=v)
            cell.font = Font(name='Times New Roman', size=12, bold=kind in ('title', 'header'))
            cell.alignment = Alignment(wrap_text=True, vertical='center')
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = w
    wb.save(path)


def write_xlsxwriter(path, sheet_name, rows, merges, widths, constant_memory):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {'constant_memory': constant_memory})
    ws = wb.add_worksheet(sheet_name)
    base = {'font_name': 'Times New Roman', 'font_size': 12, 'text_wrap': True, 'valign': 'vcenter'}
    plain = wb.add_format(base)
    bold = wb.add_format(dict(base, bold=True))
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    merged_rows = {m[0]: m for m in merges}
    for r, values, kind in rows:
        fmt = bold if kind in ('title', 'header') else plain
        m = merged_rows.get(r)
        for c, v in enumerate(values, start=1):
            if m and m[1] <= c <= m[3]:
                if c == m[1]:
                    ws.merge_range(r - 1, m[1] - 1, r - 1, m[3] - 1, v if v is not None else '', fmt)
                continue
            if v is None or v == '':
                continue
            if isinstance(v, str):
                ws.write_string(r - 1, c - 1, v, fmt)
            else:
                ws.write_number(r - 1, c - 1, v, fmt)
    wb.close()


def resave_with_libreoffice(path):
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if not soffice:
        sys.exit('LibreOffice (soffice) is needed: apt-get install -y libreoffice-calc')
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'in.xlsx')
        shutil.move(path, src)
        outdir = os.path.join(tmp, 'out')
        subprocess.run([soffice, '--headless', f'-env:UserInstallation=file://{tmp}/profile',
                        '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outdir, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.move(os.path.join(outdir, 'in.xlsx'), path)


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(EXPECTED, exist_ok=True)
    specs = [
        # name, sheet name, producer, number columns (0-based), mode, keep blanks, nfd header col, widths
        ('000-van-phong-ubnd-dak-nong-2020', 'Phụ lục', 'openpyxl', {2, 3, 4}, 'typed', True, None,
         [8, 40, 10, 10, 10, 50, 14, 20]),
        ('002-ubnd-ninh-son-766-2022', 'Phân công', 'xlsxwriter', set(), 'typed', False, None,
         [8, 50, 25, 25, 25]),
        ('003-so-khcn-dak-nong-2023', 'PL', 'libreoffice', {2, 3, 4}, 'real', False, 2,
         [8, 45, 10, 10, 10, 45, 25]),
        ('004-khac-phuc-2023', 'Sheet1', 'xlsxwriter-constant-memory', set(), 'typed', False, None,
         [6, 50, 30, 30, 25]),
    ]
    for name, sheet, producer, numcols, mode, keep_blanks, nfd_col, widths in specs:
        rows, merges, expected = plan(name, numcols, mode, keep_blanks, nfd_col)
        if name.startswith('002'):
            # Person names as some offices' files hold them: decomposed (NFD).
            rows = [(r, [unicodedata.normalize('NFD', v) if (i == 4 and isinstance(v, str) and k == 'data') else v
                         for i, v in enumerate(vals)], k) for r, vals, k in rows]
            for e in expected:
                if isinstance(e['cells'][4], str):
                    e['cells'][4] = unicodedata.normalize('NFD', e['cells'][4])
        if name.startswith('003'):
            # A header with a line break inside the cell, as Excel's Alt+Enter makes.
            rows = [(r, [v.replace('Mục tiêu năm', 'Mục tiêu\nnăm') if (k == 'header' and isinstance(v, str)) else v
                         for v in vals], k) for r, vals, k in rows]
        path = os.path.join(OUT, name + '.xlsx')
        if producer == 'openpyxl':
            write_openpyxl(path, sheet, rows, merges, widths)
        elif producer == 'libreoffice':
            write_openpyxl(path, sheet, rows, merges, widths)
            resave_with_libreoffice(path)
        else:
            # constant_memory cannot merge ranges except on the current row: fine here.
            write_xlsxwriter(path, sheet, rows, merges, widths, producer.endswith('constant-memory'))
        header = next(vals for r, vals, k in rows if k == 'header')
        with open(os.path.join(EXPECTED, name + '.expected.json'), 'w', encoding='utf-8') as f:
            json.dump({'producer': producer, 'sheet': sheet,
                       'headerRow': next(r for r, vals, k in rows if k == 'header'),
                       'header': header, 'rows': expected}, f, ensure_ascii=False, indent=1)
        print(f'{path}: {len(expected)} data rows ({producer})')


if __name__ == '__main__':
    main()
