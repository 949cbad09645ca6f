/// What `inspect --json` prints: every sheet's rows and cells as read. The command streams
/// it row by row (a 100,000-row sheet never sits in memory), and its bytes are exactly
/// ``ReportJSON/compactEncoder()``'s encoding of this value with a line break before each
/// sheet and each row; the tests decode the output and encode it again to hold it to that.
/// What a sheet's reading finds after its rows (the merged ranges) sits in `summary`,
/// whose key sorts after `rows`, so that the keys stay sorted while rows stream.
public struct WorkbookListing: Codable, Equatable, Sendable {
    /// The file as named on the command line.
    public var file: String
    /// Whether the workbook counts dates from 1904 (old Mac Excel).
    public var date1904: Bool
    /// The sheets listed, in workbook order.
    public var sheets: [Sheet]

    /// One sheet.
    public struct Sheet: Codable, Equatable, Sendable {
        /// Position in the workbook, from 0.
        public var index: Int
        public var name: String
        /// `visible`, `hidden` or `veryHidden`.
        public var state: String
        /// The non-empty rows, in order.
        public var rows: [Row]
        public var summary: Summary
    }

    /// What was found once the sheet's rows were read.
    public struct Summary: Codable, Equatable, Sendable {
        /// The declared used range (`A1:H40`), absent when the sheet declares none.
        public var dimension: String?
        /// Merged ranges (`A1:E1`), in sheet order.
        public var mergedRanges: [String]
    }

    /// One non-empty row.
    public struct Row: Codable, Equatable, Sendable {
        /// Row number, from 1.
        public var row: Int
        public var cells: [Cell]
    }

    /// One non-empty cell.
    public struct Cell: Codable, Equatable, Sendable {
        /// A1 reference.
        public var ref: String
        /// `number`, `string`, `bool`, `error` or `date` (ISO 8601 text).
        public var type: String
        public var value: Scalar
        /// The formula without `=`, when the cell has one.
        public var formula: String?
    }

    /// A cell's value as JSON: a number, text or a truth value.
    public enum Scalar: Codable, Equatable, Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else { self = .string(try c.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let n): try c.encode(n)
            case .string(let s): try c.encode(s)
            case .bool(let b): try c.encode(b)
            }
        }
    }
}
