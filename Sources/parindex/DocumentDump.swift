import XLSX

/// For `inspect` of a Word `.docx`: which tables of the document each sheet is made of.
enum DocumentDump {
    static func origins(_ document: DOCXReader, sheets: [SheetInfo], out: OutputBuffer) throws {
        guard !sheets.isEmpty else {
            out.write("\nVăn bản Word không có bảng nào.\n")
            return
        }
        out.write("\nCác bảng của văn bản Word (mỗi trang tính là một bảng, hoặc các bảng nối tiếp nhau qua các trang):\n")
        for sheet in sheets {
            let titles = try document.titleLines(of: sheet)
            var parts = try document.origins(of: sheet).map { origin in
                let rows = origin.rows.count == 1 ? "dòng \(origin.rows.lowerBound)"
                    : "dòng \(origin.rows.lowerBound)–\(origin.rows.upperBound)"
                var part = "bảng \(origin.table): \(rows)"
                if !origin.repeatedHeaderRows.isEmpty {
                    part += " (dòng tiêu đề lặp lại mỗi trang: \(origin.repeatedHeaderRows.map(String.init).joined(separator: ", ")))"
                }
                return part
            }
            if !titles.isEmpty {
                parts.insert("đoạn văn phía trên bảng: " + (titles.count == 1 ? "dòng 1" : "dòng 1–\(titles.count)"), at: 0)
            }
            out.write("  \"\(sheet.name)\": \(parts.joined(separator: "; "))\n")
        }
    }
}
