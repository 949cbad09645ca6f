import CFreeXL
import CFreeXLChild

/// What libfreexl returned for one workbook, as the child process of `CFreeXLChild`
/// wrote it (the dump format is described in `freexl_child.h`): the open code, the
/// workbook's information, the worksheets' names and dimensions, and every cell libfreexl
/// gives a value, shared strings once each. Decoding checks every length against the
/// bytes, so a short or garbled dump is a ``Failure``, never a trap.
struct FreeXLDump {
    /// One `freexl_get_info` answer.
    struct Info {
        var code: Int32
        var value: UInt32
        var ok: Bool { code == FREEXL_OK }
    }

    /// One worksheet as libfreexl saw it.
    struct Sheet {
        /// `freexl_get_worksheet_name`'s name; nil when it failed.
        var name: String?
        var selectCode: Int32 = FREEXL_OK
        var dimensionsCode: Int32 = FREEXL_OK
        var rows: UInt32 = 0
        var columns: UInt16 = 0
        /// Where this sheet's cell records are in ``bytes``.
        var cells: Range<Int> = 0..<0
    }

    /// A value libfreexl returned for a cell, text still as UTF-8 bytes in ``bytes``.
    enum Value {
        case int(Int32)
        case double(Double)
        /// A text, date, date-time or time cell (libfreexl's `FREEXL_CELL_*` type).
        case text(type: Int32, bytes: Range<Int>)
    }

    /// One cell of a sheet, 0-based.
    struct Cell {
        var row: Int
        var column: Int
        var value: Value
    }

    struct Failure: Error {}

    let bytes: [UInt8]
    let openCode: Int32
    private(set) var password = Info(code: FREEXL_OK, value: 0)
    private(set) var dateMode = Info(code: FREEXL_OK, value: 0)
    private(set) var sheetCount = Info(code: FREEXL_OK, value: 0)
    private(set) var sheets: [Sheet] = []
    /// The shared strings defined so far, in definition order (their indices).
    private(set) var sharedStrings: [Range<Int>] = []

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        var cursor = Cursor(bytes: bytes, position: 0, end: bytes.count - 4)
        guard bytes.count >= 12, Array(bytes[0..<4]) == Array("FXC1".utf8),
              Array(bytes[(bytes.count - 4)...]) == Array("FXCE".utf8) else { throw Failure() }
        cursor.position = 4
        openCode = try cursor.i32()
        guard openCode == FREEXL_OK else { return }
        password = Info(code: try cursor.i32(), value: try cursor.u32())
        dateMode = Info(code: try cursor.i32(), value: try cursor.u32())
        sheetCount = Info(code: try cursor.i32(), value: try cursor.u32())
        let count = sheetCount.ok ? min(Int(sheetCount.value), 65_535) : 0
        for _ in 0..<count {
            let code = try cursor.i32()
            let length = try cursor.u32()
            var name: String?
            if length != UInt32.max {
                let range = try cursor.take(Int(length))
                if code == FREEXL_OK { name = String(decoding: bytes[range], as: UTF8.self) }
            }
            sheets.append(Sheet(name: name))
        }
        for i in 0..<count {
            sheets[i].selectCode = try cursor.i32()
            guard sheets[i].selectCode == FREEXL_OK else { continue }
            sheets[i].dimensionsCode = try cursor.i32()
            sheets[i].rows = try cursor.u32()
            sheets[i].columns = try cursor.u16()
            guard sheets[i].dimensionsCode == FREEXL_OK else { continue }
            let start = cursor.position
            // Walk the records once: the sheet's extent and the shared strings it defines.
            while true {
                let kind = try cursor.u8()
                if kind == UInt8(FXC_END) { break }
                if kind == UInt8(FXC_DEFINE) {
                    sharedStrings.append(try cursor.take(Int(try cursor.u32())))
                    continue
                }
                _ = try Self.cell(kind: kind, cursor: &cursor, shared: sharedStrings)
            }
            sheets[i].cells = start..<(cursor.position - 1)
        }
    }

    /// Calls `body` with each cell of `sheet` in row-major order.
    func forEachCell(of sheet: Sheet, _ body: (Cell) throws -> Void) throws {
        var cursor = Cursor(bytes: bytes, position: sheet.cells.lowerBound, end: sheet.cells.upperBound)
        while cursor.position < cursor.end {
            let kind = try cursor.u8()
            if kind == UInt8(FXC_DEFINE) {
                _ = try cursor.take(Int(try cursor.u32()))
                continue
            }
            try body(try Self.cell(kind: kind, cursor: &cursor, shared: sharedStrings))
        }
    }

    /// One cell record after its kind byte; a shared string is looked up in `shared` (the
    /// strings defined before it).
    private static func cell(kind: UInt8, cursor: inout Cursor, shared: [Range<Int>]) throws -> Cell {
        let row = Int(try cursor.u32())
        let column = Int(try cursor.u16())
        let value: Value
        switch kind {
        case UInt8(FXC_INT):
            value = .int(Int32(bitPattern: try cursor.u32()))
        case UInt8(FXC_DOUBLE):
            let low = UInt64(try cursor.u32()), high = UInt64(try cursor.u32())
            value = .double(Double(bitPattern: low | high << 32))
        case UInt8(FXC_TEXT):
            let type = Int32(try cursor.u8()) + FREEXL_CELL_NULL
            value = .text(type: type, bytes: try cursor.take(Int(try cursor.u32())))
        case UInt8(FXC_SHARED):
            let index = Int(try cursor.u32())
            guard index < shared.count else { throw Failure() }
            value = .text(type: FREEXL_CELL_SST_TEXT, bytes: shared[index])
        default:
            throw Failure()
        }
        return Cell(row: row, column: column, value: value)
    }

    /// Little-endian reads inside `position..<end`.
    private struct Cursor {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func take(_ count: Int) throws -> Range<Int> {
            guard count >= 0, count <= end - position else { throw Failure() }
            defer { position += count }
            return position..<(position + count)
        }

        mutating func u8() throws -> UInt8 { bytes[try take(1).lowerBound] }

        mutating func u16() throws -> UInt16 {
            let at = try take(2).lowerBound
            return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        }

        mutating func u32() throws -> UInt32 {
            let at = try take(4).lowerBound
            return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }

        mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
    }
}
