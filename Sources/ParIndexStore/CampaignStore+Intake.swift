import Crypto
import Foundation
import GRDB
import ParIndexKit
import Synchronization

extension CampaignStore {
    /// Validates each source and stores it — one transaction per file, in input order.
    /// `unit` attributes every file to that unit (a web upload through a unit's link);
    /// otherwise the unit is the template identity's or the one inferred from the file.
    /// Throws `CancellationError` when the calling task is cancelled (files already
    /// stored stay stored) or the first database error.
    ///
    /// Files are read, validated, hashed and encoded on every core while one writer
    /// thread stores them in input order; at most ``intakeWindow(concurrency:)`` files wait
    /// between the two (memory stays flat in the number of files). The writer only runs prepared
    /// statements (kept by the connection) on values the workers made. The results keep
    /// each file's findings, not its rows (those are stored).
    ///
    /// `options.cache` (the stateless commands' ``CheckedFileCache``) is consulted before a
    /// file is read, under the same key rules as `validate`: bytes validated before with
    /// the same framework, limits and layout are not read again. Intake never adds
    /// entries to it (the store keeps what was read).
    public func add(_ sources: [SubmissionSource], unit: String? = nil, receivedAt: Date? = nil,
                    options: RunOptions = .init()) async throws -> [IntakeResult] {
        let checker = FileChecker(index: index, layout: layoutOverride, limits: options.limits,
                                  cache: options.cache.map { ConsultedCache(base: $0) })
        let handOff = OrderedHandOff<Prepared?>(window: Self.intakeWindow(concurrency: options.concurrency))
        let results = Mutex([IntakeResult?](repeating: nil, count: sources.count))
        let failure = Mutex<(any Error)?>(nil)
        let progress = options.progress, total = sources.count
        let writer = DispatchGroup()
        writer.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            defer { writer.leave() }
            var time = StoredTime()
            while let (i, prepared) = handOff.take() {
                guard let prepared else { continue }
                do {
                    let result = try self.store(prepared, originalName: sources[i].originalName, unit: unit,
                                                receivedAt: receivedAt ?? Date(), time: &time)
                    results.withLock { $0[i] = result }
                } catch {
                    failure.withLock { $0 = error }
                    handOff.stop()
                    return
                }
                progress?(RunProgress(done: i + 1, total: total, file: prepared.file.file))
            }
        }
        var cancelled: (any Error)?
        do {
            try await ParallelWork.each(count: sources.count, concurrency: options.concurrency) { i in
                handOff.put(i, handOff.waitForTurn(i) ? Self.prepare(sources[i], checker: checker) : nil)
            }
        } catch {
            cancelled = error
        }
        handOff.finish()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            writer.notify(queue: .global()) { done.resume() }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        if let cancelled { throw cancelled }
        return results.withLock { $0.map { $0! } }
    }

    /// How many files may be prepared ahead of the writer. The writer waits on the disk
    /// now and then (a WAL checkpoint syncs the database; under load the kernel throttles
    /// its writes): with 4 files per core the workers soon had to wait for it too and a
    /// core went idle. A prepared file holds its bytes and its encoded values (about
    /// 40 KB for a 15 KB return), so 64 of them are about 2.5 MB — flat in the number of
    /// files.
    static func intakeWindow(concurrency: Int) -> Int { max(64, 16 * concurrency) }

    /// A file read, validated and encoded by a worker, ready for the writer.
    struct Prepared: Sendable {
        /// The checked file without its rows (they are in `checked`).
        var file: CheckedFile
        var data: Data?
        var sha: String?
        /// ``CheckedFileCodec`` bytes of the full checked file.
        var checked: Data?
    }

    /// Reads the bytes once: hashed, validated from memory (or taken from the cache) and
    /// encoded.
    static func prepare(_ source: SubmissionSource, checker: FileChecker) -> Prepared {
        if source.skipReason != nil { return Prepared(file: checker.check(source).file) }
        let data: Data
        do { data = try source.data(limits: checker.limits) } catch {
            return Prepared(file: .unreadable(source.displayName, reason: FileChecker.describe(error)))
        }
        var file = checker.check(.bytes(data, name: source.displayName)).file
        guard file.status != .skipped else { return Prepared(file: file) }
        let checked = Data(CheckedFileCodec.encode(file))
        file.rows = []
        return Prepared(file: file, data: data, sha: sha256(data), checked: checked)
    }

    /// The writer's statements (prepared once per connection, then reused).
    enum IntakeSQL {
        static let sameBytes = "SELECT \(SubmissionRow.listColumnNames) FROM submission WHERE sha256 = ? ORDER BY id LIMIT 1"
        static let blob = "INSERT OR IGNORE INTO blob (sha256, size, bytes) VALUES (?, ?, ?)"
        static let unitExists = "SELECT 1 FROM unit WHERE code = ?"
        static let lastVersion = "SELECT MAX(version) FROM submission WHERE unitCode IS ?"
        static let submission = """
            INSERT INTO submission (unitCode, version, receivedAt, originalName, size, sha256, status, errors, warnings, reason, checked)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
    }

    /// Stores one checked file in one transaction.
    private func store(_ prepared: Prepared, originalName: String, unit: String?, receivedAt: Date,
                       time: inout StoredTime) throws -> IntakeResult {
        let file = prepared.file
        guard let data = prepared.data, let sha = prepared.sha, let checked = prepared.checked else {
            return IntakeResult(outcome: .skipped, file: file)
        }
        let stamp = time.databaseValue(receivedAt)
        return try database.write { db in
            if let existing = try Row.fetchOne(db.cachedStatement(sql: IntakeSQL.sameBytes), arguments: [sha]) {
                return IntakeResult(outcome: .alreadyReceived, submission: SubmissionRow.record(existing), file: file)
            }
            try db.cachedStatement(sql: IntakeSQL.blob).execute(arguments: [sha, data.count, data])
            var code = unit ?? file.unit
            if let c = code, try Int.fetchOne(db.cachedStatement(sql: IntakeSQL.unitExists), arguments: [c]) == nil { code = nil }
            let version = (try Int.fetchOne(db.cachedStatement(sql: IntakeSQL.lastVersion), arguments: [code]) ?? 0) + 1
            try db.cachedStatement(sql: IntakeSQL.submission).execute(arguments: [
                code, version, stamp, originalName, data.count, sha, file.status.rawValue, file.errors, file.warnings,
                file.reason, checked,
            ])
            let record = SubmissionRecord(id: db.lastInsertedRowID, unit: code, version: version, receivedAt: receivedAt,
                                          originalName: originalName, size: data.count, sha256: sha, status: file.status,
                                          errors: file.errors, warnings: file.warnings, reason: file.reason)
            return IntakeResult(outcome: .stored, submission: record, file: file)
        }
    }

    /// Lower-case hex SHA-256.
    public static func sha256(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The stateless commands' cache as intake uses it: entries are read, never written (the
/// campaign store keeps what intake read; filling the cache would cost every file an
/// encoding and a file write for nothing).
struct ConsultedCache: CheckedFileCache {
    let base: any CheckedFileCache
    func entry(for bytes: Data, context: String) -> CachedCheck? { base.entry(for: bytes, context: context) }
    func store(_ entry: CachedCheck, for bytes: Data, context: String) {}
}
