/// A calendar date and time of day as stored in a spreadsheet cell.
///
/// Produced by the reader when a numeric cell carries a date number format; it keeps the
/// original serial number too so nothing is lost.
public struct SpreadsheetDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// The serial number in the workbook's own date system.
    public let serial: Double

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, serial: Double) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
        self.serial = serial
    }

    /// Converts a serial number to a date. `date1904` selects the Mac 1904 system.
    /// In the 1900 system Excel's phantom 29 February 1900 (serial 60) is honoured.
    public init?(serial: Double, date1904: Bool) {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        // Days since 1970-01-01.
        let unixDays: Int
        if date1904 {
            unixDays = days - 24_107 // 1904-01-01 is serial 0
        } else {
            if days == 60 {
                self.init(year: 1900, month: 2, day: 29, hour: seconds / 3600,
                          minute: seconds / 60 % 60, second: seconds % 60, serial: serial)
                return
            }
            let adjusted = days < 60 ? days + 1 : days
            unixDays = adjusted - 25_569
        }
        let (y, m, d) = Self.civil(fromDays: unixDays)
        self.init(year: y, month: m, day: d, hour: seconds / 3600, minute: seconds / 60 % 60,
                  second: seconds % 60, serial: serial)
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// True when there is no time-of-day part.
    public var isDateOnly: Bool { hour == 0 && minute == 0 && second == 0 }

    /// `dd/mm/yyyy`, the Vietnamese convention, with ` hh:mm:ss` when a time is present.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = "\(two(day))/\(two(month))/\(year)"
        return isDateOnly ? date : "\(date) \(two(hour)):\(two(minute)):\(two(second))"
    }
}

/// The typed value of one cell. Formulas are represented by their cached value.
public enum CellValue: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// An error value such as `#DIV/0!` or `#N/A`.
    case error(String)
    case date(SpreadsheetDate)

    public var description: String {
        switch self {
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
            return String(n)
        case .string(let s): return s
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .date(let d): return d.description
        }
    }

    public var number: Double? { if case .number(let n) = self { return n }; return nil }
    public var string: String? { if case .string(let s) = self { return s }; return nil }
}

/// One non-empty cell read from a sheet.
public struct Cell: Hashable, Sendable {
    public let reference: CellReference
    public let value: CellValue
    /// The formula text (without `=`) when the cell holds a formula.
    public let formula: String?
    /// The name of the cell's font when the format records one (`.VnTime`, `VNI-Times`,
    /// `Times New Roman`…): a hint for text typed in a legacy Vietnamese encoding. Nil
    /// when unknown (`.xls` files, or no style).
    public let fontName: String?

    public init(reference: CellReference, value: CellValue, formula: String? = nil, fontName: String? = nil) {
        self.reference = reference
        self.value = value
        self.formula = formula
        self.fontName = fontName
    }
}

/// One row of a sheet: its true row number and its non-empty cells in column order.
public struct Row: Hashable, Sendable {
    public let number: Int
    public let cells: [Cell]
    /// True when the row is hidden in the sheet (`hidden="1"`, `table:visibility="collapse"`).
    public let hidden: Bool

    public init(number: Int, cells: [Cell], hidden: Bool = false) {
        self.number = number
        self.cells = cells
        self.hidden = hidden
    }

    /// The cell in a column (1-based), if present.
    public subscript(column: Int) -> Cell? {
        cells.first { $0.reference.column == column }
    }
}

/// Whether a sheet is shown in the workbook's tabs.
public enum SheetState: String, Hashable, Sendable {
    case visible, hidden, veryHidden
}

/// A sheet as listed in the workbook, in workbook order.
public struct SheetInfo: Hashable, Sendable {
    public let name: String
    public let state: SheetState
    /// Position in workbook order, 0-based.
    public let index: Int
    /// The sheet part inside the package, e.g. `xl/worksheets/sheet1.xml`.
    public let partName: String

    public init(name: String, state: SheetState, index: Int, partName: String) {
        self.name = name; self.state = state; self.index = index; self.partName = partName
    }
}
