import Foundation
import GRDB
import ParIndexKit
import XLSX

/// One appraisal workbook received into a campaign.
public struct AppraisalRecord: Codable, Sendable, Hashable {
    public var id: Int64
    public var receivedAt: Date
    public var originalName: String
    public var sha256: String
    /// Criteria given an appraised score.
    public var appraised: Int
    /// Unusable cells (not a number, out of range, unknown code).
    public var errors: Int
}

extension CampaignStore {
    /// Reads a filled appraisal workbook and stores it with what was read, in one
    /// transaction. The latest appraisal received is the one applied (``cycleScores()``).
    /// Throws `XLSXError` / `CycleError` for a file that cannot be read as an appraisal.
    @discardableResult
    public func addAppraisal(path: String, originalName: String? = nil, receivedAt: Date = Date(),
                             limits: ReadLimits = .default) throws -> (record: AppraisalRecord, reading: AppraisalReading) {
        let reading = try AppraisalReader.read(path: path, framework: framework, limits: limits)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let sha = Self.sha256(data)
        let name = originalName ?? (path as NSString).lastPathComponent
        let json = try JSONEncoder().encode(reading)
        let id = try database.write { db -> Int64 in
            try db.execute(sql: "INSERT OR IGNORE INTO blob (sha256, size, bytes) VALUES (?, ?, ?)",
                           arguments: [sha, data.count, data])
            try db.execute(sql: "INSERT INTO appraisal (receivedAt, originalName, sha256, reading) VALUES (?, ?, ?, ?)",
                           arguments: [receivedAt, name, sha, json])
            return db.lastInsertedRowID
        }
        let errors = reading.findings.filter { $0.severity == .error }.count
        return (AppraisalRecord(id: id, receivedAt: receivedAt, originalName: name, sha256: sha,
                                appraised: reading.appraised.count, errors: errors), reading)
    }

    /// Every appraisal received, oldest first.
    public func appraisals() throws -> [AppraisalRecord] {
        let decoder = JSONDecoder()
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, receivedAt, originalName, sha256, reading FROM appraisal ORDER BY id").map { row in
                let reading = try decoder.decode(AppraisalReading.self, from: row["reading"] as Data)
                return AppraisalRecord(id: row["id"], receivedAt: row["receivedAt"], originalName: row["originalName"],
                                       sha256: row["sha256"], appraised: reading.appraised.count,
                                       errors: reading.findings.filter { $0.severity == .error }.count)
            }
        }
    }

    /// The latest appraisal received, if any.
    public func latestAppraisal() throws -> AppraisalReading? {
        try database.read { db in
            try (Data.fetchOne(db, sql: "SELECT reading FROM appraisal ORDER BY id DESC LIMIT 1"))
                .map { try JSONDecoder().decode(AppraisalReading.self, from: $0) }
        }
    }

    /// The campaign's scores for the yearly cycle: its consolidation (stored values, no
    /// workbook opened) with the latest appraisal applied.
    public func cycleScores(entity: String? = nil) throws -> AppraisedScores {
        let consolidation = try consolidate().consolidation
        var scores = AppraisedScores(scores: ScoreSheetReader.sheet(from: consolidation, entity: entity), findings: [])
        scores.scores.source = path
        if let reading = try latestAppraisal() { scores = scores.applying(reading) }
        return scores
    }
}
