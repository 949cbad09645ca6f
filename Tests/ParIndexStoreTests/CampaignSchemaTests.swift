import Foundation
import GRDB
import Testing
import ParIndexKit
@testable import ParIndexStore

/// A store written by the first schema (committed by scripts/fixtures/make_campaign_v1.sh)
/// opens in the current build: migrated, its history, status and consolidation intact.
struct CampaignSchemaTests {
    static let fixture = StoreTestSupport.root.appendingPathComponent("Tests/Fixtures/campaign-v1/campaign.sqlite").path

    @Test func storeFromSchemaV1OpensMigratedAndConsolidates() throws {
        let dir = try StoreTestSupport.scratch()
        let copy = dir + "/campaign.sqlite"
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: copy)
        let store = try CampaignStore.open(at: dir)

        let applied = try store.database.read { db in try CampaignSchema.migrator().appliedIdentifiers(db) }
        #expect(applied == Set(CampaignSchema.migrator().migrations), "every migration of this build applied")
        let mode = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")

        // v3: the stored checked files were converted from JSON to the compact codec.
        let blobs = try store.database.read { db in try Data.fetchAll(db, sql: "SELECT checked FROM submission") }
        #expect(blobs.count == 7 && blobs.allSatisfy { Array($0.prefix(3)) == Array("PXC".utf8) })
        for id in try store.history().map(\.id) { _ = try store.checkedFile(of: id) }

        let history = try store.history()
        #expect(history.count == 7)
        #expect(history.filter { $0.unit == "VHTT" }.map(\.version) == [1, 2])
        #expect(try store.info().deadline == CampaignDate("2023-12-05"))
        let status = try store.status()
        #expect(status.units.first { $0.unit == "VHTT" }?.usedVersion == 2)
        #expect(status.units.first { $0.unit == "CNVPDKDD" }?.state == .notSubmitted)

        let result = try store.consolidate()
        #expect(result.figures.superseded == 1)
        #expect(result.figures.invalidOrUnreadable == 0)
        #expect(result.consolidation.rows.contains { $0.source != nil })
        // The stored original still comes back byte for byte.
        let first = history.first { $0.unit == "TNMT" }!
        #expect(CampaignStore.sha256(try store.originalBytes(of: first.id)) == first.sha256)
    }
}

/// Deadlines as clerks type them: ISO from the command line, `ngày/tháng/năm` on the page.
@Suite("Campaign dates")
struct CampaignDateTests {
    @Test func isoAndVietnameseFormsParseToTheSameDay() {
        #expect(CampaignDate("2023-12-15") == CampaignDate(year: 2023, month: 12, day: 15))
        #expect(CampaignDate("15/12/2023") == CampaignDate(year: 2023, month: 12, day: 15))
        #expect(CampaignDate("5/1/2024") == CampaignDate(year: 2024, month: 1, day: 5))
        #expect(CampaignDate(year: 2024, month: 1, day: 5).vietnamese == "05/01/2024")
        for bad in ["31/02/2024", "12/15/2023", "2023-12-5", "15-12-2023", "15/12/23", "", "2023/12/15", "1/2/3/2024"] {
            #expect(CampaignDate(bad) == nil, "\(bad)")
        }
    }
}
