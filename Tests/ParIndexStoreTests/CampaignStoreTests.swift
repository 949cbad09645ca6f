import Foundation
import Testing
import XLSX
import ParIndexKit
@testable import ParIndexStore

/// The campaign store on the shipped examples: intake, status, history, export,
/// consolidation from stored values, precedence of versions, identical bytes stored once.
struct CampaignStoreTests {
    static let clean = ["Phong Noi vu - tu cham 2023.xlsx", "VP_HDND_UBND.xlsx", "mau-TCKH.xlsx",
                        "Bao cao tu cham diem CCHC 2023 (1).xlsx"]

    @Test func intakeStatusAndConsolidationFromStoredValues() async throws {
        let dir = try StoreTestSupport.scratch()
        let store = try CampaignStore.create(at: dir + "/dot", framework: try StoreTestSupport.framework(),
                                             deadline: CampaignDate("2023-11-15"))
        // Copies that are deleted before consolidating: no workbook is there to be read.
        var sources: [SubmissionSource] = []
        for name in Self.clean + ["VHTT - tu danh gia 2023.xlsx"] {
            let copy = dir + "/" + name
            try FileManager.default.copyItem(atPath: StoreTestSupport.example(name), toPath: copy)
            sources.append(.file(path: copy))
        }
        let intake = try await store.add(sources)
        #expect(intake.map(\.outcome) == Array(repeating: .stored, count: 5))
        #expect(intake.map { $0.submission?.unit } == ["PNV", "VP", "TCKH", "TNMT", "VHTT"])
        #expect(intake.map { $0.submission?.version } == [1, 1, 1, 1, 1])
        #expect(intake.last?.submission?.status == .invalid)
        for source in sources { try FileManager.default.removeItem(atPath: source.displayName) }

        let status = try store.status(now: ISO8601DateFormatter().date(from: "2023-11-10T03:00:00Z")!,
                                      timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        #expect(status.daysToDeadline == 5)
        let states = Dictionary(uniqueKeysWithValues: status.units.map { ($0.unit, $0.state) })
        #expect(states["PNV"] == .valid && states["VHTT"] == .invalid && states["CNVPDKDD"] == .notSubmitted)

        let fromStore = try store.consolidate()
        let layout = try store.consolidationLayout()
        let fromFiles = try await ConsolidationRun(framework: store.framework, layout: layout)
            .run((Self.clean + ["VHTT - tu danh gia 2023.xlsx"]).map { .file(path: StoreTestSupport.example($0)) })
        // Same values in every appendix row as consolidating the files themselves.
        #expect(fromStore.consolidation.rows.map(\.values) == fromFiles.consolidation.rows.map(\.values))
        #expect(fromStore.figures.criteriaWithValues == fromFiles.figures.criteriaWithValues)
        #expect(fromStore.consolidation.accounts.count == fromFiles.consolidation.accounts.count)
    }

    @Test func identicalBytesAreStoredOnceAndExportedByteForByte() async throws {
        let dir = try StoreTestSupport.scratch()
        let store = try CampaignStore.create(at: dir + "/c.parindex", framework: try StoreTestSupport.framework())
        let path = StoreTestSupport.example("mau-TCKH.xlsx")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let first = try await store.add([.file(path: path)])
        let again = try await store.add([.bytes(bytes, name: "ban sao.xlsx")])
        #expect(first[0].outcome == .stored)
        #expect(again[0].outcome == .alreadyReceived)
        #expect(again[0].submission?.id == first[0].submission?.id)
        #expect(try store.history().count == 1)
        let blobs = try await store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blob") }
        #expect(blobs == 1)
        #expect(try store.originalBytes(of: first[0].submission!.id) == bytes)
    }

    @Test func latestValidVersionWinsAndEarlierOnesAreSuperseded() async throws {
        let dir = try StoreTestSupport.scratch()
        let store = try CampaignStore.create(at: dir, framework: try StoreTestSupport.framework())
        let original = StoreTestSupport.example("mau-TCKH.xlsx")
        let sheet = try XLSXReader(path: original).sheets[0].name
        let submission = try Submission.read(path: original)
        // A self-score cell of the first scored row, changed in version 2; version 3 has an error.
        let row = submission.table.rows.first { $0.scores[.selfScore] != nil }!
        let cell = submission.table.cell(.selfScore, of: row)!.a1
        let v2 = dir + "/v2.xlsx", v3 = dir + "/v3.xlsx"
        try StoreTestSupport.copy(original, to: v2, edits: ["\(sheet)!\(cell)": .number(0)])
        try StoreTestSupport.copy(original, to: v3, edits: ["\(sheet)!\(cell)": .string("đạt")])
        for file in [original, v2, v3] { _ = try await store.add([.file(path: file)]) }

        let history = try store.history(unit: "TCKH")
        #expect(history.map(\.version) == [1, 2, 3])
        #expect(history.map(\.status) == [.valid, .valid, .invalid])
        let result = try store.consolidate()
        let accounts = result.consolidation.accounts
        // Version 2 (the latest valid) is used; 1 and 3 are superseded, not conflicts.
        #expect(accounts.contains { $0.file == v2 && $0.row == row.row && $0.status == .used })
        #expect(accounts.filter { $0.file == original }.allSatisfy { $0.status == .superseded || $0.status == .skipped })
        #expect(accounts.contains { $0.file == v3 && $0.status == .superseded })
        #expect(result.consolidation.conflicts.isEmpty)
        let used = result.consolidation.rows.first { $0.source?.file == v2 && $0.source?.row == row.row }
        #expect(used?.values[.selfScore]?.number == 0)
        let status = try store.status()
        #expect(status.units.first { $0.unit == "TCKH" }?.usedVersion == 2)
        #expect(status.units.first { $0.unit == "TCKH" }?.latestStatus == .invalid)
    }

    @Test func reopenedStoreKeepsEverything() async throws {
        let dir = try StoreTestSupport.scratch()
        do {
            let store = try CampaignStore.create(at: dir, framework: try StoreTestSupport.framework(), title: "Đợt 1")
            _ = try await store.add([.file(path: StoreTestSupport.example("mau-TCKH.xlsx"))])
        }
        let reopened = try CampaignStore.open(at: dir)
        #expect(try reopened.info().title == "Đợt 1")
        #expect(try reopened.history().count == 1)
        #expect(throws: CampaignError.self) { try CampaignStore.create(at: dir, framework: reopened.framework) }
        #expect(throws: CampaignError.self) { try CampaignStore.open(at: dir + "/khong-co") }
    }
}
