import Foundation

/// The stable JSON report of `parindex validate --json` (its shape is documented in the
/// README): the framework, one entry per file with its findings, and totals.
public struct ValidationReport: Codable, Sendable {
    public struct FrameworkInfo: Codable, Sendable {
        public var title: String
        public var hash: String
    }

    public struct FileEntry: Codable, Sendable {
        /// `valid`, `invalid`, `unreadable`, or `skipped` (a non-workbook file met in a folder).
        public var status: FileStatus
        public var file: String
        public var unit: String?
        public var reason: String?
        public var errors: Int
        public var warnings: Int
        public var findings: [Finding]

        public init(status: FileStatus, file: String, unit: String?, reason: String?, errors: Int, warnings: Int,
                    findings: [Finding]) {
            self.status = status; self.file = file; self.unit = unit; self.reason = reason
            self.errors = errors; self.warnings = warnings; self.findings = findings
        }

        enum CodingKeys: String, CodingKey { case status, file, unit, reason, errors, warnings, findings }

        /// Every key is written, absent values as `null`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(status, forKey: .status)
            try c.encode(file, forKey: .file)
            try c.encode(unit, forKey: .unit)
            try c.encode(reason, forKey: .reason)
            try c.encode(errors, forKey: .errors)
            try c.encode(warnings, forKey: .warnings)
            try c.encode(findings, forKey: .findings)
        }

        /// The entry for one checked file (keeps its findings, not its rows).
        public init(_ file: CheckedFile) {
            self.init(status: file.status, file: file.file, unit: file.isReadable ? file.unit : nil, reason: file.reason,
                      errors: file.errors, warnings: file.warnings, findings: file.findings)
        }

        /// The entry for one processed input (keeps its findings, not its table).
        public init(_ input: ConsolidationInput, directory: UnitDirectory) {
            switch input {
            case .unreadable(let file, let reason):
                self.init(status: .unreadable, file: file, unit: nil, reason: reason, errors: 0, warnings: 0, findings: [])
            case .skipped(let file, let reason):
                self.init(status: .skipped, file: file, unit: nil, reason: reason, errors: 0, warnings: 0, findings: [])
            case .submission(let s, let findings):
                let errors = findings.filter { $0.severity == .error }.count
                self.init(status: errors > 0 ? .invalid : .valid, file: s.file, unit: s.unit(in: directory)?.code,
                          reason: nil, errors: errors, warnings: findings.filter { $0.severity == .warning }.count, findings: findings)
            }
        }
    }

    public struct Summary: Codable, Sendable {
        public var files: Int
        public var valid: Int
        public var invalid: Int
        public var unreadable: Int
        public var skipped: Int
        public var errors: Int
        public var warnings: Int
    }

    public var framework: FrameworkInfo
    public var files: [FileEntry]
    public var summary: Summary

    /// A report from entries made one by one (``FileEntry/init(_:directory:)``), in input order.
    public init(framework: Framework, entries: [FileEntry]) {
        self.init(frameworkTitle: framework.metadata.title, frameworkHash: FrameworkStore.versionHash(framework), entries: entries)
    }

    /// A report for a framework known by title and ``FrameworkStore/versionHash(_:)``.
    public init(frameworkTitle: String, frameworkHash: String, entries: [FileEntry]) {
        self.framework = FrameworkInfo(title: frameworkTitle, hash: frameworkHash)
        files = entries
        summary = Summary(files: files.count,
                          valid: files.filter { $0.status == .valid }.count,
                          invalid: files.filter { $0.status == .invalid }.count,
                          unreadable: files.filter { $0.status == .unreadable }.count,
                          skipped: files.filter { $0.status == .skipped }.count,
                          errors: files.reduce(0) { $0 + $1.errors }, warnings: files.reduce(0) { $0 + $1.warnings })
    }

    /// Pretty JSON with sorted keys, so reports diff cleanly (``ReportJSON``).
    public func json() throws -> String {
        try ReportJSON.string(self)
    }
}
