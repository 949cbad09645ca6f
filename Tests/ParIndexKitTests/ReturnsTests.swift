import Foundation
import Testing
import XLSX
@testable import ParIndexKit

/// Returns as units really send them (issue 13), on workbooks made by openpyxl,
/// xlsxwriter and LibreOffice (`scripts/fixtures/make_return_fixtures.py`,
/// `Tests/Fixtures/returns/`). Framework: the example district self-assessment; Phòng Tư
/// pháp (TP) leads 2.1–2.4, Phòng Nội vụ (PNV) leads 1.1 among others.
@Suite("Returns as units send them")
struct ReturnsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("Tests/Fixtures/returns").path
    static let framework = try! FrameworkStore.load(
        path: root.appendingPathComponent("Examples/frameworks/tu-danh-gia-huyen-2023.yaml").path)
    static let layout = try! LayoutLibrary.load("self-assessment")
    static let directory = UnitDirectory(units: framework.units)

    static func path(_ name: String) -> String { "\(folder)/\(name).xlsx" }

    /// Reads and validates one fixture.
    static func check(_ name: String) throws -> (Submission, [Finding]) {
        let submission = try Submission.read(path: path(name))
        return (submission, Validator(framework: framework, layout: layout).validate(submission))
    }

    static func consolidate(_ paths: [String], includeInvalid: Bool = false) -> Consolidation {
        let validator = Validator(framework: framework, layout: layout)
        let inputs = SubmissionBatch.process(paths.map { SubmissionBatch.Item(path: $0, fromFolder: false) },
                                             validator: validator)
        return Consolidator(framework: framework, layout: layout,
                            options: .init(includeInvalid: includeInvalid)).consolidate(inputs)
    }

    static func row(_ c: Consolidation, _ id: String) -> Consolidation.Row {
        c.rows.first { $0.criterion.id == id }!
    }

    static let producers = ["openpyxl", "xlsxwriter", "libreoffice"]

    // MARK: 1. Merged cells

    @Test(arguments: producers)
    func mergedEvidenceCountsForEveryRow(producer: String) throws {
        let (submission, findings) = try Self.check("merged-\(producer)")
        #expect(!findings.contains { $0.severity == .error }, "\(findings.map(\.message))")
        #expect(!findings.contains { $0.rule == .requiredMissing })
        let merged = findings.filter { $0.rule == .cellMerged }
        #expect(merged.first?.cell?.a1 == "E7" && merged.allSatisfy { $0.severity == .information })
        #expect(merged.count == (producer == "xlsxwriter" ? 2 : 1))
        let rows = submission.table.rows
        let evidence = rows.first { $0.code == "2.1" }?.texts[.evidence]
        #expect(evidence != nil && rows.first { $0.code == "2.2" }?.texts[.evidence] == evidence)

        let consolidation = Self.consolidate([Self.path("merged-\(producer)")])
        #expect(Self.row(consolidation, "2.2").values[.evidence] == evidence.map { .text($0) })
        #expect(Self.row(consolidation, "2.2").values[.selfScore]?.number == 3)
        #expect(Self.row(consolidation, "2").values[.selfScore]?.number == 12.5, "scores are not copied by a merge")
    }

    @Test func mergedScoreCellIsFilledButCountedOnce() {
        // F8:F9: 1.2.1's self score (0,5) merged over 1.2.2's cell.
        var rows = ValidationFixture.cleanRows()
        rows[5][5] = nil
        let table = TableRecognizer().recognize(rows: ValidationFixture.xlsxRows(rows), sheet: "Phụ lục",
                                                merged: [CellRange(a1: "F8:F9")!])!
        let row122 = table.rows.first { $0.code == "1.2.2" }!
        #expect(row122.scores[.selfScore] == nil && row122.mergedFrom[.selfScore] == CellReference(a1: "F8"))
        let findings = ValidationFixture.validate(Submission(file: "x.xlsx", table: table, identity: nil))
        #expect(findings.triples == [Triple(.cellMerged, "F8", "1.2.1")])
        // Without the merge the cell is missing.
        let plain = TableRecognizer().recognize(rows: ValidationFixture.xlsxRows(rows), sheet: "Phụ lục")!
        #expect(ValidationFixture.validate(Submission(file: "x.xlsx", table: plain, identity: nil)).triples
                == [Triple(.requiredMissing, "F9", "1.2.2")])
    }

    // MARK: 2. A whole copied table filled only for the unit's rows

    @Test(arguments: producers)
    func copiedWholeTableChecksOnlyTheUnitsRows(producer: String) throws {
        let (submission, findings) = try Self.check("fullcopy-\(producer)")
        #expect(submission.table.rows.count == 86)
        #expect(submission.unit(in: Self.directory) == nil, "no unit name, no lead column…")
        let matched = ValidationContext(submission: submission, framework: Self.framework, layout: Self.layout).matched
        #expect(submission.unit(in: Self.directory, matched: matched)?.code == "TP", "…but the rows it filled")
        #expect(!findings.contains { $0.severity == .error }, "\(findings.prefix(5).map(\.message))")
        // 1.1 (PNV's) carries information: checked, but not the unit's to answer for.
        #expect(findings.filter { $0.rule == .requiredMissing }.count == 0)

        let consolidation = Self.consolidate([Self.path("fullcopy-\(producer)"), Self.path("pnv-openpyxl")])
        #expect(consolidation.inputs.first?.unit == "Phòng Tư pháp")
        for (id, score) in [("2.1", 2.5), ("2.2", 3), ("2.3", 2.5), ("2.4", 4.5)] {
            #expect(Self.row(consolidation, id).values[.selfScore]?.number == score)
        }
        #expect(Self.row(consolidation, "1.1").values[.selfScore]?.number == 1, "the lead unit's return decides")
        let warning = consolidation.findings.first { $0.rule == .valueDiffersFromLead }
        #expect(warning?.file == Self.path("fullcopy-\(producer)") && warning?.code == "1.1")
        #expect(warning?.severity == .warning)
        #expect(consolidation.unitsNotSubmitted.map(\.code).sorted() == ["CNVPDKDD", "TCKH", "TNMT", "VHTT", "VP"])
    }

    @Test func nonLeadRowWithDataIsCheckedAsInformation() {
        // VP's template, with CTTĐT's 2.1 filled but its tasks left empty.
        var rows = ValidationFixture.cleanRows()
        rows[7][6] = nil
        let findings = ValidationFixture.validate(ValidationFixture.submission(rows, identity: ValidationFixture.identity(unit: "VP")))
        let missing = findings.filter { $0.rule == .requiredMissing }
        #expect(missing.map { $0.cell?.a1 } == ["G11"] && missing.allSatisfy { $0.severity == .warning })
        // Emptied entirely, the row is fine.
        rows[7][4] = nil; rows[7][5] = nil; rows[7][8] = nil; rows[7][9] = nil
        let empty = ValidationFixture.validate(ValidationFixture.submission(rows, identity: ValidationFixture.identity(unit: "VP")))
        #expect(!empty.contains { $0.rule == .requiredMissing })
        // Its own row emptied is still an error.
        rows[2][4] = nil
        let own = ValidationFixture.validate(ValidationFixture.submission(rows, identity: ValidationFixture.identity(unit: "VP")))
        #expect(own.contains { $0.rule == .requiredMissing && $0.cell?.a1 == "E6" && $0.severity == .error })
    }

    // MARK: 3. Inserted explanation rows

    @Test(arguments: producers)
    func insertedRowsAreExplanations(producer: String) throws {
        let (_, findings) = try Self.check("inserted-\(producer)")
        #expect(!findings.contains { $0.rule == .criterionUnknown })
        #expect(!findings.contains { $0.severity == .error })
        let explanations = findings.filter { $0.rule == .rowExplanation }
        #expect(explanations.map { $0.cell?.a1 } == ["B8", "A11"])
        #expect(explanations.allSatisfy { $0.severity == .warning })
        #expect(explanations[0].message.contains("tiêu chí 2.1") && explanations[1].message.contains("tiêu chí 2.3"))

        let consolidation = Self.consolidate([Self.path("inserted-\(producer)")])
        #expect(Self.row(consolidation, "2.4").values[.selfScore]?.number == 4.5)
        let lines = consolidation.accounts.filter { $0.row == 8 || $0.row == 11 }
        #expect(lines.count == 2)
        #expect(lines[0].detail.contains("Giải trình: văn bản ban hành chậm"))
        #expect(lines[1].detail.contains("chưa xử lý xong 01 văn bản"))
    }

    @Test func explanationRowDoesNotShiftBulletRows() {
        var rows = ValidationFixture.cleanRows()
        // Under group 2.2, before its bullet row: an inserted note without a score.
        rows.insert(["-", "Ghi chú: số liệu theo phần mềm một cửa", nil, nil, nil, nil, nil, nil, nil, nil], at: 9)
        let findings = ValidationFixture.validate(ValidationFixture.submission(rows))
        #expect(findings.triples == [Triple(.rowExplanation, "A13", "-")])
    }

    // MARK: 4. The unit named on a cover sheet

    @Test(arguments: producers)
    func unitFromCoverSheet(producer: String) throws {
        let (submission, findings) = try Self.check("cover-\(producer)")
        #expect(submission.table.sheet == "Tự chấm 2023")
        #expect(submission.labelledUnit(in: Self.directory)?.code == "TP")
        #expect(submission.unit(in: Self.directory)?.code == "TP")
        #expect(!findings.contains { $0.severity == .error })
        let consolidation = Self.consolidate([Self.path("cover-\(producer)")])
        #expect(consolidation.inputs.first?.unit == "Phòng Tư pháp")
        let tp = consolidation.summary.units.first { $0.code == "TP" }
        #expect(tp?.status == .submitted && tp?.figures.achieved == 12.5)
    }

    @Test func unitsWithCountedValuesAreNeverMarkedNotSubmitted() {
        // A file that names no unit at all: its values are counted, so their lead unit
        // has submitted.
        var rows = ValidationFixture.cleanRows()
        for i in rows.indices { rows[i][7] = nil }
        let submission = ValidationFixture.submission(rows)
        let findings = ValidationFixture.validate(submission)
        let consolidation = Consolidator(framework: ValidationFixture.framework, layout: ValidationFixture.layout)
            .consolidate([.submission(submission, findings: findings)])
        let counted = consolidation.summary.units.filter { $0.figures.achieved > 0 }
        #expect(!counted.isEmpty)
        for unit in counted { #expect(unit.status == .submitted, "\(unit.name)") }
        #expect(!consolidation.unitsNotSubmitted.contains { $0.figures.achieved > 0 })
    }

    // MARK: 5. Hidden stale rows

    @Test(arguments: producers)
    func hiddenStaleRowIsReportedAndNotUsed(producer: String) throws {
        let (submission, findings) = try Self.check("hidden-\(producer)")
        #expect(submission.table.rows.filter(\.hidden).count == 1)
        #expect(findings.triples == [Triple(.rowHiddenStale, "A8", "2.2")])
        for includeInvalid in [false, true] {
            let consolidation = Self.consolidate([Self.path("hidden-\(producer)")], includeInvalid: includeInvalid)
            #expect(Self.row(consolidation, "2.2").values[.selfScore]?.number == 3)
            #expect(Self.row(consolidation, "2.2").source?.row == 9)
            #expect(consolidation.accounts.first { $0.row == 8 }?.status == .notUsed)
        }
    }

    // MARK: 8. TCVN3 and VNI text

    @Test(arguments: ["tcvn3", "vni"], producers)
    func legacyTextIsConverted(encoding: String, producer: String) throws {
        let (submission, findings) = try Self.check("\(encoding)-\(producer)")
        let table = submission.table
        #expect(table.titleLines.contains("PHÒNG TƯ PHÁP"))
        #expect(table.headerTexts[.title] == "Lĩnh vực/Tiêu chí/Tiêu chí thành phần")
        #expect(table.headerTexts[.note] == "Ghi chú")
        #expect(table.rows.first { $0.code == "2.2" }?.title == "Rà soát, hệ thống hóa văn bản quy phạm pháp luật")
        #expect(table.rows.first { $0.code == "2.3" }?.texts[.note] == "Chưa xử lý xong 01 văn bản")
        #expect(submission.unit(in: Self.directory)?.code == "TP")
        let legacy = findings.filter { $0.rule == .textLegacyEncoding }
        #expect(legacy.count == 1 && legacy[0].severity == .warning)
        #expect(legacy[0].found == encoding && legacy[0].message.contains(encoding == "tcvn3" ? "TCVN3" : "VNI"))
        #expect(legacy[0].message.contains("18 ô") && legacy[0].message.contains("B6"))
        #expect(findings.count == 1, "\(findings.map(\.message))")
    }

    // MARK: 9. Resubmissions

    @Test(arguments: ["openpyxl", "xlsxwriter"])
    func laterResubmissionWins(producer: String) throws {
        let dir = "\(Self.folder)/resubmission-\(producer)"
        let first = "\(dir)/Tư pháp - tự chấm lần 1.xlsx"
        let second = "\(dir)/Tư pháp - tự chấm lần 2 (bổ sung).xlsx"
        // Same modification time (as after a checkout): the name decides, in either order.
        let tmp = NSTemporaryDirectory() + "returns-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let a = tmp + "/" + (first as NSString).lastPathComponent
        let b = tmp + "/" + (second as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: first, toPath: a)
        try FileManager.default.copyItem(atPath: second, toPath: b)
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        for p in [a, b] { try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: p) }
        for order in [[a, b], [b, a]] {
            let c = Self.consolidate(order)
            #expect(Self.row(c, "2.2").values[.selfScore]?.number == 3)
            #expect(Self.row(c, "2.2").source?.file == b)
            let conflict = c.conflicts.first { $0.code == "2.2" }
            #expect(conflict?.reason.contains("bản nộp sau thay thế bản trước") == true)
            #expect(conflict?.reason.contains("đơn vị chủ trì") == false)
            #expect(c.findings.contains { $0.rule == .submissionSuperseded && $0.file == a })
            #expect(c.accounts.contains { $0.file == a && $0.detail.contains("Bản nộp sau thay thế bản trước") })
        }
        // A later modification time wins over the name.
        try FileManager.default.setAttributes([.modificationDate: date.addingTimeInterval(3600)], ofItemAtPath: a)
        let c = Self.consolidate([b, a])
        #expect(Self.row(c, "2.2").values[.selfScore]?.number == 1)
    }

    /// A file's version reads the modification time as `FileManager` does (whole seconds,
    /// of a symbolic link itself, not of its target); a missing file has none.
    @Test func versionOfAFileOnDiskIsItsOwnModificationTime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-version-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("TP lần 2.xlsx").path
        let link = folder.appendingPathComponent("lien-ket.xlsx").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000.75)], ofItemAtPath: file)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        for path in [file, link] {
            let expected = (try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?
                .timeIntervalSince1970.rounded(.down)
            let version = SubmissionVersion(path: path)
            #expect(version.modified == expected, "\(path)")
            #expect(version.name == (path as NSString).lastPathComponent)
        }
        #expect(SubmissionVersion(path: file).modified == 1_700_000_000)
        #expect(SubmissionVersion(path: file).resubmission == 2)
        #expect(SubmissionVersion(path: link).modified != 1_700_000_000)
        #expect(SubmissionVersion(path: folder.appendingPathComponent("khong-co.xlsx").path).modified == nil)
    }

    @Test func resubmissionOrder() {
        func v(_ name: String, _ t: Double? = nil) -> SubmissionVersion {
            SubmissionVersion(modified: t, resubmission: SubmissionVersion.resubmissionNumber(in: name), name: name)
        }
        #expect(SubmissionVersion.resubmissionNumber(in: "Tư pháp - tự chấm lần 2 (bổ sung).xlsx") == 2)
        #expect(SubmissionVersion.resubmissionNumber(in: "TP_lan3.xlsx") == 3)
        #expect(SubmissionVersion.resubmissionNumber(in: "Kế hoạch 2023.xlsx") == 0)
        #expect(v("A lần 2.xlsx").isLater(than: v("A lần 1.xlsx")))
        #expect(!v("A lần 1.xlsx").isLater(than: v("A lần 2.xlsx")))
        #expect(v("A lần 10.xlsx").isLater(than: v("A lần 9.xlsx")))
        #expect(v("A lần 1.xlsx", 200).isLater(than: v("A lần 2.xlsx", 100)))
        #expect(v("A lần 2.xlsx").isLater(than: v("A.xlsx")))
        #expect(v("B.xlsx").isLater(than: v("A.xlsx")), "then name order")
    }
}
