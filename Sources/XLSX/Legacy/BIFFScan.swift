/// What a legacy workbook's BIFF record stream says beyond what libfreexl exposes, read
/// from the `Workbook` (BIFF8) or `Book` (BIFF5) stream before libfreexl sees the file:
/// sheet visibility, the password record, each sheet's declared grid (libfreexl allocates
/// rows × columns cells for every sheet when it opens the file, so a tiny file declaring
/// 65,536 × 256 on many sheets would take gigabytes), merged ranges and hidden rows.
struct BIFFScan {
    struct Sheet {
        /// Offset of the sheet's BOF record in the stream.
        var offset: Int
        var state: SheetState
        /// True for a worksheet (libfreexl lists only these); false for charts, macros…
        var isWorksheet: Bool
        var rows = 0
        var columns = 0
        var merged: [CellRange] = []
        /// 0-based numbers of rows marked hidden.
        var hiddenRows: Set<Int> = []
        /// Cells libfreexl leaves out: formula results (cached values) and booleans/errors,
        /// by 0-based row, then 0-based column.
        var extraCells: [Int: [Int: CellValue]] = [:]
    }

    private(set) var sheets: [Sheet] = []
    /// A `FILEPASS` record: the workbook is encrypted or obfuscated with a password.
    private(set) var encrypted = false
    /// Σ rows × columns over the worksheets, as declared by their `DIMENSION` records.
    private(set) var gridCells = 0
    /// A structure libfreexl misreads past a buffer's end (in Vietnamese), if any: a
    /// worksheet `DIMENSION` shorter than its version's layout (libfreexl takes the missing
    /// bytes from the previous record and resizes the sheet to them), a shared-string
    /// table it would read out of bounds (``SSTCheck``), or more `XF` records than its
    /// fixed table of 8,192 (it keeps counting, and reads a cell's format past the table).
    private(set) var damage: String?

    private enum Record: UInt16 {
        case bof = 0x0809, boundSheet = 0x0085, filePass = 0x002F, dimension = 0x0200
        case mergedCells = 0x00E5, row = 0x0208, eof = 0x000A
        case formula = 0x0006, string = 0x0207, boolErr = 0x0205
        case sst = 0x00FC, continuation = 0x003C, xf = 0x00E0
    }

    /// The size of libfreexl's table of `XF` records (`BIFF_MAX_XF`).
    static let maxFormats = 8192

    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: return "#NULL!"
        case 0x07: return "#DIV/0!"
        case 0x0F: return "#VALUE!"
        case 0x17: return "#REF!"
        case 0x1D: return "#NAME?"
        case 0x24: return "#NUM!"
        case 0x2A: return "#N/A"
        default: return "#N/A"
        }
    }

    init(stream: [UInt8]) {
        func u16(_ at: Int) -> Int { Int(stream[at]) | Int(stream[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var offsetToSheet: [Int: Int] = [:]
        var current: Int? // index in `sheets` of the substream being read
        var inSubstream = false
        var orphanGrid = 0 // grids of substreams no BOUNDSHEET points at
        var pendingString: (row: Int, column: Int)? // a string formula waiting for its STRING record
        func double(_ at: Int) -> Double {
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(stream[at + k]) << (8 * UInt64(k)) }
            return Double(bitPattern: bits)
        }
        var position = 0
        var bofCount = 0
        var biff8 = true
        var sst = SSTCheck()
        var previousType: UInt16 = 0 // the last record other than CONTINUE, as libfreexl keeps it
        var freexlEnded = false // libfreexl stops at a zero record or one longer than its buffer
        var formats = 0 // XF records libfreexl stores
        while position + 4 <= stream.count {
            let type = UInt16(u16(position))
            let length = u16(position + 2)
            let body = position + 4
            guard body + length <= stream.count else { break }
            if (type == 0 && length == 0) || length > 8224 { freexlEnded = true }
            if !freexlEnded {
                if type == Record.sst.rawValue || (type == Record.continuation.rawValue && previousType == Record.sst.rawValue) {
                    sst.record(stream, body: body, length: length)
                }
                if type != Record.continuation.rawValue { previousType = type }
                if type == Record.xf.rawValue { formats += 1 }
            }
            switch Record(rawValue: type) {
            case .bof:
                if length >= 2 { biff8 = u16(body) == 0x0600 }
                bofCount += 1
                inSubstream = bofCount > 1
                current = inSubstream ? offsetToSheet[position] : nil
            case .boundSheet where length >= 6 && !inSubstream:
                let state: SheetState
                switch stream[body + 4] & 0x03 {
                case 1: state = .hidden
                case 2: state = .veryHidden
                default: state = .visible
                }
                offsetToSheet[u32(body)] = sheets.count
                sheets.append(Sheet(offset: u32(body), state: state, isWorksheet: stream[body + 5] == 0))
            case .filePass:
                encrypted = true
            case .dimension:
                if bofCount > 1, length < (biff8 ? 14 : 10), damage == nil {
                    damage = "bản ghi DIMENSION của trang tính quá ngắn (\(length) byte)"
                }
                var (rows, columns) = (0, 0)
                if length >= 14 { // BIFF8: 32-bit rows
                    (rows, columns) = (u32(body + 4), u16(body + 10))
                } else if length >= 10 { // BIFF5
                    (rows, columns) = (u16(body + 2), u16(body + 6))
                }
                if let i = current {
                    sheets[i].rows = max(sheets[i].rows, rows)
                    sheets[i].columns = max(sheets[i].columns, columns)
                } else {
                    orphanGrid = Self.add(orphanGrid, rows * max(columns, 1))
                }
            case .mergedCells:
                guard let i = current, length >= 2 else { break }
                let count = min(u16(body), (length - 2) / 8)
                for k in 0..<count {
                    let at = body + 2 + 8 * k
                    let (r1, r2, c1, c2) = (u16(at), u16(at + 2), u16(at + 4), u16(at + 6))
                    guard r1 <= r2, c1 <= c2, r2 < CellReference.maxRow, c2 < CellReference.maxColumn else { continue }
                    sheets[i].merged.append(CellRange(first: CellReference(row: r1 + 1, column: c1 + 1),
                                                      last: CellReference(row: r2 + 1, column: c2 + 1)))
                }
            case .row:
                guard let i = current, length >= 14 else { break }
                if u16(body + 12) & 0x0020 != 0 { sheets[i].hiddenRows.insert(u16(body)) }
            case .formula:
                // rw, col, ixfe, then the cached result (8 bytes).
                guard let i = current, length >= 14 else { break }
                let (row, column) = (u16(body), u16(body + 2))
                let result = body + 6
                if stream[result + 6] == 0xFF, stream[result + 7] == 0xFF {
                    switch stream[result] {
                    case 0: pendingString = (row, column)
                    case 1: sheets[i].extraCells[row, default: [:]][column] = .bool(stream[result + 2] != 0)
                    case 2: sheets[i].extraCells[row, default: [:]][column] = .error(Self.errorText(stream[result + 2]))
                    default: break // an empty string: no value
                    }
                } else {
                    let value = double(result)
                    if value.isFinite { sheets[i].extraCells[row, default: [:]][column] = .number(value) }
                }
            case .string:
                guard let i = current, let target = pendingString else { break }
                pendingString = nil
                if let text = Self.unicodeString(stream, at: body, end: body + length), !text.isEmpty {
                    sheets[i].extraCells[target.row, default: [:]][target.column] = .string(text)
                }
            case .boolErr:
                guard let i = current, length >= 8 else { break }
                let (row, column) = (u16(body), u16(body + 2))
                sheets[i].extraCells[row, default: [:]][column] = stream[body + 7] == 0
                    ? .bool(stream[body + 6] != 0) : .error(Self.errorText(stream[body + 6]))
            default:
                break
            }
            position = body + length
        }
        gridCells = sheets.reduce(orphanGrid) { Self.add($0, $1.rows * max($1.columns, 1)) }
        if damage == nil, let why = sst.failure { damage = why }
        if damage == nil, formats > Self.maxFormats {
            damage = "quá \(LimitText.count(Self.maxFormats)) bản ghi định dạng ô (XF)"
        }
    }

    /// A BIFF8 XLUnicodeString (16-bit length, flags, Latin-1 or UTF-16LE characters), or
    /// a BIFF5 byte string (read as Latin-1), cut at the record's end.
    static func unicodeString(_ stream: [UInt8], at start: Int, end: Int) -> String? {
        guard start + 2 <= end else { return nil }
        let count = Int(stream[start]) | Int(stream[start + 1]) << 8
        var scalars = String.UnicodeScalarView()
        if start + 2 < end, stream[start + 2] & 0xFE == 0 {
            // BIFF8: a flags byte (bit 0: UTF-16LE), then rich-text/phonetic headers.
            let flags = stream[start + 2]
            var p = start + 3
            if flags & 0x08 != 0 { p += 2 }
            if flags & 0x04 != 0 { p += 4 }
            if flags & 0x01 != 0 {
                var units: [UInt16] = []
                for _ in 0..<count where p + 1 < end {
                    units.append(UInt16(stream[p]) | UInt16(stream[p + 1]) << 8)
                    p += 2
                }
                return String(decoding: units, as: UTF16.self)
            }
            for _ in 0..<count where p < end {
                scalars.append(Unicode.Scalar(stream[p]))
                p += 1
            }
            return String(scalars)
        }
        var p = start + 2
        for _ in 0..<count where p < end {
            scalars.append(Unicode.Scalar(stream[p]))
            p += 1
        }
        return String(scalars)
    }

    /// Saturating addition (rows < 2³², columns < 2¹⁶: products cannot overflow).
    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
