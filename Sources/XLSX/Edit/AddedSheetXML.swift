/// The worksheet XML of an ``AddedSheet``: inline strings (no shared-strings change),
/// `location` hyperlinks (no relationships), styles added to the stylesheet.
enum AddedSheetXML {
    static func xml(_ sheet: AddedSheet, namespace: String, selected: Bool, styles: StylesPatch) -> [UInt8] {
        var rowsXML = ""
        var links: [(CellReference, CellLink)] = []
        var lastColumn = 1
        for (r, row) in sheet.rows.enumerated() {
            let number = r + 1
            var attributes = " r=\"\(number)\""
            if let height = row.height { attributes += " ht=\"\(StylesPatch.number(height))\" customHeight=\"1\"" }
            rowsXML += "<row\(attributes)>"
            for (c, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                let ref = CellReference(row: number, column: c + 1)
                lastColumn = max(lastColumn, c + 1)
                let s = styles.format(for: cell.style, link: cell.link != nil)
                if let link = cell.link { links.append((ref, link)) }
                switch cell.value {
                case .number(let n)?:
                    rowsXML += "<c r=\"\(ref.a1)\" s=\"\(s)\"><v>\(StylesPatch.number(n))</v></c>"
                case .bool(let b)?:
                    rowsXML += "<c r=\"\(ref.a1)\" s=\"\(s)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                case nil:
                    rowsXML += "<c r=\"\(ref.a1)\" s=\"\(s)\"/>"
                case let value?:
                    rowsXML += "<c r=\"\(ref.a1)\" s=\"\(s)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        + XMLText.escape(value.description) + "</t></is></c>"
                }
            }
            rowsXML += "</row>"
        }
        let lastRow = max(sheet.rows.count, 1)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<worksheet xmlns=\"\(namespace)\">"
        if sheet.pageSetup.fitToWidth { xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        xml += "<dimension ref=\"\(CellRange(first: CellReference(row: 1, column: 1), last: CellReference(row: lastRow, column: lastColumn)).a1)\"/>"
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if sheet.frozenRows > 0 {
            let top = CellReference(row: sheet.frozenRows + 1, column: 1).a1
            xml += "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>"
            for (i, width) in sheet.columnWidths.enumerated() {
                xml += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(StylesPatch.number(width))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>\(rowsXML)</sheetData>"
        if !sheet.mergedRanges.isEmpty {
            xml += "<mergeCells count=\"\(sheet.mergedRanges.count)\">"
                + sheet.mergedRanges.map { "<mergeCell ref=\"\($0.a1)\"/>" }.joined() + "</mergeCells>"
        }
        if !links.isEmpty {
            xml += "<hyperlinks>"
            for (ref, link) in links {
                xml += "<hyperlink ref=\"\(ref.a1)\" location=\"\(XMLText.escape(link.location))\" display=\"\(XMLText.escape(link.cell.a1))\"/>"
            }
            xml += "</hyperlinks>"
        }
        let setup = sheet.pageSetup
        if setup.centerHorizontally { xml += "<printOptions horizontalCentered=\"1\"/>" }
        let m = setup.margins
        func inches(_ mm: Double?, _ fallback: Double) -> String {
            StylesPatch.number(mm.map { ($0 / 25.4 * 1000).rounded() / 1000 } ?? fallback)
        }
        xml += "<pageMargins left=\"\(inches(m?.left, 0.7))\" right=\"\(inches(m?.right, 0.7))\" top=\"\(inches(m?.top, 0.75))\" "
            + "bottom=\"\(inches(m?.bottom, 0.75))\" header=\"\(inches(m?.header, 0.3))\" footer=\"\(inches(m?.footer, 0.3))\"/>"
        xml += "<pageSetup paperSize=\"\(setup.paper.rawValue)\" orientation=\"\(setup.orientation == .landscape ? "landscape" : "portrait")\""
        if setup.fitToWidth { xml += " fitToWidth=\"1\" fitToHeight=\"0\"" }
        xml += "/>"
        if setup.header != nil || setup.footer != nil {
            xml += "<headerFooter>"
            if let header = setup.header { xml += "<oddHeader>\(XMLText.escape(header))</oddHeader>" }
            if let footer = setup.footer { xml += "<oddFooter>\(XMLText.escape(footer))</oddFooter>" }
            xml += "</headerFooter>"
        }
        xml += "</worksheet>"
        return Array(xml.utf8)
    }
}
