/// Streams one table of an OpenDocument `content.xml` into ``Row`` values.
///
/// Repetition is bounded: an empty row or cell repeated any number of times only moves the
/// row or column counter (LibreOffice ends sheets with an empty row repeated ~1,048,000
/// times); a row with values repeated N times is queued once with its count and expanded
/// only while rows are handed out, so memory holds one copy. Columns stop at 16,384 and
/// rows at 1,048,576, cells at ``ReadLimits/maxCellsPerSheet``. Merged ranges come from
/// `number-rows-spanned`/`number-columns-spanned`; hidden rows from
/// `table:visibility="collapse"` (or `"filter"`).
final class ODSSheetStreamer: XMLRawNameHandler {
    private struct PendingRow {
        var first: Int
        var count: Int
        var hidden: Bool
        var cells: [(column: Int, value: CellValue, formula: String?, font: String?)]
    }

    let part: String
    private let limits: ReadLimits
    private let wantedTable: Int
    private let date1904: Bool
    private let fonts: [String: String]

    private(set) var mergedRanges: [CellRange] = []
    private(set) var rowCount = 0
    private(set) var cellCount = 0
    private var pending: [PendingRow] = []

    // Position
    private var tableIndex = -1
    private var tableDepth = 0
    private var active: Bool { tableDepth == 1 && tableIndex == wantedTable }
    private var nextRow = 1 // 1-based number of the next row
    private var column = 1 // 1-based number of the next cell

    // Row state
    private var inRow = false
    private var rowRepeat = 1
    private var rowHidden = false
    private var rowCells: [(column: Int, value: CellValue, formula: String?, font: String?)] = []

    // Cell state
    private var inCell = false
    private var cellRepeat = 1
    private var spanRows = 1
    private var spanColumns = 1
    private var valueType: String?
    private var calcValueType: String?
    private var valueAttr: String?
    private var dateAttr: String?
    private var timeAttr: String?
    private var boolAttr: String?
    private var stringAttr: String?
    private var formulaAttr: String?
    private var cellStyle: String?
    private var paragraphs = 0
    private var inParagraph = 0
    private var annotationDepth = 0
    private var text: TextBuffer

    init(part: String, limits: ReadLimits, table: Int, date1904: Bool, fonts: [String: String]) {
        self.part = part
        self.limits = limits
        self.wantedTable = table
        self.date1904 = date1904
        self.fonts = fonts
        text = TextBuffer(limit: limits.maxStringBytes)
    }

    var wantsCharacters: Bool { inCell && inParagraph > 0 && annotationDepth == 0 }

    /// Hands the queued rows to `body`, expanding repeated rows one at a time.
    func drain(_ body: (Row) throws -> Void) throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        for row in rows {
            for k in 0..<row.count {
                let number = row.first + k
                let cells = row.cells.map {
                    Cell(reference: CellReference(row: number, column: $0.column), value: $0.value,
                         formula: $0.formula, fontName: $0.font)
                }
                try body(Row(number: number, cells: cells, hidden: row.hidden))
            }
        }
    }

    // MARK: - Events

    func startElement(raw name: UnsafePointer<CChar>, _ attributes: XMLAttributes) throws {
        let kind = ODFName.classify(name)
        if kind == .table {
            tableDepth += 1
            if tableDepth == 1 { tableIndex += 1 }
            return
        }
        guard active else { return }
        switch kind {
        case .tableRow:
            try startRow(attributes)
        case .tableCell, .coveredTableCell:
            guard inRow else { return }
            startCell(attributes)
        case .annotation:
            annotationDepth += 1
        case .p where inCell && annotationDepth == 0:
            if paragraphs > 0 { try appendText("\n") }
            paragraphs += 1
            inParagraph += 1
        case .s where inParagraph > 0 && annotationDepth == 0:
            var count = 1
            attributes.forEachODF { attr, value in
                if attr == .textC { count = CBytes.parseInt(value, max: 1 << 20) ?? 1 }
            }
            try appendText(String(repeating: " ", count: max(1, count)))
        case .tab where inParagraph > 0 && annotationDepth == 0:
            try appendText("\t")
        case .lineBreak where inParagraph > 0 && annotationDepth == 0:
            try appendText("\n")
        default:
            break
        }
    }

    func endElement(raw name: UnsafePointer<CChar>) throws {
        let kind = ODFName.classify(name)
        if kind == .table {
            tableDepth -= 1
            return
        }
        guard active else { return }
        switch kind {
        case .tableRow where inRow:
            try endRow()
        case .tableCell, .coveredTableCell:
            if inCell { try endCell() }
        case .annotation:
            annotationDepth = max(0, annotationDepth - 1)
        case .p where inParagraph > 0 && annotationDepth == 0:
            inParagraph -= 1
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {
        try text.append(bytes, part: part)
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {}
    func endElement(_ name: XMLName) throws {}

    private func appendText(_ s: String) throws {
        var copy = s
        try copy.withUTF8 { try text.append(UnsafeRawBufferPointer($0), part: part) }
    }

    // MARK: - Rows

    private func startRow(_ attributes: XMLAttributes) throws {
        var repeatCount = 1
        var hidden = false
        attributes.forEachODF { attr, value in
            switch attr {
            case .rowsRepeated: repeatCount = max(1, CBytes.parseInt(value, max: Int(Int32.max)) ?? 1)
            case .visibility: hidden = CBytes.equals(value, "collapse") || CBytes.equals(value, "filter")
            default: break
            }
        }
        inRow = true
        rowRepeat = repeatCount
        rowHidden = hidden
        column = 1
        rowCells.removeAll(keepingCapacity: true)
    }

    private func endRow() throws {
        inRow = false
        let first = nextRow
        // Rows past the sheet's end: empty ones are the producer's padding; data is an error.
        let room = max(0, CellReference.maxRow - first + 1)
        nextRow = first + min(rowRepeat, room + 1)
        guard !rowCells.isEmpty else { return }
        guard room > 0 else {
            throw XLSXError.invalidCellReference(part: part, reference: "A\(first)")
        }
        let count = min(rowRepeat, room)
        let (total, overflow) = rowCells.count.multipliedReportingOverflow(by: count)
        cellCount += overflow ? Int.max / 2 : total
        if overflow || cellCount > limits.maxCellsPerSheet {
            throw XLSXError.limitExceeded(
                part: part, limit: "quá \(LimitText.count(limits.maxCellsPerSheet)) ô trong một trang tính")
        }
        rowCount += count
        pending.append(PendingRow(first: first, count: count, hidden: rowHidden, cells: rowCells))
    }

    // MARK: - Cells

    private func startCell(_ attributes: XMLAttributes) {
        inCell = true
        cellRepeat = 1
        spanRows = 1
        spanColumns = 1
        valueType = nil; calcValueType = nil; valueAttr = nil; dateAttr = nil; timeAttr = nil
        boolAttr = nil; stringAttr = nil; formulaAttr = nil; cellStyle = nil
        paragraphs = 0
        inParagraph = 0
        annotationDepth = 0
        text.removeAll()
        attributes.forEachODF { attr, value in
            switch attr {
            case .columnsRepeated: cellRepeat = max(1, CBytes.parseInt(value, max: Int(Int32.max)) ?? 1)
            case .rowsSpanned: spanRows = max(1, CBytes.parseInt(value, max: CellReference.maxRow) ?? 1)
            case .columnsSpanned: spanColumns = max(1, CBytes.parseInt(value, max: CellReference.maxColumn) ?? 1)
            case .valueType: valueType = String(cString: value)
            case .calcValueType: calcValueType = String(cString: value)
            case .value: valueAttr = String(cString: value)
            case .dateValue: dateAttr = String(cString: value)
            case .timeValue: timeAttr = String(cString: value)
            case .booleanValue: boolAttr = String(cString: value)
            case .stringValue: stringAttr = String(cString: value)
            case .formula: formulaAttr = String(cString: value)
            case .tableStyleName: cellStyle = String(cString: value)
            default: break
            }
        }
    }

    private func endCell() throws {
        inCell = false
        let first = column
        let room = max(0, CellReference.maxColumn - first + 1)
        column = first + min(cellRepeat, room + 1)
        if (spanRows > 1 || spanColumns > 1), first <= CellReference.maxColumn, nextRow <= CellReference.maxRow {
            let last = CellReference(row: min(nextRow + spanRows - 1, CellReference.maxRow),
                                     column: min(first + spanColumns - 1, CellReference.maxColumn))
            mergedRanges.append(CellRange(first: CellReference(row: nextRow, column: first), last: last))
        }
        guard let value = cellValue() else { return }
        guard room > 0 else {
            throw XLSXError.invalidCellReference(part: part, reference: "dòng \(nextRow), cột \(first)")
        }
        let formula = formulaAttr.map { f -> String in
            for prefix in ["of:=", "oooc:=", "msoxl:=", "="] where f.hasPrefix(prefix) { return String(f.dropFirst(prefix.count)) }
            return f
        }
        let font = cellStyle.flatMap { fonts[$0] }
        for k in 0..<min(cellRepeat, room) {
            rowCells.append((first + k, value, formula, font))
        }
    }

    private func cellValue() -> CellValue? {
        let textValue = text.isEmpty ? nil : String(decoding: text.bytes, as: UTF8.self)
        if calcValueType == "error" {
            return (textValue ?? stringAttr).map { .error($0) }
        }
        switch valueType {
        case "float", "percentage", "currency":
            if let valueAttr, let n = SheetStreamer.parseNumber(Array(valueAttr.utf8)) { return .number(n) }
            return textValue.map { .string($0) }
        case "date":
            if let dateAttr, let date = ISODate.parse(dateAttr, date1904: date1904) { return .date(date) }
            return (dateAttr ?? textValue).map { .string($0) }
        case "time":
            if let timeAttr, let serial = Self.durationDays(timeAttr),
               let date = SpreadsheetDate(serial: serial, date1904: date1904) { return .date(date) }
            return textValue.map { .string($0) }
        case "boolean":
            if let boolAttr { return .bool(boolAttr == "true" || boolAttr == "1") }
            return textValue.map { .string($0) }
        case "string":
            if let textValue { return .string(textValue) }
            if let stringAttr, !stringAttr.isEmpty { return .string(stringAttr) }
            return nil
        default:
            return textValue.map { .string($0) }
        }
    }

    /// `PT12H30M15S` (or `P1DT2H`) → days.
    static func durationDays(_ text: String) -> Double? {
        var seconds = 0.0
        var number = ""
        var inTime = false
        var sawAny = false
        for ch in text {
            switch ch {
            case "P", "-": continue
            case "T": inTime = true
            case "0"..."9", ".", ",": number.append(ch == "," ? "." : ch)
            case "D", "H", "M", "S":
                guard let n = Double(number) else { return nil }
                number = ""
                sawAny = true
                switch ch {
                case "D": seconds += n * 86_400
                case "H": seconds += n * 3600
                case "M": seconds += inTime ? n * 60 : n * 30 * 86_400
                default: seconds += n
                }
            default: return nil
            }
        }
        guard sawAny, number.isEmpty else { return nil }
        return (seconds.rounded()) / 86_400
    }
}
