import Foundation
import Testing
import XLSX
import PackageTestSupport
import ParIndexStore

/// `parindex campaign …` end to end on the shipped examples, a killed intake, and
/// readers while a writer ingests.
@Suite("campaign commands", .serialized)
struct CampaignCommandTests {
    static let framework = CLI.root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path
    static let submissions = CLI.root.appendingPathComponent("Examples/submissions").path
    static let secondVersion = CLI.root.appendingPathComponent("Examples/resubmissions/VHTT - tu danh gia 2023 (lan 2).xlsx").path

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func newAddStatusHistoryExportConsolidate() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let campaign = dir.appendingPathComponent("dot").path
        let created = try CLI.run(["campaign", "new", campaign, "--framework", Self.framework, "--deadline", "2023-12-05"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("7 đơn vị cần nộp, hạn nộp 05/12/2023"))

        let first = try CLI.run(["campaign", "add", campaign, Self.submissions])
        #expect(first.status == 1, "VHTT has errors: \(first.stderr)")
        #expect(first.stdout.contains("VHTT lần 1 — CÓ LỖI, 6 lỗi, 1 cảnh báo"))
        #expect(first.stdout.contains("ghi-chu.txt: không phải tệp .xlsx"))
        let second = try CLI.run(["campaign", "add", campaign, Self.secondVersion])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("VHTT lần 2 — hợp lệ, 0 lỗi, 0 cảnh báo"))
        let again = try CLI.run(["campaign", "add", campaign, Self.secondVersion])
        #expect(again.stdout.contains("đã nhận trước đây"))

        let status = try CLI.run(["campaign", "status", campaign, "--json"])
        #expect(status.status == 0)
        let units = try #require((try Self.json(status.stdout) as? [String: Any])?["units"] as? [[String: Any]])
        let vhtt = try #require(units.first { $0["unit"] as? String == "VHTT" })
        #expect(vhtt["state"] as? String == "valid" && vhtt["versions"] as? Int == 2 && vhtt["usedVersion"] as? Int == 2)
        #expect(units.first { $0["unit"] as? String == "CNVPDKDD" }?["state"] as? String == "notSubmitted")
        let text = try CLI.run(["campaign", "status", campaign])
        #expect(text.stdout.contains("Chưa nộp") && text.stdout.contains("Hợp lệ"))

        let history = try CLI.run(["campaign", "history", campaign, "--unit", "VHTT"])
        #expect(history.stdout.split(separator: "\n").count == 2)
        #expect(history.stdout.contains("thay bằng lần 2"))

        // Export: the stored original, byte for byte.
        let records = try #require(try Self.json(try CLI.run(["campaign", "history", campaign, "--json"]).stdout) as? [[String: Any]])
        let v1 = try #require(records.first { $0["unit"] as? String == "VHTT" && $0["version"] as? Int == 1 })
        let exported = dir.appendingPathComponent("xuat.xlsx").path
        let export = try CLI.run(["campaign", "export", campaign, "--submission", "\(v1["id"] as! Int)", "-o", exported])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.contentsEqual(atPath: exported, andPath: Self.submissions + "/VHTT - tu danh gia 2023.xlsx"))

        // Consolidate from the store: every used version valid, the first VHTT superseded.
        let output = dir.appendingPathComponent("tong-hop.xlsx").path
        let consolidated = try CLI.run(["campaign", "consolidate", campaign, "-o", output])
        #expect(consolidated.status == 0, "\(consolidated.stdout)\(consolidated.stderr)")
        #expect(consolidated.stdout.contains("1 bản cũ đã được thay"))
        let reader = try XLSXReader(path: output)
        var rows: [[Int: String]] = []
        _ = try reader.readRows(of: try reader.sheet(named: "Kiểm tra")) { row in
            rows.append(Dictionary(row.cells.map { ($0.reference.column, $0.value.description) }, uniquingKeysWith: { a, _ in a }))
        }
        let vhttLines = try AccountSection.lines(rows).filter { $0.file.hasSuffix("VHTT - tu danh gia 2023.xlsx") }
        let superseded = vhttLines.filter { $0.status == "Bản cũ, đã thay" }.flatMap { $0.rows }
        #expect(superseded.count == 15 && Set(superseded).count == 15,
                "every row of VHTT's version 1 (9 led criteria, 6 group rows) is listed as superseded, once")
        #expect(vhttLines.filter { $0.status == "Bản cũ, đã thay" }.count == 1, "in one line")
        #expect(!vhttLines.contains { $0.status == "Đã tổng hợp" })
    }

    /// `count` distinct returns of one unit: the example with a different zip comment
    /// each (the bytes differ, the workbook reads the same).
    static func distinctReturns(in dir: URL, count: Int) throws -> URL {
        let inbox = dir.appendingPathComponent("bai-nop")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.submissions + "/mau-TCKH.xlsx")))
        // End of central directory: signature 50 4B 05 06, comment length at +20 (no comment yet).
        let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        let eocd = original.count - 22
        #expect(Array(original[eocd..<eocd + 4]) == signature, "the example has no zip comment")
        for i in 0..<count {
            let comment = Array(String(format: "ban %05d", i).utf8)
            var bytes = original
            bytes[eocd + 20] = UInt8(comment.count)
            bytes[eocd + 21] = 0
            bytes += comment
            try Data(bytes).write(to: inbox.appendingPathComponent(String(format: "tckh-%04d.xlsx", i)))
        }
        return inbox
    }

    @Test func killedIntakeLeavesAConsistentStoreAndReadersWorkDuringIntake() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let campaign = dir.appendingPathComponent("dot").path
        #expect(try CLI.run(["campaign", "new", campaign, "--framework", Self.framework]).status == 0)
        let count = 600
        let inbox = try Self.distinctReturns(in: dir, count: count)

        // A reader on its own connection while the writer ingests (WAL): history answers,
        // and grows. It reads in process: a `campaign history` process per poll took so long
        // to start under a loaded test run that the intake could finish before it answered.
        let reader = try CampaignStore.open(at: campaign)
        nonisolated(unsafe) var seenWhileRunning = -1
        nonisolated(unsafe) var killed = false
        _ = try BoundedCLI.run(["campaign", "add", campaign, inbox.path], timeout: 300) { process in
            while process.isRunning {
                if let seen = try? reader.history().count, seen >= 5 {
                    seenWhileRunning = seen
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                    break
                }
                usleep(5_000)
            }
        }
        #expect(killed, "the intake finished before it could be killed")
        #expect(seenWhileRunning >= 5)
        // The command answers on the store the killed intake left.
        let listed = try #require(try Self.json(try CLI.run(["campaign", "history", campaign, "--json"]).stdout) as? [Any])
        #expect(listed.count >= seenWhileRunning)

        // Reopened: consistent, nothing half stored, not locked.
        let store = try CampaignStore.open(at: campaign)
        let check = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
        let orphans = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission LEFT JOIN blob USING (sha256) WHERE blob.sha256 IS NULL")
        }
        #expect(orphans == 0)
        let stored = try store.history()
        #expect(stored.count >= seenWhileRunning && stored.count < count)
        #expect(stored.map(\.version) == Array(1...stored.count), "versions in input order, no gap")

        // Adding the folder again stores exactly the rest.
        let rest = try CLI.run(["campaign", "add", campaign, inbox.path])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stdout.components(separatedBy: "đã nhận trước đây").count - 1 == stored.count)
        #expect(try store.history().count == count)
    }
}
