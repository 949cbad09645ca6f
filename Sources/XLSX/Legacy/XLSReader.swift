import CFreeXL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a legacy Excel 97–2003 (BIFF8) or Excel 5.0/95 (BIFF5) workbook through libfreexl.
///
/// Before libfreexl sees the file (it loads it whole and allocates every sheet's declared
/// grid), the file size is checked against ``ReadLimits/maxPartBytes`` and the BIFF
/// records against ``ReadLimits/maxLegacyGridCells``; a password record is refused as for
/// `.xlsx`. Cells, shared strings, numbers, dates and times come from libfreexl; sheet
/// visibility, merged ranges and hidden rows from the records themselves. Fonts are not
/// available (``Cell/fontName`` is nil). Not thread-safe: use one reader per thread.
public final class XLSReader: SpreadsheetReader {
    public let displayName: String
    public var format: SpreadsheetFormat { .xls }
    public let sheets: [SheetInfo]
    public let uses1904DateSystem: Bool

    private let handle: UnsafeRawPointer
    private let limits: ReadLimits
    /// For each of ``sheets``: libfreexl's worksheet index and what the records said.
    private let details: [(index: UInt16, scan: BIFFScan.Sheet?)]

    /// Opens a `.xls` file or in-memory bytes (written to a private temporary file that is
    /// removed at once: libfreexl reads only from a path). Throws ``XLSXError``.
    public init(source: SpreadsheetSource, limits: ReadLimits = .default) throws {
        displayName = source.displayName
        self.limits = limits
        let bytes: [UInt8]
        switch source {
        case .file(let path): bytes = try Self.load(path: path, limit: limits.maxPartBytes)
        case .bytes(let data, _):
            guard data.count <= limits.maxPartBytes else { throw Self.tooLarge(limits) }
            bytes = data
        }

        // The records first: password, grid sizes, sheet states, merges.
        let compound: CompoundFile
        let stream: (name: String, data: [UInt8])?
        do {
            compound = try CompoundFile(bytes: bytes)
            stream = try compound.stream(named: ["Workbook", "Book", "WORKBOOK", "BOOK"])
        } catch CompoundFile.Failure.malformed(let why) {
            throw XLSXError.damagedLegacy(why)
        }
        guard let stream else { throw XLSXError.damagedLegacy("không có luồng dữ liệu Workbook") }
        let scan = BIFFScan(stream: stream.data)
        if scan.encrypted { throw XLSXError.encrypted }
        guard scan.gridCells <= limits.maxLegacyGridCells else {
            throw XLSXError.limitExceeded(part: stream.name,
                                          limit: "vùng khai báo quá \(LimitText.count(limits.maxLegacyGridCells)) ô")
        }

        // libfreexl reads from a path: the user's file, or a private copy of the bytes.
        var opened: UnsafeRawPointer?
        let code: Int32
        switch source {
        case .file(let path):
            code = freexl_open(path, &opened)
        case .bytes:
            let temporary = try Self.writeTemporary(bytes)
            code = freexl_open(temporary, &opened)
            unlink(temporary)
        }
        guard code == FREEXL_OK, let opened else {
            if let opened { freexl_close(opened) }
            throw Self.openError(code)
        }
        handle = opened

        var info: UInt32 = 0
        if freexl_get_info(opened, UInt16(FREEXL_BIFF_PASSWORD), &info) == FREEXL_OK,
           info == UInt32(FREEXL_BIFF_OBFUSCATED) {
            freexl_close(opened)
            throw XLSXError.encrypted
        }
        uses1904DateSystem = freexl_get_info(opened, UInt16(FREEXL_BIFF_DATEMODE), &info) == FREEXL_OK
            && info == UInt32(FREEXL_BIFF_DATEMODE_1904)
        var count: UInt32 = 0
        _ = freexl_get_info(opened, UInt16(FREEXL_BIFF_SHEET_COUNT), &count)

        // libfreexl lists worksheets only; pair them with the records' worksheets in order.
        let worksheets = scan.sheets.filter(\.isWorksheet)
        let paired = worksheets.count == Int(count)
        var infos: [SheetInfo] = []
        var details: [(index: UInt16, scan: BIFFScan.Sheet?)] = []
        for i in 0..<min(count, UInt32(UInt16.max)) {
            var cName: UnsafePointer<CChar>?
            let name = freexl_get_worksheet_name(opened, UInt16(i), &cName) == FREEXL_OK && cName != nil
                ? String(cString: cName!) : "Sheet\(i + 1)"
            let sheetScan = paired ? worksheets[Int(i)] : nil
            infos.append(SheetInfo(name: name, state: sheetScan?.state ?? .visible, index: Int(i),
                                   partName: "\(stream.name)/\(name)"))
            details.append((UInt16(i), sheetScan))
        }
        sheets = infos
        self.details = details
    }

    /// Opens a `.xls` file. Throws ``XLSXError``.
    public convenience init(path: String, limits: ReadLimits = .default) throws {
        try self.init(source: .file(path: path), limits: limits)
    }

    deinit {
        freexl_close(handle)
    }

    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary {
        guard sheet.index >= 0, sheet.index < details.count else { throw XLSXError.sheetNotFound(sheet.name) }
        let detail = details[sheet.index]
        guard freexl_select_active_worksheet(handle, detail.index) == FREEXL_OK else {
            throw XLSXError.damagedLegacy("không đọc được trang tính \"\(sheet.name)\"")
        }
        var rowCount32: UInt32 = 0
        var columnCount16: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rowCount32, &columnCount16) == FREEXL_OK else {
            throw XLSXError.damagedLegacy("không đọc được kích thước trang tính \"\(sheet.name)\"")
        }
        let rowCount = min(Int(rowCount32), CellReference.maxRow)
        let columnCount = min(Int(columnCount16), CellReference.maxColumn)
        let hidden = detail.scan?.hiddenRows ?? []
        let extra = detail.scan?.extraCells ?? [:]
        var rows = 0
        var cellsRead = 0
        var cells: [Cell] = []
        for r in 0..<rowCount {
            cells.removeAll(keepingCapacity: true)
            let extraRow = extra[r]
            for c in 0..<columnCount {
                // The records' value first: libfreexl reads booleans as 0/1 and formulas
                // poorly; its value otherwise.
                var cellValue = extraRow?[c]
                if cellValue == nil {
                    var value = FreeXL_CellValue()
                    guard freexl_get_cell_value(handle, UInt32(r), UInt16(c), &value) == FREEXL_OK else { continue }
                    cellValue = try self.value(value, sheet: sheet, row: r, column: c)
                }
                guard let cellValue else { continue }
                cellsRead += 1
                if cellsRead > limits.maxCellsPerSheet {
                    throw XLSXError.limitExceeded(
                        part: sheet.partName, limit: "quá \(LimitText.count(limits.maxCellsPerSheet)) ô trong một trang tính")
                }
                cells.append(Cell(reference: CellReference(row: r + 1, column: c + 1), value: cellValue))
            }
            guard !cells.isEmpty else { continue }
            rows += 1
            try body(Row(number: r + 1, cells: cells, hidden: hidden.contains(r)))
        }
        let dimension = rowCount > 0 && columnCount > 0
            ? CellRange(first: CellReference(row: 1, column: 1), last: CellReference(row: rowCount, column: columnCount))
            : nil
        return SheetSummary(dimension: dimension, mergedRanges: detail.scan?.merged ?? [],
                            rowCount: rows, cellCount: cellsRead)
    }

    // MARK: - Values

    private func value(_ cell: FreeXL_CellValue, sheet: SheetInfo, row: Int, column: Int) throws -> CellValue? {
        switch Int32(cell.type) {
        case FREEXL_CELL_INT:
            return .number(Double(cell.value.int_value))
        case FREEXL_CELL_DOUBLE:
            return .number(cell.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
            guard let text = cell.value.text_value else { return nil }
            let length = strlen(text)
            if length > limits.maxStringBytes {
                throw XLSXError.limitExceeded(part: sheet.partName, limit: "một chuỗi dài quá \(LimitText.bytes(limits.maxStringBytes))")
            }
            return length == 0 ? nil : .string(String(cString: text))
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            guard let text = cell.value.text_value else { return nil }
            let iso = String(cString: text).replacingSpaceWithT()
            if let date = ISODate.parse(iso, date1904: uses1904DateSystem) { return .date(date) }
            return .string(String(cString: text))
        case FREEXL_CELL_TIME:
            guard let text = cell.value.text_value else { return nil }
            let parts = String(cString: text).split(separator: ":").compactMap { Int($0) }
            guard parts.count == 3 else { return .string(String(cString: text)) }
            let serial = Double(parts[0] * 3600 + parts[1] * 60 + parts[2]) / 86_400
            return SpreadsheetDate(serial: serial, date1904: uses1904DateSystem).map { .date($0) }
        default:
            return nil
        }
    }

    // MARK: - Files

    private static func tooLarge(_ limits: ReadLimits) -> XLSXError {
        .limitExceeded(part: "Workbook", limit: "tệp .xls quá \(LimitText.bytes(limits.maxPartBytes))")
    }

    /// Reads the whole file (libfreexl will too), refusing it first when it is too large.
    private static func load(path: String, limit: Int) throws -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw XLSXError.cannotOpen(errno == ENOENT ? "tệp không tồn tại" : "không truy cập được tệp")
        }
        guard Int(st.st_size) <= limit else { throw tooLarge(ReadLimits(maxPartBytes: limit)) }
        guard let fp = fopen(path, "rb") else { throw XLSXError.cannotOpen("không đọc được tệp") }
        defer { fclose(fp) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let got = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, fp) }
        guard got == bytes.count else { throw XLSXError.cannotOpen("không đọc được tệp") }
        return bytes
    }

    /// Writes bytes to a new private file (mode 0600) under `$TMPDIR` or `/tmp`, named by
    /// us, never by the sender. Returns its path.
    private static func writeTemporary(_ bytes: [UInt8]) throws -> String {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/parindex-xls-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw XLSXError.cannotOpen("không tạo được tệp tạm") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else {
                unlink(path)
                throw XLSXError.cannotOpen("không ghi được tệp tạm")
            }
            offset += n
        }
        return path
    }

    private static func openError(_ code: Int32) -> XLSXError {
        switch code {
        case FREEXL_FILE_NOT_FOUND: return .cannotOpen("không đọc được tệp")
        case FREEXL_INSUFFICIENT_MEMORY: return .damagedLegacy("không đủ bộ nhớ để đọc tệp")
        case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return .damagedLegacy("không có luồng dữ liệu Workbook")
        case FREEXL_CRAFTED_FILE: return .damagedLegacy("cấu trúc tệp bất thường, có thể là tệp độc hại")
        default: return .damagedLegacy("lỗi đọc số \(code)")
        }
    }
}

private extension String {
    /// `2024-03-01 08:30:00` → `2024-03-01T08:30:00`, as ``ISODate`` reads it.
    func replacingSpaceWithT() -> String {
        String(map { $0 == " " ? "T" : $0 })
    }
}
