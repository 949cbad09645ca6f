#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams one worksheet part: turns `<row>`/`<c>` events into ``Row`` values, collecting
/// the dimension and merged ranges on the way. Completed rows are queued and handed out
/// after each parsed chunk, so the caller's code never runs inside expat's callbacks.
final class SheetStreamer: XMLContentHandler {
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    private enum Capture {
        case none, value, formula, inlineText
    }

    let part: String
    private let limits: ReadLimits
    private let sharedStrings: [String]
    private let styles: CellStyles
    private let date1904: Bool

    // Summary
    @exclusivity(unchecked) private(set) var dimension: CellRange?
    @exclusivity(unchecked) private(set) var mergedRanges: [CellRange] = []
    @exclusivity(unchecked) private(set) var rowCount = 0
    @exclusivity(unchecked) private(set) var cellCount = 0

    /// Rows completed since the last ``drain(_:)``.
    @exclusivity(unchecked) private var pending: [Row] = []

    // Row state
    @exclusivity(unchecked) private var inSheetData = false
    @exclusivity(unchecked) private var inRow = false
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) private var rowHadNumber = false
    @exclusivity(unchecked) private var rowHidden = false
    @exclusivity(unchecked) private var lastColumn = 0
    @exclusivity(unchecked) private var cells: [Cell] = []
    @exclusivity(unchecked) private var cellsSorted = true

    // Cell state
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var cellRow = 0
    @exclusivity(unchecked) private var cellColumn = 0
    @exclusivity(unchecked) private var cellType = CellType.number
    @exclusivity(unchecked) private var cellIsDateStyle = false
    @exclusivity(unchecked) private var cellFontName: String?
    @exclusivity(unchecked) private var hasValue = false
    @exclusivity(unchecked) private var hasInline = false
    @exclusivity(unchecked) private var inInline = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var capture = Capture.none
    @exclusivity(unchecked) private var value: TextBuffer
    @exclusivity(unchecked) private var formula: TextBuffer
    @exclusivity(unchecked) private var inlineText: TextBuffer

    init(part: String, limits: ReadLimits, sharedStrings: [String], styles: CellStyles, date1904: Bool) {
        self.part = part
        self.limits = limits
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        value = TextBuffer(limit: limits.maxStringBytes)
        formula = TextBuffer(limit: limits.maxStringBytes)
        inlineText = TextBuffer(limit: limits.maxStringBytes)
    }

    /// Hands the queued rows to `body`, in order.
    func drain(_ body: (Row) throws -> Void) throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        for row in rows { try body(row) }
    }

    var wantsCharacters: Bool { capture != .none }

    // MARK: - Events

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        switch name {
        case .c where inRow:
            try startCell(attributes)
        case .v where inCell:
            hasValue = true
            capture = .value
        case .f where inCell:
            capture = .formula
        case .is where inCell:
            hasInline = true
            inInline = true
        case .t where inInline && phoneticDepth == 0:
            capture = .inlineText
        case .rPh where inInline:
            phoneticDepth += 1
        case .row where inSheetData:
            try startRow(attributes)
        case .sheetData:
            inSheetData = true
        case .dimension:
            attributes.forEach { attr, value in
                if attr == .ref { dimension = CellRange(a1: String(cString: value)) }
            }
        case .mergeCell:
            var text: String?
            attributes.forEach { attr, value in
                if attr == .ref { text = String(cString: value) }
            }
            if let text {
                guard let range = CellRange(a1: text) else {
                    throw XLSXError.invalidCellReference(part: part, reference: text)
                }
                mergedRanges.append(range)
            }
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        switch name {
        case .v, .f, .t:
            capture = .none
        case .rPh:
            phoneticDepth = max(0, phoneticDepth - 1)
        case .is:
            inInline = false
        case .c where inCell:
            try endCell()
        case .row where inRow:
            endRow()
        case .sheetData:
            inSheetData = false
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeRawBufferPointer) throws {
        switch capture {
        case .value: try value.append(bytes, part: part)
        case .formula: try formula.append(bytes, part: part)
        case .inlineText: try inlineText.append(bytes, part: part)
        case .none: break
        }
    }

    // MARK: - Rows

    private func startRow(_ attributes: XMLAttributes) throws {
        var explicit: Int?
        var hidden = false
        try attributes.forEach { attr, value in
            if attr == .hidden { hidden = CBytes.isTrue(value); return }
            guard attr == .r else { return }
            guard let n = CBytes.parseInt(value, max: CellReference.maxRow), n >= 1 else {
                throw XLSXError.invalidCellReference(part: part, reference: String(cString: value))
            }
            explicit = n
        }
        rowHidden = hidden
        if let explicit {
            rowNumber = explicit
            rowHadNumber = true
        } else {
            rowNumber += 1
            rowHadNumber = false
            if rowNumber > CellReference.maxRow {
                throw XLSXError.invalidCellReference(part: part, reference: String(rowNumber))
            }
        }
        inRow = true
        lastColumn = 0
        cellsSorted = true
        cells.removeAll(keepingCapacity: true)
    }

    private func endRow() {
        inRow = false
        guard !cells.isEmpty else { return }
        if !cellsSorted {
            // Stable: keeps file order for equal columns.
            cells = cells.enumerated().sorted {
                ($0.element.reference.column, $0.offset) < ($1.element.reference.column, $1.offset)
            }.map(\.element)
        }
        pending.append(Row(number: rowNumber, cells: cells, hidden: rowHidden))
        rowCount += 1
    }

    // MARK: - Cells

    private func startCell(_ attributes: XMLAttributes) throws {
        var column: Int?
        var row: Int?
        var type = CellType.number
        var style = 0
        try attributes.forEach { attr, value in
            switch attr {
            case .r:
                guard let (r, c) = Self.parseReference(value) else {
                    throw XLSXError.invalidCellReference(part: part, reference: String(cString: value))
                }
                row = r
                column = c
            case .t:
                type = Self.cellType(value)
            case .s:
                style = CBytes.parseInt(value) ?? 0
            default:
                break
            }
        }
        if let row, !rowHadNumber {
            // `<row>` without `r` but cells with it: trust the cells.
            rowNumber = row
            rowHadNumber = true
        }
        let col: Int
        if let column {
            col = column
        } else {
            col = lastColumn + 1
            if col > CellReference.maxColumn {
                throw XLSXError.invalidCellReference(
                    part: part, reference: CellReference.columnName(col) + String(rowNumber))
            }
        }
        if col <= lastColumn { cellsSorted = false }
        lastColumn = max(lastColumn, col)
        cellColumn = col
        cellRow = rowNumber
        cellType = type
        cellIsDateStyle = style < styles.isDate.count && styles.isDate[style]
        cellFontName = style < styles.fontName.count ? styles.fontName[style] : nil
        inCell = true
        hasValue = false
        hasInline = false
        inInline = false
        phoneticDepth = 0
        capture = .none
        if !value.isEmpty { value.removeAll() }
        if !formula.isEmpty { formula.removeAll() }
        if !inlineText.isEmpty { inlineText.removeAll() }
    }

    private func endCell() throws {
        inCell = false
        inInline = false
        capture = .none
        let reference = CellReference(row: cellRow, column: cellColumn)
        let cellValue: CellValue
        switch cellType {
        case .sharedString:
            guard hasValue else { return }
            guard let index = parseIndex(value.bytes), index < sharedStrings.count else {
                throw XLSXError.sharedStringOutOfRange(
                    part: part, cell: reference.a1, index: parseIndex(value.bytes) ?? -1, count: sharedStrings.count)
            }
            cellValue = .string(sharedStrings[index])
        case .inlineString:
            if hasInline {
                cellValue = .string(inlineText.decodedString())
            } else if hasValue {
                cellValue = .string(value.decodedString())
            } else {
                return
            }
        case .formulaString:
            guard hasValue else { return }
            cellValue = .string(value.decodedString())
        case .boolean:
            guard hasValue, !value.isEmpty else { return }
            let b = trimmed(value.bytes)
            cellValue = .bool(b.elementsEqual("1".utf8) || b.elementsEqual("true".utf8))
        case .error:
            guard hasValue, !value.isEmpty else { return }
            cellValue = .error(String(decoding: value.bytes, as: UTF8.self))
        case .isoDate:
            guard hasValue, !value.isEmpty else { return }
            let text = String(decoding: value.bytes, as: UTF8.self)
            if let date = ISODate.parse(text, date1904: date1904) {
                cellValue = .date(date)
            } else {
                cellValue = .string(text)
            }
        case .number:
            guard hasValue, !value.isEmpty else {
                if hasInline { // inline text without t="inlineStr"
                    cellValue = .string(inlineText.decodedString())
                    break
                }
                return
            }
            if let number = Self.parseNumber(value.bytes) {
                if cellIsDateStyle, let date = SpreadsheetDate(serial: number, date1904: date1904) {
                    cellValue = .date(date)
                } else {
                    cellValue = .number(number)
                }
            } else {
                cellValue = .string(value.decodedString())
            }
        }
        cellCount += 1
        if cellCount > limits.maxCellsPerSheet {
            throw XLSXError.limitExceeded(
                part: part, limit: "quá \(LimitText.count(limits.maxCellsPerSheet)) ô trong một trang tính")
        }
        let formulaText = formula.isEmpty ? nil : String(decoding: formula.bytes, as: UTF8.self)
        cells.append(Cell(reference: reference, value: cellValue, formula: formulaText, fontName: cellFontName))
    }

    // MARK: - Byte parsing

    private static func cellType(_ value: UnsafePointer<CChar>) -> CellType {
        switch UInt8(bitPattern: value[0]) {
        case UInt8(ascii: "s"):
            if value[1] == 0 { return .sharedString }
            if CBytes.equals(value, "str") { return .formulaString }
        case UInt8(ascii: "i"):
            if CBytes.equals(value, "inlineStr") { return .inlineString }
        case UInt8(ascii: "b"):
            if value[1] == 0 { return .boolean }
        case UInt8(ascii: "e"):
            if value[1] == 0 { return .error }
        case UInt8(ascii: "d"):
            if value[1] == 0 { return .isoDate }
        default:
            break
        }
        return .number
    }

    /// Parses `B12` / `$B$12` into (row, column) within Excel's limits.
    @inline(__always)
    static func parseReference(_ value: UnsafePointer<CChar>) -> (Int, Int)? {
        var p = value
        var column = 0
        var row = 0
        if p.pointee == 0x24 { p += 1 }
        while true {
            let b = UInt8(bitPattern: p.pointee) & 0xDF
            guard b >= UInt8(ascii: "A"), b <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(b - UInt8(ascii: "A") + 1)
            if column > CellReference.maxColumn { return nil }
            p += 1
        }
        if p.pointee == 0x24 { p += 1 }
        var digits = 0
        while p.pointee >= 0x30, p.pointee <= 0x39 {
            row = row * 10 + Int(p.pointee - 0x30)
            if row > CellReference.maxRow { return nil }
            digits += 1
            p += 1
        }
        guard p.pointee == 0, column >= 1, digits > 0, row >= 1 else { return nil }
        return (row, column)
    }

    private func parseIndex(_ bytes: [UInt8]) -> Int? {
        let digits = trimmed(bytes)
        guard !digits.isEmpty, digits.count <= 12 else { return nil }
        var n = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    private func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var lo = 0
        var hi = bytes.count
        while lo < hi, bytes[lo] <= 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] <= 0x20 { hi -= 1 }
        return bytes[lo..<hi]
    }

    /// Parses an XML number (`-12.5`, `1E-3`); nil for anything else (no hex, no `inf`).
    static func parseNumber(_ bytes: [UInt8]) -> Double? {
        var lo = 0
        var hi = bytes.count
        while lo < hi, bytes[lo] <= 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] <= 0x20 { hi -= 1 }
        guard lo < hi, hi - lo < 64 else { return nil }
        // Fast path (Clinger): [-]digits[.digits] with at most 15 significant digits is
        // exact as an integer, and one division by an exact power of ten rounds correctly.
        var mantissa = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        var simple = true
        var sawDigit = false
        var i = lo
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < hi {
            let b = bytes[i]
            switch b {
            case 0x30...0x39:
                sawDigit = true
                if mantissa > 0 || b != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ Int(b - 0x30)
                if seenPoint { fraction += 1 }
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"):
                simple = false
            default:
                return nil
            }
            i += 1
        }
        guard sawDigit else { return nil }
        if simple, digits <= 15, fraction <= 22 {
            let magnitude = Double(mantissa) / powersOfTen[fraction]
            return negative ? -magnitude : magnitude
        }
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw -> Double? in
            for i in lo..<hi { raw[i - lo] = bytes[i] }
            raw[hi - lo] = 0
            let start = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>?
            let result = strtod(start, &end)
            guard let end, end - start == hi - lo, result.isFinite else { return nil }
            return result
        }
    }
}

private let powersOfTen: [Double] = (0...22).map { k in
    var p = 1.0
    for _ in 0..<k { p *= 10 }
    return p
}

/// ISO 8601 dates of `t="d"` cells (strict OOXML): `2024-03-01` or `2024-03-01T08:30:00`.
enum ISODate {
    static func parse(_ text: String, date1904: Bool) -> SpreadsheetDate? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var n = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                n = n * 10 + Int(bytes[i] - 0x30)
            }
            return n
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var h = 0, mi = 0, s = 0
        if bytes.count >= 19, bytes[10] == UInt8(ascii: "T") {
            guard let hh = number(11..<13), let mm = number(14..<16), let ss = number(17..<19),
                  hh < 24, mm < 60, ss < 60 else { return nil }
            h = hh; mi = mm; s = ss
        }
        // Days from civil (Howard Hinnant), then the serial in the workbook's system.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let unixDays = era * 146_097 + doe - 719_468
        var serialDays: Int
        if date1904 {
            serialDays = unixDays + 24_107
        } else {
            serialDays = unixDays + 25_569
            if serialDays <= 60 { serialDays -= 1 } // before Excel's phantom 29 Feb 1900
        }
        let serial = Double(serialDays) + Double(h * 3600 + mi * 60 + s) / 86_400
        return SpreadsheetDate(year: y, month: m, day: d, hour: h, minute: mi, second: s, serial: serial)
    }
}
