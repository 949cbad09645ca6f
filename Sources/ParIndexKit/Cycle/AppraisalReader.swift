import Foundation
import XLSX

/// One appraised score read back from an appraisal workbook.
public struct AppraisedScore: Codable, Equatable, Sendable {
    public var id: String
    public var code: String
    public var value: Double
    /// The council's explanation, when written.
    public var comment: String?
    /// Where it was read (`Thẩm định!H12`).
    public var cell: String?
}

/// An appraisal workbook read back: the valid appraised scores, the self scores it showed,
/// and the problems of its cells (findings of the appraisal file).
public struct AppraisalReading: Codable, Sendable {
    public var file: String
    /// The scores as the appraisal sheet shows them (self, evidence, note and appraised).
    public var scores: ScoreSheet
    /// Appraised scores that are numbers within 0…điểm chuẩn, in framework order.
    public var appraised: [AppraisedScore]
    /// Cells that could not be taken (not a number, negative, above điểm chuẩn, unknown
    /// code) and a workbook made from another framework version.
    public var findings: [Finding]
}

/// Reads a filled appraisal workbook (``AppraisalSheet``, or any table with an appraised
/// column) and applies it to a score sheet: final scores are then the appraised ones
/// where present, else the self-assessed, and each difference is an information finding
/// (`appraisal.lowered` / `appraisal.raised`) carrying both scores.
public enum AppraisalReader {
    public static func read(path: String, framework: Framework, limits: ReadLimits = .default) throws -> AppraisalReading {
        let submission = try Submission.read(path: path, limits: limits)
        let table = submission.table
        guard table.columns[.appraised] != nil else {
            throw CycleError("không thấy cột \"Điểm thẩm định\" trong bảng của trang \"\(table.sheet)\"")
        }
        var findings: [Finding] = []
        let hash = FrameworkStore.versionHash(framework)
        if let identity = submission.identity, identity.frameworkHash != hash {
            findings.append(Finding(rule: .templateOtherFramework, file: path,
                message: "Bảng thẩm định được lập từ một phiên bản khác của bộ tiêu chí (\(identity.frameworkTitle)); đối chiếu theo STT.",
                found: identity.frameworkHash, expected: hash))
        }
        let comments = try readComments(path: path, table: table, limits: limits)
        var scores = try ScoreSheetReader.sheet(from: table, framework: framework, source: path, comments: comments)

        let flat = framework.flattened
        let byID = Dictionary(flat.map { ($0.criterion.id, $0) }, uniquingKeysWith: { a, _ in a })
        let match = CriterionMatch(table: table, byID: byID, flat: flat)
        var appraised: [String: AppraisedScore] = [:]
        for (i, row) in table.rows.enumerated() {
            guard let value = row.scores[.appraised] else { continue }
            let cell = table.cell(.appraised, of: row).map { "\(table.sheet)!\($0.a1)" }
            let a1 = table.cell(.appraised, of: row)
            guard let criterion = match.matched[i]?.criterion else {
                findings.append(Finding(rule: .criterionUnknown, file: path, sheet: table.sheet, cell: a1, code: row.code,
                    message: "Điểm thẩm định ở dòng có STT \"\(row.code)\" không ứng với tiêu chí nào của bộ tiêu chí; không được dùng."))
                continue
            }
            guard !criterion.isGroup, let k = scores.index(of: criterion.id) else { continue }
            let max = criterion.max
            switch value {
            case .notApplicable:
                continue
            case .text(let t):
                findings.append(Finding(rule: .scoreNotANumber, file: path, sheet: table.sheet, cell: a1, code: criterion.code,
                    message: "Điểm thẩm định của tiêu chí \(criterion.code) không phải là số; không được dùng.", found: t))
                scores.scores[k].appraised = nil
            case .number(let n), .ambiguous(let n, _):
                if n < 0 {
                    findings.append(Finding(rule: .scoreNegative, file: path, sheet: table.sheet, cell: a1, code: criterion.code,
                        message: "Điểm thẩm định của tiêu chí \(criterion.code) là số âm; không được dùng.",
                        found: ScoreFormat.vietnamese(n), expected: "từ 0"))
                    scores.scores[k].appraised = nil
                } else if let max, n > max + 1e-9 {
                    findings.append(Finding(rule: .scoreExceedsMax, file: path, sheet: table.sheet, cell: a1, code: criterion.code,
                        message: "Điểm thẩm định của tiêu chí \(criterion.code) vượt điểm chuẩn; không được dùng.",
                        found: ScoreFormat.vietnamese(n), expected: "từ 0 đến \(ScoreFormat.vietnamese(max))"))
                    scores.scores[k].appraised = nil
                } else {
                    appraised[criterion.id] = AppraisedScore(id: criterion.id, code: criterion.code, value: n,
                                                             comment: comments[row.row], cell: cell)
                }
            }
        }
        let ordered = scores.scores.compactMap { appraised[$0.id] }
        return AppraisalReading(file: path, scores: scores, appraised: ordered, findings: findings)
    }

    /// Sets the appraised scores of `reading` on `base` (the self-assessment they appraise)
    /// and returns the result with an information finding for every appraised score that
    /// differs from the self score.
    public static func apply(_ reading: AppraisalReading, to base: ScoreSheet) -> (scores: ScoreSheet, findings: [Finding]) {
        var sheet = base
        var cells: [String: String] = [:]
        for a in reading.appraised {
            guard let k = sheet.index(of: a.id) else { continue }
            sheet.scores[k].appraised = a.value
            sheet.scores[k].comment = a.comment
            cells[a.id] = a.cell
        }
        return (sheet, differences(sheet, file: reading.file, cells: cells))
    }

    /// An `appraisal.lowered` or `appraisal.raised` finding (information) for every
    /// criterion whose appraised score differs from its self score, with both scores.
    public static func differences(_ sheet: ScoreSheet, file: String, cells: [String: String] = [:]) -> [Finding] {
        var findings: [Finding] = []
        for s in sheet.scores {
            guard let value = s.appraised, let own = s.selfScore, abs(own - value) > 1e-9 else { continue }
            let lowered = value < own
            let diff = ScoreFormat.vietnamese(abs(own - value))
            let cellParts = cells[s.id]?.split(separator: "!", maxSplits: 1).map(String.init)
            let reason = s.comment.map { " Giải trình: \($0)" } ?? ""
            findings.append(Finding(
                rule: lowered ? .appraisalLowered : .appraisalRaised, file: file,
                sheet: cellParts?.first, cell: cellParts?.last.flatMap { CellReference(a1: $0) }, code: s.code,
                message: "Tiêu chí \(s.code): điểm thẩm định \(ScoreFormat.vietnamese(value)) \(lowered ? "thấp" : "cao") hơn điểm tự đánh giá \(ScoreFormat.vietnamese(own)) (\(lowered ? "giảm" : "tăng") \(diff) điểm).\(reason)",
                found: ScoreFormat.vietnamese(value), expected: ScoreFormat.vietnamese(own)))
        }
        return findings
    }

    /// The comment column's text by sheet row; empty when the table has no such column.
    public static func readComments(path: String, table: RecognizedTable, limits: ReadLimits) throws -> [Int: String] {
        guard let column = table.otherColumns.first(where: { isCommentHeader($0.value) })?.key else { return [:] }
        let reader = try XLSXReader(path: path, limits: limits)
        guard let sheet = reader.sheets.first(where: { $0.name == table.sheet }) else { return [:] }
        var out: [Int: String] = [:]
        try reader.readRows(of: sheet) { row in
            guard row.number > table.headerRow,
                  let cell = row.cells.first(where: { $0.reference.column == column }) else { return }
            let text = TextNormalizer.clean(cell.value.description)
            if !text.isEmpty { out[row.number] = text }
        }
        return out
    }

    static func isCommentHeader(_ text: String) -> Bool {
        let key = TextNormalizer.foldKey(text)
        return key.contains("y kien") || key.contains("giai trinh")
    }
}
