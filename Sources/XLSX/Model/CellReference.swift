/// A cell position in a worksheet, 1-based, with its A1 spelling.
///
/// Excel's limits are 1,048,576 rows and 16,384 columns (`XFD`); references
/// beyond them are rejected by ``init(a1:)``.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    /// Row number, 1-based.
    public let row: Int
    /// Column number, 1-based (`A` is 1).
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses an A1 reference such as `B12` or `$B$12`. Returns nil when the text is not
    /// a reference or lies beyond the sheet's limits.
    public init?(a1: some StringProtocol) {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for byte in a1.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                if sawDigit { return nil }
                sawLetter = true
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A") + 1)
                if column > Self.maxColumn { return nil }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !sawLetter { return nil }
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                if row > Self.maxRow { return nil }
            default:
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters: 1 → `A`, 27 → `AA`.
    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let rem = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + rem))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The A1 spelling, e.g. `C7`.
    public var a1: String { Self.columnName(column) + String(row) }
    public var description: String { a1 }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangular range of cells, such as a merged range `A1:H1`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public let first: CellReference
    public let last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = first
        self.last = last
    }

    /// Parses `A1:H1` (or a single `A1`).
    public init?(a1: some StringProtocol) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let first = CellReference(a1: parts[0]),
              let last = CellReference(a1: parts.count == 2 ? parts[1] : parts[0]) else { return nil }
        self.init(first: first, last: last)
    }

    public func contains(_ ref: CellReference) -> Bool {
        (first.row...last.row).contains(ref.row) && (first.column...last.column).contains(ref.column)
    }

    public var a1: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }
    public var description: String { a1 }
}
