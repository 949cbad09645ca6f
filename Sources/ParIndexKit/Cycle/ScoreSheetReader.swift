import Foundation
import XLSX

/// Why scores could not be taken from a file.
public struct CycleError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Builds a ``ScoreSheet`` from what holds scores: a workbook with a criteria table
/// (the consolidated PHỤ LỤC, a filled appraisal sheet, one unit's or one peer's return)
/// or a ``Consolidation`` in memory.
public enum ScoreSheetReader {
    /// Reads the table of `path` (the named sheet, or the first with a table) and takes,
    /// for every leaf criterion it matches, the self-assessed and appraised scores, the
    /// evidence and the note. Cells reading `Không áp dụng`, `KAD` or `N/A` mark the
    /// criterion not applicable. Throws `XLSXError` for unreadable files, ``CycleError``
    /// when the table has neither a self-assessed nor an appraised column.
    public static func read(path: String, framework: Framework, sheetName: String? = nil,
                            limits: ReadLimits = .default) throws -> ScoreSheet {
        let submission = try Submission.read(path: path, sheetName: sheetName, limits: limits)
        let comments = try AppraisalReader.readComments(path: path, table: submission.table, limits: limits)
        return try sheet(from: submission.table, framework: framework, source: path, comments: comments)
    }

    /// The scores of a recognised table; `comments` are the council's explanations by sheet
    /// row (``AppraisalReader/readComments(path:table:limits:)``).
    public static func sheet(from table: RecognizedTable, framework: Framework, source: String?,
                             comments: [Int: String] = [:]) throws -> ScoreSheet {
        guard table.columns[.selfScore] != nil || table.columns[.appraised] != nil else {
            throw CycleError("bảng trong trang \"\(table.sheet)\" không có cột \"Điểm tự đánh giá\" hay \"Điểm thẩm định\"")
        }
        var sheet = ScoreSheet(framework: framework, source: source)
        let flat = framework.flattened
        let byID = Dictionary(flat.map { ($0.criterion.id, $0) }, uniquingKeysWith: { a, _ in a })
        let match = CriterionMatch(table: table, byID: byID, flat: flat)
        for (i, row) in table.rows.enumerated() {
            guard let criterion = match.matched[i]?.criterion, !criterion.isGroup,
                  let k = sheet.index(of: criterion.id) else { continue }
            var score = sheet.scores[k]
            for role in [ColumnRole.selfScore, .appraised] {
                switch row.scores[role] {
                case .number(let n)?, .ambiguous(let n, _)?:
                    if role == .selfScore { score.selfScore = n } else { score.appraised = n }
                case .notApplicable?:
                    score.notApplicable = true
                default: break
                }
            }
            score.evidence = row.texts[.evidence]
            score.note = row.texts[.note]
            score.comment = comments[row.row]
            sheet.scores[k] = score
        }
        return sheet
    }

    /// The scores a consolidation chose (its `self` and `appraised` columns) for every leaf.
    public static func sheet(from consolidation: Consolidation, entity: String? = nil) -> ScoreSheet {
        var sheet = ScoreSheet(framework: consolidation.framework, entity: entity)
        for row in consolidation.rows where !row.isGroup {
            guard let k = sheet.index(of: row.criterion.id) else { continue }
            for role in [ColumnRole.selfScore, .appraised] {
                switch row.values[role] {
                case .number(let n)?, .ambiguous(let n, _)?:
                    if role == .selfScore { sheet.scores[k].selfScore = n } else { sheet.scores[k].appraised = n }
                case .notApplicable?:
                    sheet.scores[k].notApplicable = true
                default: break
                }
            }
            if case .text(let t)? = row.values[.evidence] { sheet.scores[k].evidence = t }
            if case .text(let t)? = row.values[.note] { sheet.scores[k].note = t }
        }
        return sheet
    }

    /// Loads a score sheet from a file: JSON written by `parindex results --json` or
    /// ``ScoreSheet`` JSON, else any workbook with a criteria table.
    public static func load(path: String, framework: Framework, limits: ReadLimits = .default) throws -> ScoreSheet {
        if path.lowercased().hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CycleError("không đọc được tệp \(path)")
            }
            if let results = try? JSONDecoder().decode(CycleResults.self, from: data) { return results.scores }
            do { return try JSONDecoder().decode(ScoreSheet.self, from: data) } catch {
                throw CycleError("tệp \(path) không phải kết quả do parindex ghi (JSON sai cấu trúc)")
            }
        }
        return try read(path: path, framework: framework, limits: limits)
    }
}

/// The scores of an assessment as the cycle commands take them: a result (workbook or
/// JSON) and optionally the appraisal workbook that appraises it.
public struct AppraisedScores: Sendable {
    public var scores: ScoreSheet
    /// Unusable appraisal cells and the lowered / raised information findings.
    public var findings: [Finding]

    public init(scores: ScoreSheet, findings: [Finding]) {
        self.scores = scores; self.findings = findings
    }

    /// Loads `path` (consolidated workbook, filled appraisal sheet, results JSON). Appraised
    /// scores already in it (a filled appraisal sheet) are compared with the self scores.
    public static func load(path: String, framework: Framework, limits: ReadLimits = .default) throws -> AppraisedScores {
        let base = try ScoreSheetReader.load(path: path, framework: framework, limits: limits)
        return AppraisedScores(scores: base, findings: AppraisalReader.differences(base, file: path))
    }

    /// These scores with an appraisal workbook's scores applied (final scores become the
    /// appraised ones where present); the findings are the appraisal file's.
    public func applying(_ reading: AppraisalReading) -> AppraisedScores {
        let applied = AppraisalReader.apply(reading, to: scores)
        return AppraisedScores(scores: applied.scores, findings: reading.findings + applied.findings)
    }
}
