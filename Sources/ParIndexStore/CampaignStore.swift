import Foundation
import GRDB
import ParIndexKit
import Synchronization

/// A campaign: one SQLite file (WAL) holding the framework, the units, the deadline and
/// every submission ever received, with its bytes, findings and extracted values.
///
/// - Intake (``add(_:unit:receivedAt:options:)``) validates files on every core and
///   stores each one in its own transaction, in input order: a crash or Ctrl-C leaves
///   every earlier file stored and no half-stored one.
/// - The same bytes received twice are recognised (SHA-256) and stored once.
/// - Precedence: for each unit, the latest *valid* version is consolidated; when no
///   version is valid, the latest one (reported with its errors). Every other version is
///   listed in `Kiểm tra` as superseded, not as a conflict.
/// - Consolidation (``consolidate(options:)``) reads the stored extracted values only; no
///   workbook is opened.
/// - Readers never block the writer (WAL): a web page can show the status while a batch
///   is being added.
///
/// A store is opened with ``open(at:)`` (an existing campaign; migrated to the current
/// schema) or ``create(at:framework:layout:title:deadline:)``. Instances are thread-safe.
public final class CampaignStore: Sendable {
    /// The SQLite file.
    public let path: String
    /// The database (GRDB pool in WAL mode). Front ends may keep their own tables in it,
    /// added by a migration in ``CampaignSchema``.
    public let database: DatabasePool
    /// The stored framework, decoded once.
    public let framework: Framework
    /// The layout given at creation, if any (else each file's or the framework's).
    public let layoutOverride: Layout?
    /// What every per-file step needs from the framework, computed once per store.
    public let index: FrameworkIndex

    /// The file name of the database inside a campaign folder.
    public static let fileName = "campaign.sqlite"

    /// The database path for a campaign given as a folder (`DIR/campaign.sqlite`) or as a
    /// `.parindex` / `.sqlite` file.
    public static func databasePath(for location: String) -> String {
        let ext = (location as NSString).pathExtension.lowercased()
        if ext == "parindex" || ext == "sqlite" { return location }
        return (location as NSString).appendingPathComponent(fileName)
    }

    // MARK: - Opening

    /// Creates a new campaign at `location` (a folder, created if needed, or a
    /// `.parindex` file). Fails if a campaign is already there.
    public static func create(at location: String, framework: Framework, layout: Layout? = nil, title: String? = nil,
                              deadline: CampaignDate? = nil, now: Date = Date()) throws -> CampaignStore {
        let path = databasePath(for: location)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        guard !FileManager.default.fileExists(atPath: path) else { throw CampaignError.alreadyExists(path) }
        let pool = try makePool(path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let directory = UnitDirectory(units: framework.units)
        let lead = Set(framework.flattened.flatMap { item in item.criterion.lead.compactMap { directory.resolve($0)?.code } })
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO campaign (id, title, deadline, frameworkHash, frameworkYear, framework, layout, createdAt)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [title ?? framework.metadata.title, deadline?.description, FrameworkStore.versionHash(framework),
                                 framework.metadata.year, try encoder.encode(framework), try layout.map { try encoder.encode($0) }, now])
            for (i, unit) in framework.units.enumerated() {
                try db.execute(sql: "INSERT INTO unit (code, name, aliases, isLead, position) VALUES (?, ?, ?, ?, ?)",
                               arguments: [unit.code, unit.name, String(decoding: try encoder.encode(unit.aliases), as: UTF8.self),
                                           lead.contains(unit.code), i])
            }
        }
        return try CampaignStore(path: path, pool: pool)
    }

    /// Opens an existing campaign (a folder or a `.parindex` file), migrating its schema.
    public static func open(at location: String) throws -> CampaignStore {
        let path = databasePath(for: location)
        guard FileManager.default.fileExists(atPath: path) else { throw CampaignError.notFound(location) }
        return try CampaignStore(path: path, pool: makePool(path))
    }

    private static func makePool(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        let pool = try DatabasePool(path: path, configuration: config)
        try CampaignSchema.migrator().migrate(pool)
        return pool
    }

    private init(path: String, pool: DatabasePool) throws {
        self.path = path
        database = pool
        let row = try pool.read { db in try Row.fetchOne(db, sql: "SELECT framework, layout FROM campaign WHERE id = 1") }
        guard let row else { throw CampaignError.notFound(path) }
        let decoder = JSONDecoder()
        framework = try decoder.decode(Framework.self, from: row["framework"] as Data)
        layoutOverride = try (row["layout"] as Data?).map { try decoder.decode(Layout.self, from: $0) }
        index = FrameworkIndex(framework)
    }

    /// The layout consolidation uses: the one given at creation, else the framework's.
    public func consolidationLayout() throws -> Layout {
        try layoutOverride ?? LayoutLibrary.load(LayoutLibrary.defaultName(for: framework))
    }

    // MARK: - Reading

    /// The campaign's settings.
    public func info() throws -> CampaignInfo {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = 1")!
            return CampaignInfo(title: row["title"], deadline: (row["deadline"] as String?).flatMap(CampaignDate.init),
                                frameworkTitle: framework.metadata.title, frameworkHash: row["frameworkHash"],
                                frameworkYear: row["frameworkYear"],
                                layout: layoutOverride?.name ?? LayoutLibrary.defaultName(for: framework),
                                createdAt: row["createdAt"])
        }
    }

    /// Every submission (or one unit's), oldest first.
    public func history(unit: String? = nil) throws -> [SubmissionRecord] {
        try database.read { db in
            var request = SubmissionRow.select(SubmissionRow.listColumns).order(Column("id"))
            if let unit { request = request.filter(Column("unitCode") == unit) }
            return try Row.fetchAll(db, request).map(SubmissionRow.record)
        }
    }

    /// One submission's record.
    public func submission(_ id: Int64) throws -> SubmissionRecord {
        try database.read { db in
            guard let row = try Row.fetchOne(db, SubmissionRow.select(SubmissionRow.listColumns).filter(Column("id") == id)) else {
                throw CampaignError.noSubmission(id)
            }
            return SubmissionRow.record(row)
        }
    }

    /// The bytes of a submission as received, byte for byte.
    public func originalBytes(of id: Int64) throws -> Data {
        try database.read { db in
            guard let data = try Data.fetchOne(db, sql: """
                SELECT blob.bytes FROM submission JOIN blob ON blob.sha256 = submission.sha256 WHERE submission.id = ?
                """, arguments: [id]) else { throw CampaignError.noSubmission(id) }
            return data
        }
    }

    /// A submission's validation and extracted values as stored.
    public func checkedFile(of id: Int64) throws -> CheckedFile {
        try database.read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT checked FROM submission WHERE id = ?", arguments: [id]) else {
                throw CampaignError.noSubmission(id)
            }
            return try CheckedFileCodec.decode(data)
        }
    }

    /// Which submission consolidation takes for each unit: the latest valid version,
    /// else the latest one. Files of no known unit are all taken.
    public static func precedence(_ records: [SubmissionRecord]) -> (used: Set<Int64>, supersededBy: [Int64: SubmissionRecord]) {
        var byUnit: [String: [SubmissionRecord]] = [:]
        var used = Set<Int64>()
        for r in records {
            if let unit = r.unit { byUnit[unit, default: []].append(r) } else { used.insert(r.id) }
        }
        var superseded: [Int64: SubmissionRecord] = [:]
        for (_, list) in byUnit {
            let sorted = list.sorted { $0.version < $1.version }
            let pick = sorted.last { $0.status == .valid } ?? sorted.last!
            used.insert(pick.id)
            for r in sorted where r.id != pick.id { superseded[r.id] = pick }
        }
        return (used, superseded)
    }

    /// The campaign per unit: `Chưa nộp` / `Có lỗi` / `Hợp lệ`, versions, last received
    /// time, and days to (or past) the deadline as of `now`.
    public func status(now: Date = Date(), timeZone: TimeZone = .current) throws -> CampaignStatus {
        let info = try info()
        let records = try history()
        let units: [(code: String, name: String)] = try database.read { db in
            var rows = try Row.fetchAll(db, sql: "SELECT code, name FROM unit WHERE isLead ORDER BY position")
            if rows.isEmpty { rows = try Row.fetchAll(db, sql: "SELECT code, name FROM unit ORDER BY position") }
            return rows.map { ($0["code"], $0["name"]) }
        }
        let (used, _) = Self.precedence(records)
        var byUnit: [String: [SubmissionRecord]] = [:]
        for r in records { if let u = r.unit { byUnit[u, default: []].append(r) } }
        let statuses = units.map { unit -> UnitStatus in
            let list = byUnit[unit.code] ?? []
            let latest = list.max { $0.version < $1.version }
            let pick = list.first { used.contains($0.id) }
            let state: UnitStatus.State = list.isEmpty ? .notSubmitted : pick?.status == .valid ? .valid : .invalid
            return UnitStatus(unit: unit.code, name: unit.name, state: state, versions: list.count,
                              usedVersion: pick?.version, latestStatus: latest?.status,
                              lastReceivedAt: list.map(\.receivedAt).max(), errors: pick?.errors ?? 0, warnings: pick?.warnings ?? 0)
        }
        let today = CampaignDate(now, in: timeZone)
        return CampaignStatus(campaign: info, units: statuses, asOf: today,
                              daysToDeadline: info.deadline.map { today.days(to: $0) },
                              unattributed: records.filter { $0.unit == nil }.count)
    }

    // MARK: - Consolidation

    /// Consolidates from the stored extracted values — no workbook is opened — following
    /// the precedence of ``precedence(_:)``; superseded versions are accounted in `Kiểm tra`.
    ///
    /// One thread reads and decodes the stored values (at most `readAhead` files ahead)
    /// while the calling thread folds them in, in submission order.
    public func consolidate(options: ConsolidationOptions = .init()) throws -> ConsolidationResult {
        try consolidate(options: options, readAhead: 32)
    }

    func consolidate(options: ConsolidationOptions, readAhead: Int) throws -> ConsolidationResult {
        let records = try history()
        let (_, superseded) = Self.precedence(records)
        let run = ConsolidationRun(index: index, layout: try consolidationLayout(), consolidation: options)
        let handOff = OrderedHandOff<ConsolidationRun.Input>(window: readAhead)
        let failure = Mutex<(any Error)?>(nil)
        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            defer {
                handOff.finish()
                reader.leave()
            }
            do {
                try self.database.read { db in
                    let cursor = try Row.fetchCursor(db, sql: "SELECT id, checked FROM submission ORDER BY id")
                    var i = 0
                    while let row = try cursor.next() {
                        guard handOff.waitForTurn(i) else { return }
                        let id: Int64 = row["id"]
                        let file = try row.withUnsafeData(atIndex: 1) { data in try CheckedFileCodec.decode(data ?? Data()) }
                        let by = superseded[id].map { "phiên bản \($0.version) (\($0.originalName))" }
                        handOff.put(i, ConsolidationRun.Input(file: file, supersededBy: by))
                        i += 1
                    }
                }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        let result = run.consolidate { add in
            while let (_, input) = handOff.take() { add(input) }
        }
        reader.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return result
    }
}

/// Why a campaign cannot be opened or queried (Vietnamese, one line).
public enum CampaignError: Error, CustomStringConvertible, Sendable {
    case notFound(String)
    case alreadyExists(String)
    case noSubmission(Int64)

    public var description: String {
        switch self {
        case .notFound: "không có đợt thu thập (campaign) nào ở đây — tạo bằng: parindex campaign new"
        case .alreadyExists: "đã có một đợt thu thập ở đây"
        case .noSubmission(let id): "không có bài nộp mã số \(id)"
        }
    }
}
