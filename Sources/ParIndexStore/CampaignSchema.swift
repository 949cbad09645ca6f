import Foundation
import GRDB
import ParIndexKit

/// The campaign store's schema, as a chain of migrations from the first version on.
/// A store written by an older build is migrated when opened; migrations are never
/// edited once landed — a change is a new migration appended here.
///
/// v1 tables:
/// - `campaign` (one row): title, deadline (`YYYY-MM-DD`), framework JSON with its hash
///   and year, the layout JSON when one was chosen (else the framework's), creation time;
/// - `unit`: the framework's units (code, name, aliases JSON, whether it leads a criterion);
/// - `blob`: each distinct file received, by SHA-256 (content addressed: the same bytes
///   are stored once);
/// - `submission`: every file received — unit, version per unit, received time,
///   original name, size, SHA-256, status, counts, and the ``CheckedFile`` (findings
///   and extracted row values, so consolidation never reads a workbook again) — JSON in
///   v1 and v2, the binary form of ``CheckedFileCodec`` from v3 on.
public enum CampaignSchema {
    /// All migrations, in order. A feature that needs its own tables (the web app's
    /// per-unit upload tokens, stored hashed) appends a migration (`v2-…`) here.
    public static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "campaign") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("title", .text).notNull()
                t.column("deadline", .text)
                t.column("frameworkHash", .text).notNull()
                t.column("frameworkYear", .integer)
                t.column("framework", .blob).notNull()
                t.column("layout", .blob)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "unit") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("aliases", .text).notNull()
                t.column("isLead", .boolean).notNull()
                t.column("position", .integer).notNull()
            }
            try db.create(table: "blob") { t in
                t.primaryKey("sha256", .text)
                t.column("size", .integer).notNull()
                t.column("bytes", .blob).notNull()
            }
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("unitCode", .text).references("unit")
                t.column("version", .integer).notNull()
                t.column("receivedAt", .datetime).notNull()
                t.column("originalName", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull().references("blob")
                t.column("status", .text).notNull()
                t.column("errors", .integer).notNull()
                t.column("warnings", .integer).notNull()
                t.column("reason", .text)
                t.column("checked", .blob).notNull()
                t.uniqueKey(["unitCode", "version"])
            }
            try db.create(index: "submission_on_sha256", on: "submission", columns: ["sha256"])
        }
        // v2: the appraisal council's workbooks (bytes in `blob`) and what was read from
        // them (``AppraisalReading`` JSON); the latest one is applied to the campaign.
        migrator.registerMigration("v2-appraisal") { db in
            try db.create(table: "appraisal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("receivedAt", .datetime).notNull()
                t.column("originalName", .text).notNull()
                t.column("sha256", .text).notNull().references("blob")
                t.column("reading", .blob).notNull()
            }
        }
        // v2-web: the web app's unit links, submitters and consolidations (WebTables.swift).
        WebTables.register(in: &migrator)
        // v3: `submission.checked` holds the compact binary form of ``CheckedFileCodec``
        // instead of JSON (decoding 1,000 JSON blobs took longer than reading the
        // workbooks again); existing rows are converted in place.
        migrator.registerMigration("v3-compact-checked") { db in
            let decoder = JSONDecoder()
            let rows = try Row.fetchCursor(db, sql: "SELECT id, checked FROM submission")
            var converted: [(Int64, Data)] = []
            while let row = try rows.next() {
                let data: Data = row["checked"]
                guard data.first == UInt8(ascii: "{") else { continue }
                let file = try decoder.decode(CheckedFile.self, from: data)
                converted.append((row["id"], Data(CheckedFileCodec.encode(file))))
            }
            for (id, data) in converted {
                try db.execute(sql: "UPDATE submission SET checked = ? WHERE id = ?", arguments: [data, id])
            }
        }
        return migrator
    }
}
