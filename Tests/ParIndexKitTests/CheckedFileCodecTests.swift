import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// The compact binary form of a checked file (campaign store, result cache): every field
/// comes back exactly; damaged input throws, never traps.
struct CheckedFileCodecTests {
    /// Sorted-key JSON: two checked files are equal when these are.
    static func json(_ file: CheckedFile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(file), as: UTF8.self)
    }

    /// Every example and every issue-13 return fixture, checked.
    static func checkedExamples() throws -> [CheckedFile] {
        let checker = FileChecker(framework: try ExampleWorkflowTests.framework())
        let returns = ExampleWorkflowTests.root.appendingPathComponent("Tests/Fixtures/returns").path
        let sources = SubmissionSource.expand([ExampleWorkflowTests.submissions, returns])
        return sources.map { checker.check($0).file }
    }

    /// A file with every fate, every kind of value, an identity with its layout, a version.
    static func everyCase() throws -> CheckedFile {
        var file = CheckedFile(file: "thư mục/Bài nộp lần 2.xlsx", status: .invalid, reason: nil, unit: "VHTT",
                               sheet: "Biểu mẫu",
                               identity: TemplateIdentity(frameworkTitle: "Chỉ số CCHC 2023", frameworkHash: "ab12", year: 2023,
                                                          unitCode: "VHTT", unitName: "Phòng Văn hóa",
                                                          layout: "self-assessment",
                                                          layoutDefinition: try LayoutLibrary.load("self-assessment")),
                               findings: [
                                Finding(rule: .scoreExceedsMax, file: "thư mục/Bài nộp lần 2.xlsx", sheet: "Biểu mẫu",
                                        cell: CellReference(row: 9, column: 4), code: "1.1", message: "vượt điểm chuẩn",
                                        found: "1,5", expected: "≤ 1"),
                                Finding(rule: .criterionMissing, file: "thư mục/Bài nộp lần 2.xlsx", message: "thiếu"),
                                Finding(rule: .unitNotLead, file: "x", sheet: nil, message: "", severity: .information),
                               ])
        file.rows = [
            ExtractedRow(row: 3, fate: .skipped(reason: "dòng tiêu đề lặp lại")),
            ExtractedRow(row: 9, fate: .criterion(id: "1.1"),
                         values: [.code: .text("1.1"), .max: .number(1), .selfScore: .ambiguous(1.25, original: "1.250"),
                                  .evidence: .text("Quyết định số 12"), .appraised: .notApplicable("KAD"),
                                  .target: .number(-0.0), .prev: .number(1e300), .note: .text("")]),
            ExtractedRow(row: 10, fate: .unknown(code: "9.9")),
            ExtractedRow(row: 11, fate: .duplicate(code: "1.1", firstRow: 9), values: [.selfScore: .number(0.1 + 0.2)]),
            ExtractedRow(row: 12, fate: .explanation(of: "1.1", row: 9, text: "giải trình")),
            ExtractedRow(row: 13, fate: .hiddenStale(code: "1.2", visibleRow: 14)),
            ExtractedRow(row: -1, fate: .criterion(id: String(repeating: "ư", count: 300))),
        ]
        file.version = SubmissionVersion(modified: 1_700_000_000.5, resubmission: 2, name: "Bài nộp lần 2.xlsx")
        return file
    }

    @Test func everyFieldRoundTrips() throws {
        let files = try Self.checkedExamples() + [try Self.everyCase(), CheckedFile.unreadable("a.xlsx", reason: "hỏng"),
                                                  CheckedFile(file: "", status: .skipped, reason: "không phải .xlsx")]
        #expect(files.contains { $0.status == .invalid } && files.contains { $0.status == .valid })
        #expect(files.contains { $0.rows.contains { if case .explanation = $0.fate { true } else { false } } })
        for file in files {
            let bytes = CheckedFileCodec.encode(file)
            let back = try CheckedFileCodec.decode(bytes)
            #expect(try Self.json(back) == Self.json(file), "\(file.file)")
            #expect(back.rows == file.rows && back.findings == file.findings && back.identity == file.identity)
            #expect(back.version == file.version)
            // Deterministic: equal files give equal bytes.
            #expect(CheckedFileCodec.encode(back) == bytes)
        }
        // Doubles come back bit for bit (−0, 0.1 + 0.2).
        let back = try CheckedFileCodec.decode(CheckedFileCodec.encode(try Self.everyCase()))
        #expect(back.rows[1].values[.target]?.number?.sign == .minus)
        #expect(back.rows[3].values[.selfScore]?.number == 0.1 + 0.2)
    }

    @Test func smallerThanJSON() throws {
        for file in try Self.checkedExamples() where file.isReadable {
            let json = try JSONEncoder().encode(file)
            #expect(CheckedFileCodec.encode(file).count * 3 < json.count * 2, "\(file.file)")
        }
    }

    @Test func truncatedOrDamagedInputThrowsAndNeverTraps() throws {
        let bytes = CheckedFileCodec.encode(try Self.everyCase())
        // Every proper prefix is refused.
        for length in 0..<bytes.count {
            #expect(throws: CheckedFileCodec.Corrupt.self) { try CheckedFileCodec.decode(Array(bytes[..<length])) }
        }
        // A trailing byte, another version, another magic.
        #expect(throws: CheckedFileCodec.Corrupt.self) { try CheckedFileCodec.decode(bytes + [0]) }
        var other = bytes; other[3] = 99
        #expect(throws: CheckedFileCodec.Corrupt.self) { try CheckedFileCodec.decode(other) }
        #expect(throws: CheckedFileCodec.Corrupt.self) { try CheckedFileCodec.decode(Array("{\"file\":1}".utf8)) }
        // Damaged bytes anywhere: decoded or refused, never a crash.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                damaged[Int.random(in: 4..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? CheckedFileCodec.decode(damaged)
        }
        // Huge counts are refused before anything is allocated.
        #expect(throws: CheckedFileCodec.Corrupt.self) {
            try CheckedFileCodec.decode(CheckedFileCodec.magic + [CheckedFileCodec.version, 1, 1, 0x61, 1, 5]
                                        + Array("valid".utf8) + [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        }
    }

    /// The string table works on bytes: canonically equivalent texts (NFC and NFD) each come
    /// back with their own bytes, a long text repeated is written whole each time (not
    /// looked up), a short one once.
    @Test func stringsComeBackWithTheirOwnBytesLongOnesWrittenWhole() throws {
        let nfc = "Tài liệu kiểm chứng", nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfc == nfd && Array(nfc.utf8) != Array(nfd.utf8))
        let long = String(repeating: "Nội dung giải trình rất dài ", count: 8)
        #expect(long.utf8.count > CompactWriter.internedLength)
        var file = CheckedFile(file: "a.xlsx", status: .valid, unit: "VHTT", sheet: "Biểu mẫu")
        file.rows = (1...6).map { i in
            ExtractedRow(row: i, fate: .criterion(id: "\(i)"),
                         values: [.evidence: .text(i % 2 == 0 ? nfc : nfd), .note: .text(long), .tasks: .text(long + "\(i % 2)")])
        }
        let bytes = CheckedFileCodec.encode(file)
        let back = try CheckedFileCodec.decode(bytes)
        for row in back.rows {
            guard case .text(let evidence) = row.values[.evidence], case .text(let note) = row.values[.note],
                  case .text(let tasks) = row.values[.tasks] else { Issue.record("values lost"); continue }
            #expect(Array(evidence.utf8) == Array((row.row % 2 == 0 ? nfc : nfd).utf8))
            #expect(note == long && tasks == long + "\(row.row % 2)")
        }
        // Six rows × two long texts written whole; the short ones once each.
        #expect(bytes.count > 12 * long.utf8.count && bytes.count < 13 * long.utf8.count)
        #expect(CheckedFileCodec.encode(back) == bytes)
    }
}

