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
        public var status: String
        public var file: String
        public var unit: String?
        public var reason: String?
        public var errors: Int
        public var warnings: Int
        public var findings: [Finding]
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

    public init(framework: Framework, results: [ConsolidationInput]) {
        let directory = UnitDirectory(units: framework.units)
        self.framework = FrameworkInfo(title: framework.metadata.title, hash: FrameworkStore.versionHash(framework))
        files = results.map { result in
            switch result {
            case .unreadable(let file, let reason):
                return FileEntry(status: "unreadable", file: file, unit: nil, reason: reason, errors: 0, warnings: 0, findings: [])
            case .skipped(let file, let reason):
                return FileEntry(status: "skipped", file: file, unit: nil, reason: reason, errors: 0, warnings: 0, findings: [])
            case .submission(let s, let findings):
                let errors = findings.filter { $0.severity == .error }.count
                return FileEntry(status: errors > 0 ? "invalid" : "valid", file: s.file,
                                 unit: s.unit(in: directory)?.code, reason: nil,
                                 errors: errors, warnings: findings.count - errors, findings: findings)
            }
        }
        summary = Summary(files: files.count,
                          valid: files.filter { $0.status == "valid" }.count,
                          invalid: files.filter { $0.status == "invalid" }.count,
                          unreadable: files.filter { $0.status == "unreadable" }.count,
                          skipped: files.filter { $0.status == "skipped" }.count,
                          errors: files.reduce(0) { $0 + $1.errors }, warnings: files.reduce(0) { $0 + $1.warnings })
    }

    /// Pretty JSON with sorted keys, so reports diff cleanly.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
