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
/// `.xlsx`. Cells, shared strings, numbers, dates and times come from libfreexl, run in a
/// child process when the reader opens (``FreeXLChild``: a crash, a runaway allocation or
/// a loop inside libfreexl becomes ``XLSXError/damagedLegacy(_:)``); sheet visibility,
/// merged ranges and hidden rows from the records themselves. Fonts are not available
/// (``Cell/fontName`` is nil). Not thread-safe: use one reader per thread.
public final class XLSReader: SpreadsheetReader {
    public let displayName: String
    public var format: SpreadsheetFormat { .xls }
    public let sheets: [SheetInfo]
    public let uses1904DateSystem: Bool

    private let limits: ReadLimits
    /// Everything libfreexl returned, read in a child process.
    private let dump: FreeXLDump
    /// For each of ``sheets``: what the records said, when they pair with libfreexl's list.
    private let details: [BIFFScan.Sheet?]

    /// Opens a `.xls` file or in-memory bytes. libfreexl reads only from a path: it gets a
    /// private temporary file holding a canonical compound file with the workbook stream
    /// (``CanonicalCompoundFile``), removed once it has been read. Throws ``XLSXError``.
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
        // What libfreexl will read is exactly the stream checked here.
        let canonical = CanonicalCompoundFile(stream: stream.data, name: stream.name)
        let scan = BIFFScan(stream: canonical.stream)
        if scan.encrypted { throw XLSXError.encrypted }
        guard scan.gridCells <= limits.maxLegacyGridCells else {
            throw XLSXError.limitExceeded(part: stream.name,
                                          limit: "vùng khai báo quá \(LimitText.count(limits.maxLegacyGridCells)) ô")
        }
        if let damage = scan.damage { throw XLSXError.damagedLegacy(damage) }

        // libfreexl runs in a child process (see ``FreeXLChild``): a crash, a runaway
        // allocation or a loop inside it ends that process, not this one.
        let temporary = try Self.writeTemporary(canonical.bytes)
        defer { unlink(temporary) }
        let dump = try FreeXLChild.read(path: temporary, fileBytes: canonical.bytes.count, limits: limits)
        guard dump.openCode == FREEXL_OK else { throw Self.openError(dump.openCode) }
        if dump.password.ok, dump.password.value == UInt32(FREEXL_BIFF_OBFUSCATED) {
            throw XLSXError.encrypted
        }
        uses1904DateSystem = dump.dateMode.ok && dump.dateMode.value == UInt32(FREEXL_BIFF_DATEMODE_1904)
        self.dump = dump

        // libfreexl lists worksheets only; pair them with the records' worksheets in order.
        let worksheets = scan.sheets.filter(\.isWorksheet)
        let paired = worksheets.count == dump.sheets.count
        var infos: [SheetInfo] = []
        var details: [BIFFScan.Sheet?] = []
        for (i, sheet) in dump.sheets.enumerated() {
            let name = sheet.name ?? "Sheet\(i + 1)"
            let sheetScan = paired ? worksheets[i] : nil
            infos.append(SheetInfo(name: name, state: sheetScan?.state ?? .visible, index: i,
                                   partName: "\(stream.name)/\(name)"))
            details.append(sheetScan)
        }
        sheets = infos
        self.details = details
    }

    /// Opens a `.xls` file. Throws ``XLSXError``.
    public convenience init(path: String, limits: ReadLimits = .default) throws {
        try self.init(source: .file(path: path), limits: limits)
    }

    @discardableResult
    public func readRows(of sheet: SheetInfo, _ body: (Row) throws -> Void) throws -> SheetSummary {
        guard sheet.index >= 0, sheet.index < details.count else { throw XLSXError.sheetNotFound(sheet.name) }
        let scan = details[sheet.index]
        let freexl = dump.sheets[sheet.index]
        guard freexl.selectCode == FREEXL_OK else {
            throw XLSXError.damagedLegacy("không đọc được trang tính \"\(sheet.name)\"")
        }
        guard freexl.dimensionsCode == FREEXL_OK else {
            throw XLSXError.damagedLegacy("không đọc được kích thước trang tính \"\(sheet.name)\"")
        }
        let rowCount = min(Int(freexl.rows), CellReference.maxRow)
        let columnCount = min(Int(freexl.columns), CellReference.maxColumn)
        let hidden = scan?.hiddenRows ?? []
        let extra = scan?.extraCells ?? [:]
        // Rows holding a value the records give (formula results, booleans, errors): that
        // value wins over libfreexl's, in the grid libfreexl reports.
        var extraRows = extra.keys.filter { $0 < rowCount }.sorted()[...]
        var rows = 0
        var cellsRead = 0
        var cells: [Cell] = []
        var pending: [(column: Int, value: FreeXLDump.Value)] = []
        var pendingRow = -1

        func add(_ value: CellValue, row: Int, column: Int) throws {
            cellsRead += 1
            if cellsRead > limits.maxCellsPerSheet {
                throw XLSXError.limitExceeded(
                    part: sheet.partName, limit: "quá \(LimitText.count(limits.maxCellsPerSheet)) ô trong một trang tính")
            }
            cells.append(Cell(reference: CellReference(row: row + 1, column: column + 1), value: value))
        }
        // One row: the records' values and libfreexl's, column by column.
        func emit(row r: Int, freexlCells: [(column: Int, value: FreeXLDump.Value)]) throws {
            cells.removeAll(keepingCapacity: true)
            let extraRow = extra[r]
            var k = 0
            let extraColumns = extraRow.map { $0.keys.filter { $0 < columnCount }.sorted() } ?? []
            var e = 0
            while k < freexlCells.count || e < extraColumns.count {
                let nextFreeXL = k < freexlCells.count ? freexlCells[k].column : Int.max
                let nextExtra = e < extraColumns.count ? extraColumns[e] : Int.max
                if nextExtra <= nextFreeXL {
                    try add(extraRow![nextExtra]!, row: r, column: nextExtra)
                    e += 1
                    if nextExtra == nextFreeXL { k += 1 }
                } else {
                    if let value = try self.value(freexlCells[k].value, sheet: sheet) {
                        try add(value, row: r, column: nextFreeXL)
                    }
                    k += 1
                }
            }
            guard !cells.isEmpty else { return }
            rows += 1
            try body(Row(number: r + 1, cells: cells, hidden: hidden.contains(r)))
        }
        // The row gathered from libfreexl, after the rows before it holding only the records' values.
        func flushPending() throws {
            guard pendingRow >= 0 else { return }
            while let next = extraRows.first, next <= pendingRow {
                extraRows.removeFirst()
                if next < pendingRow { try emit(row: next, freexlCells: []) }
            }
            try emit(row: pendingRow, freexlCells: pending)
            pending.removeAll(keepingCapacity: true)
            pendingRow = -1
        }

        try dump.forEachCell(of: freexl) { cell in
            guard cell.row < rowCount, cell.column < columnCount else { return }
            if cell.row != pendingRow {
                try flushPending()
                pendingRow = cell.row
            }
            pending.append((cell.column, cell.value))
        }
        try flushPending()
        while let next = extraRows.first {
            extraRows.removeFirst()
            try emit(row: next, freexlCells: [])
        }
        let dimension = rowCount > 0 && columnCount > 0
            ? CellRange(first: CellReference(row: 1, column: 1), last: CellReference(row: rowCount, column: columnCount))
            : nil
        return SheetSummary(dimension: dimension, mergedRanges: scan?.merged ?? [],
                            rowCount: rows, cellCount: cellsRead)
    }

    // MARK: - Values

    private func value(_ value: FreeXLDump.Value, sheet: SheetInfo) throws -> CellValue? {
        switch value {
        case .int(let number):
            return .number(Double(number))
        case .double(let number):
            return .number(number)
        case .text(let type, let range):
            let text = { String(decoding: self.dump.bytes[range], as: UTF8.self) }
            switch type {
            case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
                if range.count > limits.maxStringBytes {
                    throw XLSXError.limitExceeded(part: sheet.partName, limit: "một chuỗi dài quá \(LimitText.bytes(limits.maxStringBytes))")
                }
                return range.isEmpty ? nil : .string(text())
            case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
                let iso = text().replacingSpaceWithT()
                if let date = ISODate.parse(iso, date1904: uses1904DateSystem) { return .date(date) }
                return .string(text())
            case FREEXL_CELL_TIME:
                let parts = text().split(separator: ":").compactMap { Int($0) }
                guard parts.count == 3 else { return .string(text()) }
                let serial = Double(parts[0] * 3600 + parts[1] * 60 + parts[2]) / 86_400
                return SpreadsheetDate(serial: serial, date1904: uses1904DateSystem).map { .date($0) }
            default:
                return nil
            }
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
        // freexl_open reports success without a handle when a record fails to parse.
        case FREEXL_NULL_HANDLE: return .damagedLegacy("có bản ghi BIFF không đọc được")
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
