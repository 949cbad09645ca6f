import Foundation
import GRDB

/// The web front end's tables (`parindex serve`), in the campaign's own file so that one
/// copy of the file is one whole campaign. Added by migration `v2-web`, after v1:
/// - `web_link`: each unit's upload link, as the SHA-256 of its token (never the token);
/// - `web_submitter`: who sent a submission through the web (`link` or `coordinator`);
/// - `web_consolidation`: the figures of each consolidation made from the page (JSON the
///   web app writes and reads) and the name of its workbook.
public enum WebTables {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-web") { db in
            try db.create(table: "web_link") { t in
                t.primaryKey("unitCode", .text).references("unit", onDelete: .cascade)
                t.column("digest", .text).notNull()
                t.column("issuedAt", .datetime).notNull()
            }
            try db.create(table: "web_submitter") { t in
                t.primaryKey("submissionID", .integer).references("submission", onDelete: .cascade)
                t.column("submitter", .text).notNull()
            }
            try db.create(table: "web_consolidation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("output", .text).notNull()
                t.column("summary", .blob).notNull()
            }
        }
    }
}

/// A unit's upload link as stored: the token's digest and when it was issued.
public struct StoredLink: Sendable, Hashable {
    public var digest: String
    public var issuedAt: Date
}

/// A consolidation made from the web page, as stored.
public struct StoredConsolidation: Sendable {
    public var id: Int64
    public var createdAt: Date
    /// The workbook's file name (in the web app's output folder).
    public var output: String
    /// The figures, as JSON written by the web app.
    public var summary: Data
}

extension CampaignStore {
    /// Every unit's live link (revoked links have no row).
    public func links() throws -> [String: StoredLink] {
        try database.read { db in
            var out: [String: StoredLink] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT unitCode, digest, issuedAt FROM web_link") {
                out[row["unitCode"]] = StoredLink(digest: row["digest"], issuedAt: row["issuedAt"])
            }
            return out
        }
    }

    /// Sets (issues or renews) a unit's link digest.
    public func setLink(unit: String, digest: String, issuedAt: Date) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO web_link (unitCode, digest, issuedAt) VALUES (?, ?, ?)",
                           arguments: [unit, digest, issuedAt])
        }
    }

    /// Revokes a unit's link.
    public func removeLink(unit: String) throws {
        try database.write { db in try db.execute(sql: "DELETE FROM web_link WHERE unitCode = ?", arguments: [unit]) }
    }

    /// Records who sent a submission through the web.
    public func setSubmitter(_ submitter: String, of submission: Int64) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO web_submitter (submissionID, submitter) VALUES (?, ?)",
                           arguments: [submission, submitter])
        }
    }

    /// Who sent each submission through the web (others came from the command line).
    public func submitters() throws -> [Int64: String] {
        try database.read { db in
            var out: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT submissionID, submitter FROM web_submitter") {
                out[row["submissionID"]] = row["submitter"]
            }
            return out
        }
    }

    /// Changes the deadline (nil removes it).
    public func setDeadline(_ deadline: CampaignDate?) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE campaign SET deadline = ? WHERE id = 1", arguments: [deadline?.description])
        }
    }

    /// Records a consolidation made from the page and returns its number.
    public func addConsolidation(createdAt: Date, output: String, summary: Data) throws -> Int64 {
        try database.write { db in
            try db.execute(sql: "INSERT INTO web_consolidation (createdAt, output, summary) VALUES (?, ?, ?)",
                           arguments: [createdAt, output, summary])
            return db.lastInsertedRowID
        }
    }

    /// Consolidations made from the page, oldest first.
    public func consolidations() throws -> [StoredConsolidation] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM web_consolidation ORDER BY id").map {
                StoredConsolidation(id: $0["id"], createdAt: $0["createdAt"], output: $0["output"], summary: $0["summary"])
            }
        }
    }
}
