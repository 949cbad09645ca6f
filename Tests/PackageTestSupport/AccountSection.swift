import Foundation

/// Section 6 of a consolidated workbook's `Kiểm tra` sheet ("Nguồn của từng dòng đầu
/// vào") parsed back from its cell texts: each line's file, status, input rows and the
/// `Phụ lục` rows they went to, with the range lists (`5–12, 14`) expanded.
public enum AccountSection {
    public static let title = "6. Nguồn của từng dòng đầu vào"
    /// The header texts in column order (`Chi tiết` and `Dòng ở Phụ lục` span two columns).
    public static let header = ["Số dòng", "Tệp", "Trạng thái", "Trang tính", "Mã", "Chi tiết", "Dòng trong tệp", "Dòng ở Phụ lục"]

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
        // The header's texts in column order (merged cells leave gaps), and each one's column.
        func texts(_ row: [Int: String]) -> [String] { row.keys.sorted().compactMap { row[$0] } }
        guard let headerIndex = rows[start...].firstIndex(where: { texts($0) == header }) else { throw ParseError.noSection }
        var column: [String: Int] = [:]
        for (c, text) in rows[headerIndex] { column[text] = c }
        func cell(_ row: [Int: String], _ name: String) -> String? { column[name].flatMap { row[$0] } }
        var out: [Line] = []
        for row in rows[(headerIndex + 1)...] {
            guard let file = cell(row, "Tệp"), let status = cell(row, "Trạng thái") else { break }
            let rowsText = cell(row, "Dòng trong tệp"), appendixText = cell(row, "Dòng ở Phụ lục")
            out.append(Line(count: cell(row, "Số dòng").flatMap { Int($0) }, file: file, status: status,
                            sheet: cell(row, "Trang tính"), rows: try rowsText.map(expand) ?? [], code: cell(row, "Mã"),
                            appendixRows: try appendixText.map(expand) ?? [], detail: cell(row, "Chi tiết") ?? "",
                            rowsText: rowsText, appendixText: appendixText))
        }
        return out
    }
}
