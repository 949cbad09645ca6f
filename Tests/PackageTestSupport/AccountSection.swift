import Foundation

/// Section 6 of a consolidated workbook's `Kiểm tra` sheet ("Nguồn của từng dòng đầu
/// vào") parsed back from its cell texts: each line's file, status, input rows and the
/// `Phụ lục` rows they went to, with the range lists (`5–12, 14`) expanded.
public enum AccountSection {
    public static let title = "6. Nguồn của từng dòng đầu vào"
    public static let header = ["Số dòng", "Tệp", "Trạng thái", "Trang tính", "Dòng trong tệp", "Mã", "Dòng ở Phụ lục", "Chi tiết"]

    public struct Line: Equatable, Sendable {
        /// The count written in the line's first column (nil for a whole-file line).
        public var count: Int?
        public var file: String
        public var status: String
        public var sheet: String?
        /// The input rows, expanded from the range list.
        public var rows: [Int]
        public var code: String?
        /// The `Phụ lục` rows, expanded, in the order of ``rows``.
        public var appendixRows: [Int]
        public var detail: String
        /// The texts as written.
        public var rowsText: String?
        public var appendixText: String?
    }

    public enum ParseError: Error, CustomStringConvertible {
        case noSection, badRange(String)
        public var description: String {
            switch self {
            case .noSection: "no section 6 in the sheet"
            case .badRange(let text): "not a range list: \(text)"
            }
        }
    }

    /// Parses `5–12, 14, 20–21` into 5…12, 14, 20, 21 (each range ascending).
    public static func expand(_ text: String) throws -> [Int] {
        var out: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "–", omittingEmptySubsequences: false)
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(bounds.count), let first = bounds[0], let last = bounds[bounds.count - 1], first <= last
            else { throw ParseError.badRange(text) }
            out.append(contentsOf: first...last)
        }
        return out
    }

    /// The lines of section 6, from the sheet's rows given as column (1-based) → text.
    public static func lines(_ rows: [[Int: String]]) throws -> [Line] {
        guard let start = rows.firstIndex(where: { $0[1] == title }) else { throw ParseError.noSection }
        guard let headerIndex = rows[start...].firstIndex(where: { row in (1...header.count).map { row[$0] } == header.map { $0 } })
        else { throw ParseError.noSection }
        var out: [Line] = []
        for row in rows[(headerIndex + 1)...] {
            guard let file = row[2], let status = row[3] else { break }
            out.append(Line(count: row[1].flatMap { Int($0) }, file: file, status: status, sheet: row[4],
                            rows: try row[5].map(expand) ?? [], code: row[6],
                            appendixRows: try row[7].map(expand) ?? [], detail: row[8] ?? "",
                            rowsText: row[5], appendixText: row[7]))
        }
        return out
    }
}
