import Foundation

/// One input file after reading and validation: its status, the unit that sent it, its
/// findings and the extracted values of its rows. This is what a validation reports, what
/// the campaign store keeps for every submission, and all that consolidation needs (it
/// never reopens the workbook).
public struct CheckedFile: Codable, Sendable {
    /// The display name (the path as given, or an upload's name).
    public var file: String
    public var status: FileStatus
    /// Why the file was not read (`unreadable`, `skipped`), in Vietnamese.
    public var reason: String?
    /// Code of the unit that sent the file (template identity, else inferred), if known.
    public var unit: String?
    /// The sheet the table was read from.
    public var sheet: String?
    /// The template identity found in the file, if it was made from one of our templates.
    public var identity: TemplateIdentity?
    public var findings: [Finding]
    /// Every sheet row of the table with its fate and values, in sheet order.
    public var rows: [ExtractedRow]
    /// When the return was made, to choose between two plain-file returns of one unit.
    public var version: SubmissionVersion?

    public init(file: String, status: FileStatus, reason: String? = nil, unit: String? = nil, sheet: String? = nil,
                identity: TemplateIdentity? = nil, findings: [Finding] = [], rows: [ExtractedRow] = []) {
        self.file = file; self.status = status; self.reason = reason; self.unit = unit; self.sheet = sheet
        self.identity = identity; self.findings = findings; self.rows = rows
    }

    /// Error-level findings.
    public var errors: Int { findings.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
    /// Warning-level findings.
    public var warnings: Int { findings.reduce(0) { $0 + ($1.severity == .warning ? 1 : 0) } }
    /// Readable and without error.
    public var isValid: Bool { status == .valid }
    /// Readable (valid or invalid).
    public var isReadable: Bool { status == .valid || status == .invalid }

    /// A file that could not be read.
    public static func unreadable(_ file: String, reason: String) -> CheckedFile {
        CheckedFile(file: file, status: .unreadable, reason: reason)
    }

    /// A readable submission with its findings, its rows matched to the framework once.
    init(submission: Submission, findings: [Finding], index: FrameworkIndex) {
        // One match of the rows to the framework serves the unit and the extracted rows.
        let match = CriterionMatch(table: submission.table, byID: index.byID, flat: index.flat)
        self.init(submission: submission, findings: findings, match: match,
                  unit: submission.unit(in: index.directory, matched: match.matched))
    }

    /// The same, from the matching and unit validation found (``Validator/check(_:)``).
    init(submission: Submission, findings: [Finding], match: CriterionMatch, unit: Unit?) {
        let errors = findings.contains { $0.severity == .error }
        self.init(file: submission.file, status: errors ? .invalid : .valid,
                  unit: unit?.code, sheet: submission.table.sheet,
                  identity: submission.identity, findings: findings,
                  rows: ExtractedRow.rows(of: submission.table, match: match))
        version = submission.version
    }

    /// The checked form of an input already read (tests and in-memory runs).
    init(_ input: ConsolidationInput, index: FrameworkIndex) {
        switch input {
        case .submission(let s, let findings): self.init(submission: s, findings: findings, index: index)
        case .unreadable(let file, let reason): self.init(file: file, status: .unreadable, reason: reason)
        case .skipped(let file, let reason): self.init(file: file, status: .skipped, reason: reason)
        }
    }
}
