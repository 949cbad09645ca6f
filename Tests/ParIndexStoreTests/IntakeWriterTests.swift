import Foundation
import GRDB
import Testing
import ParIndexKit
@testable import ParIndexStore

/// The intake's writer (prepared statements, received times formatted without a
/// formatter call, hex digests) stores what it stored before; the stateless commands'
/// result cache serves intake without being written to.
struct IntakeWriterTests {
    @Test func storedTimeIsTheTextGRDBStoresForADate() {
        var time = StoredTime()
        // Mid-millisecond instants (a formatter and a truncation agree there), several per
        // second and across second, minute, day and year boundaries.
        var millis: Int64 = 1_703_980_799_000  // 2023-12-30 23:59:59 UTC
        for step in 0..<3_000 {
            millis += Int64([1, 7, 250, 999, 1_000, 86_400_000][step % 6])
            let date = Date(timeIntervalSince1970: (Double(millis) + 0.4) / 1000)
            #expect(time.databaseValue(date) == date.databaseValue, "\(date)")
        }
        let whole = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(time.databaseValue(whole) == whole.databaseValue)
        #expect(String.fromDatabaseValue(time.databaseValue(whole)) == "2023-11-14 22:13:20.000")
    }

    @Test func digestIsLowerCaseHexSHA256() {
        #expect(CampaignStore.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(CampaignStore.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// Everything stored per submission but its id and time.
    static func stored(_ store: CampaignStore) throws -> [Row] {
        try store.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT unitCode, version, originalName, size, sha256, status, errors, warnings, reason, checked
                FROM submission ORDER BY id
                """)
        }
    }

    @Test func writerStoresDuplicatesInOneBatchOnceAndKeepsVersionsPerUnit() async throws {
        let dir = try StoreTestSupport.scratch()
        let store = try CampaignStore.create(at: dir, framework: try StoreTestSupport.framework())
        let path = StoreTestSupport.example("mau-TCKH.xlsx")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let copy = dir + "/TCKH lan 2.xlsx"
        try StoreTestSupport.copy(path, to: copy)
        let received = Date(timeIntervalSince1970: 1_700_000_000.1234)
        let results = try await store.add([.file(path: path), .bytes(bytes, name: "ban sao.xlsx"), .file(path: copy)],
                                          receivedAt: received)
        #expect(results.map(\.outcome) == [.stored, .alreadyReceived, .stored])
        #expect(results[1].submission?.id == results[0].submission?.id)
        let history = try store.history()
        #expect(history.map(\.unit) == ["TCKH", "TCKH"])
        #expect(history.map(\.version) == [1, 2])
        #expect(history.map(\.originalName) == ["mau-TCKH.xlsx", "TCKH lan 2.xlsx"])
        #expect(history[0].sha256 == CampaignStore.sha256(bytes) && history[0].size == bytes.count)
        // The time as GRDB stores it (milliseconds truncated), and the record the caller got.
        #expect(history.allSatisfy { abs($0.receivedAt.timeIntervalSince(received)) < 0.001 })
        #expect(results[0].submission?.receivedAt == received)
        let text = try await store.database.read { db in try String.fetchAll(db, sql: "SELECT receivedAt FROM submission") }
        #expect(text == ["2023-11-14 22:13:20.123", "2023-11-14 22:13:20.123"])
        // An unknown unit given by the caller is not recorded (and versions count per "no unit").
        let other = try await store.add([.file(path: StoreTestSupport.example("VHTT - tu danh gia 2023.xlsx"))], unit: "KHONG-CO")
        #expect(other[0].submission?.unit == nil && other[0].submission?.version == 1)
    }

    @Test func resultCacheServesIntakeWhichStoresWhatReadingStoresAndWritesNoEntry() async throws {
        let dir = try StoreTestSupport.scratch()
        let cache = ResultCacheTests.Counting(try ResultCache(directory: dir + "/cache"))
        let sources = ResultCacheTests.sources()
        _ = try await ResultCacheTests.validate(sources, cache: cache)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").sorted()
        // The run's segment(s) and the entries in them.
        let stored = entries.reduce(0) { $0 + ResultCache.records(inSegment: dir + "/cache/" + $1).count }
        #expect(stored > 20)
        let fw = try StoreTestSupport.framework()
        let read = try CampaignStore.create(at: dir + "/read", framework: fw)
        let served = try CampaignStore.create(at: dir + "/served", framework: fw)
        let received = Date(timeIntervalSince1970: 1_700_000_000)
        let plain = try await read.add(sources, receivedAt: received)
        let before = cache.hits.load(ordering: .relaxed)
        let cached = try await served.add(sources, receivedAt: received, options: RunOptions(cache: cache))
        #expect(cache.hits.load(ordering: .relaxed) - before >= stored, "every cached file served from the cache")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").sorted() == entries)
        // Files the cache does not know are read, and no entry is written for them.
        let empty = try ResultCache(directory: dir + "/empty")
        let third = try CampaignStore.create(at: dir + "/third", framework: fw)
        _ = try await third.add(sources, receivedAt: received, options: RunOptions(cache: empty))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/empty").isEmpty, "intake writes no entry")
        #expect(try Self.stored(third) == (try Self.stored(read)))
        #expect(try Self.stored(served) == (try Self.stored(read)), "the same rows, checked values and findings stored")
        #expect(try served.history() == (try read.history()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(cached) == (try encoder.encode(plain)), "the same intake results")
    }
}

/// Consolidation from the store reads and decodes on one thread while another folds in:
/// the same appendix as folding the stored files one by one, whatever the read-ahead; a
/// damaged stored value is an error, not a hang.
struct StoreConsolidationPipelineTests {
    @Test func readAheadGivesTheAppendixOfSequentialFoldingAndDamageIsAnError() async throws {
        let dir = try StoreTestSupport.scratch()
        let store = try CampaignStore.create(at: dir + "/c", framework: try StoreTestSupport.framework())
        let returns = StoreTestSupport.root.appendingPathComponent("Tests/Fixtures/returns").path
        let sources = SubmissionSource.expand([StoreTestSupport.submissions, returns]).filter { $0.displayName.hasSuffix(".xlsx") }
        _ = try await store.add(sources)
        let history = try store.history()
        #expect(history.count > 25)

        // The reference: every stored file decoded and folded in on this thread.
        let (_, superseded) = CampaignStore.precedence(history)
        let run = ConsolidationRun(framework: store.framework, layout: try store.consolidationLayout())
        let inputs = try history.map { r in
            ConsolidationRun.Input(file: try store.checkedFile(of: r.id),
                                   supersededBy: superseded[r.id].map { "phiên bản \($0.version) (\($0.originalName))" })
        }
        let reference = dir + "/reference.xlsx"
        try run.consolidate(inputs).write(to: reference)
        let expected = try ResultCacheTests.cells(reference)
        #expect(expected.count > 100)
        for readAhead in [1, 2, 32] {
            let path = dir + "/read-ahead-\(readAhead).xlsx"
            try store.consolidate(options: .init(), readAhead: readAhead).write(to: path)
            #expect(try ResultCacheTests.cells(path) == expected, "read-ahead \(readAhead)")
        }

        let damaged = history[history.count / 2].id
        try await store.database.write { db in
            try db.execute(sql: "UPDATE submission SET checked = ? WHERE id = ?", arguments: [Data("PXC-hong".utf8), damaged])
        }
        #expect(throws: (any Error).self) { _ = try store.consolidate(options: .init(), readAhead: 2) }
    }
}
