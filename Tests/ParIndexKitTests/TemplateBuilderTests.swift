import Foundation
import Testing
import PackageTestSupport
import XLSX
@testable import ParIndexKit

/// Builds a template for every lead unit of every example framework and reads it back the
/// way a returned file is read (`Submission.read`), then checks the raw package for the
/// protection, validation and print settings the reader does not expose.
@Suite struct TemplateBuilderTests {
    /// The rows a unit's template must hold: its led criteria plus their ancestors, in
    /// framework order.
    static func expectedRows(_ framework: Framework, unit: ParIndexKit.Unit) -> [Criterion] {
        let directory = UnitDirectory(units: framework.units)
        func leads(_ c: Criterion) -> Bool { c.lead.contains { directory.resolve($0)?.code == unit.code } }
        func visit(_ c: Criterion) -> [Criterion] {
            let below = c.children.flatMap(visit)
            return leads(c) || !below.isEmpty ? [c] + below : []
        }
        return framework.criteria.flatMap(visit)
    }

    @Test(arguments: TemplateFixtures.frameworkNames)
    func everyLeadUnitRoundTrips(_ name: String) throws {
        let framework = try TemplateFixtures.framework(name)
        let layout = try TemplateBuilder.defaultLayout(for: framework)
        let builder = TemplateBuilder(framework: framework, layout: layout)
        let units = builder.selector.leadUnits()
        #expect(!units.isEmpty)
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let year = framework.metadata.year

        for unit in units {
            let path = folder.appendingPathComponent(TemplateFileName.name(for: unit)).path
            let summary = try builder.write(unit: unit, to: path)
            let submission = try Submission.read(path: path)

            let identity = try #require(submission.identity, "no identity in \(path)")
            #expect(identity.unitCode == unit.code)
            #expect(identity.unitName == unit.name)
            #expect(identity.frameworkHash == FrameworkStore.versionHash(framework))
            #expect(identity.layout == layout.name)
            #expect(identity.year == year)
            #expect(identity.generator == "parindex")

            let table = submission.table
            #expect(table.sheet == TemplateBuilder.mainSheetName)
            #expect(table.headerRow == TemplateBuilder.headerRow)
            // Only the Tổng cộng row and the signature block under it are not data.
            let totalRow = TemplateBuilder.headerRow + 1 + summary.rowCount
            #expect(table.notes.first?.kind == .total && table.notes.first?.row == totalRow,
                    "unexpected notes: \(table.notes.map(\.message))")
            #expect(table.notes.dropFirst().allSatisfy { $0.kind == .outsideTable && $0.row > totalRow },
                    "unexpected notes: \(table.notes.map(\.message))")
            let expected = Self.expectedRows(framework, unit: unit)
            #expect(summary.rowCount == expected.count)
            #expect(table.rows.map(\.code) == expected.map { TextNormalizer.collapseWhitespace($0.code) },
                    "\(name) \(unit.code)")
            #expect(table.rows.map { $0.title ?? "" } == expected.map { TextNormalizer.clean($0.title) })
            if layout.column(.max) != nil {
                #expect(table.rows.map { $0.score(.max)?.number } == expected.map(\.max))
            }
            if layout.column(.lead) != nil {
                let directory = UnitDirectory(units: framework.units)
                for (row, criterion) in zip(table.rows, expected) {
                    #expect(row.lead.map { directory.resolve($0)?.code } == criterion.lead.map { directory.resolve($0)?.code })
                }
            }
            // Every header reads as the layout's, with the year filled in.
            for column in layout.columns {
                #expect(table.headerTexts[column.role] == column.headerText(year: year))
                #expect(!(table.headerTexts[column.role] ?? "").contains("{"))
            }
            if let year {
                #expect(table.year == year)
                #expect(table.titleLines.contains { $0.contains(String(year)) })
            }
            #expect(table.titleLines.contains { $0.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") })
            #expect(table.titleLines.contains("Đơn vị: \(unit.name)"))

            // Sheet order and states.
            let reader = try XLSXReader(path: path)
            #expect(reader.sheets.map(\.name) == ["Biểu mẫu", "Hướng dẫn", "Danh sách đơn vị", "_parindex"])
            #expect(reader.sheets.map(\.state) == [.visible, .visible, .hidden, .hidden])
        }
    }

    @Test(arguments: TemplateFixtures.frameworkNames)
    func packageHasProtectionValidationAndPrintSettings(_ name: String) throws {
        let framework = try TemplateFixtures.framework(name)
        let layout = try TemplateBuilder.defaultLayout(for: framework)
        let builder = TemplateBuilder(framework: framework, layout: layout)
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }

        for unit in builder.selector.leadUnits() {
            let path = folder.appendingPathComponent(TemplateFileName.name(for: unit)).path
            try builder.write(unit: unit, to: path)
            let package = TemplatePackage(path: path)
            let sheet = try package.text(of: "xl/worksheets/sheet1.xml")
            let rows = builder.selector.rows(for: unit)

            #expect(sheet.contains("<sheetProtection sheet=\"1\""))
            #expect(!sheet.contains("<sheetProtection password="))
            #expect(sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\" useFirstPageNumber=\"1\"/>"))
            // Page number at the top centre, none on the first page.
            #expect(sheet.contains("<headerFooter differentFirst=\"1\"><oddHeader>&amp;C&amp;\"Times New Roman,Regular\"&amp;13&amp;P</oddHeader>"))
            #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
            #expect(sheet.contains("left=\"1.181102362204725\" right=\"0.5905511811023623\" top=\"0.7874015748031497\" bottom=\"0.7874015748031497\""))
            // Only the header row is frozen; the title block scrolls out of view.
            #expect(sheet.contains("<sheetView topLeftCell=\"A\(TemplateBuilder.headerRow)\""))
            #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A\(TemplateBuilder.headerRow + 1)\""))
            let reader = try XLSXReader(path: path)
            #expect(reader.definedNames["Biểu mẫu!_xlnm.Print_Titles"] == "'Biểu mẫu'!$7:$7")
            // Hướng dẫn numbers its own pages from 1, at the top from its second page.
            let instructions = try package.text(of: "xl/worksheets/sheet2.xml")
            #expect(instructions.contains("useFirstPageNumber=\"1\""))
            #expect(instructions.contains("<headerFooter differentFirst=\"1\"><oddHeader>&amp;C&amp;\"Times New Roman,Regular\"&amp;13&amp;P</oddHeader>"))
            for other in ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"] {
                #expect(try package.text(of: other).contains("<sheetProtection"), "\(other) unprotected")
            }

            for (offset, row) in rows.enumerated() {
                let sheetRow = TemplateBuilder.headerRow + 1 + offset
                for (index, column) in layout.columns.enumerated() {
                    let cell = CellReference(row: sheetRow, column: index + 1).a1
                    let open = try package.isUnlocked(cell)
                    #expect(open == (row.isInput && !column.given), "\(name) \(unit.code) \(cell)")
                    guard row.isInput, !column.given else { continue }
                    if column.role.isScore, column.role != .max, let max = row.criterion.max {
                        // A custom rule whose range covers the cell: a number from 0 to the
                        // max, or a not-applicable mark; its formula refers to the range's
                        // top-left cell.
                        let rules = Self.customRules(in: sheet).filter { Self.covers($0.sqref, cell) }
                        #expect(rules.count == 1, "\(cell): \(rules)")
                        if let rule = rules.first, let anchor = rule.sqref.split(separator: ":").first {
                            #expect(rule.formula == "OR(AND(ISNUMBER(\(anchor)),\(anchor)>=0,\(anchor)<=\(Self.formula(max))),"
                                    + "\(anchor)=\"KAD\",\(anchor)=\"Không áp dụng\",\(anchor)=\"N/A\")", "\(cell) max \(max)")
                        }
                    }
                    if column.role == .coop {
                        let list = "<formula1>'Danh sách đơn vị'!$A$1:$A$\(framework.units.count)</formula1>"
                        #expect(sheet.contains(list))
                        #expect(sheet.contains("type=\"list\" errorStyle=\"warning\""))
                        #expect(Self.sqrefs(in: sheet, type: "list").contains { Self.covers($0, cell) }, "\(cell) no list")
                    }
                }
            }
            // Every input row's required cells are tinted; group rows are not open.
            let styles = try package.text(of: "xl/styles.xml")
            if layout.columns.contains(where: { !$0.given && $0.required }) {
                #expect(styles.contains("rgb=\"FFFFF2CC\""))
            }
            #expect(styles.contains("Times New Roman"))
            let core = try package.text(of: "docProps/core.xml")
            #expect(core.contains("<dc:creator>parindex</dc:creator>"))
            #expect(core.contains(unit.name.replacingOccurrences(of: "&", with: "&amp;")))
        }
    }

    @Test func passwordIsWrittenAsLegacyHash() throws {
        let framework = try TemplateFixtures.framework("000-van-phong-ubnd-dak-nong-2020")
        let builder = TemplateBuilder(framework: framework, layout: try LayoutLibrary.load("plan"), password: "cchc2020")
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.xlsx").path
        try builder.write(unit: try builder.selector.unit(named: "NCKSTTHC"), to: path)
        let sheet = try TemplatePackage(path: path).text(of: "xl/worksheets/sheet1.xml")
        #expect(sheet.range(of: "<sheetProtection password=\"[0-9A-F]{4}\" sheet=\"1\"", options: .regularExpression) != nil)
    }

    @Test func identitySurvivesRenaming() throws {
        let framework = try TemplateFixtures.framework("003-so-khcn-dak-nong-2023")
        let builder = TemplateBuilder(framework: framework, layout: try TemplateBuilder.defaultLayout(for: framework))
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = try builder.selector.unit(named: "Văn phòng Sở")
        let original = folder.appendingPathComponent("mau-VPS.xlsx").path
        try builder.write(unit: unit, to: original)
        let renamed = folder.appendingPathComponent("bao cao cua phong (final).xlsx").path
        try FileManager.default.moveItem(atPath: original, toPath: renamed)
        let identity = try #require(try Submission.read(path: renamed).identity as TemplateIdentity?)
        #expect(identity == builder.identity(for: unit))
        #expect(identity.unitCode == "VPS")
    }

    @Test func selfAssessmentLayoutValidatesSelfScores() throws {
        let framework = try TemplateFixtures.framework("003-so-khcn-dak-nong-2023")
        let layout = try LayoutLibrary.load("self-assessment")
        let builder = TemplateBuilder(framework: framework, layout: layout)
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.xlsx").path
        let unit = try builder.selector.unit(named: "VPS")
        try builder.write(unit: unit, to: path)
        let submission = try Submission.read(path: path)
        #expect(submission.identity?.layout == "self-assessment")
        #expect(submission.table.columns[.selfScore] == 4)
        let sheet = try TemplatePackage(path: path).text(of: "xl/worksheets/sheet1.xml")
        let rows = builder.selector.rows(for: unit)
        let firstInput = rows.firstIndex { $0.isInput }
        let first = try #require(firstInput)
        let cell = "D\(TemplateBuilder.headerRow + 1 + first)"
        let max = try #require(rows[first].criterion.max)
        #expect(Self.customRules(in: sheet).contains { $0.sqref.hasPrefix(cell) && $0.formula.contains("\(cell)<=\(Self.formula(max))") },
                "\(Self.customRules(in: sheet))")
        #expect(sheet.contains("prompt=\"Nhập điểm từ 0 đến \(TemplateValidation.vietnamese(max))"))
        // No co-unit column in this layout: no list rule.
        #expect(!sheet.contains("type=\"list\""))
    }

    @Test func unitsAreResolvedOrRefusedWithTheKnownCodes() throws {
        let framework = try TemplateFixtures.framework("000-van-phong-ubnd-dak-nong-2020")
        let selector = TemplateRowSelector(framework: framework)
        #expect(try selector.unit(named: "CTTBDT").code == "CTTDT")   // alias
        #expect(try selector.unit(named: "cttđt").code == "CTTDT")
        do {
            _ = try selector.unit(named: "Phòng Không Có")
            Issue.record("an unknown unit was accepted")
        } catch let error as TemplateError {
            #expect(error.reason.contains("NCKSTTHC, CTTDT, TTHCC"))
        }
        // TTHCC only co-operates: it leads nothing and gets no template.
        #expect(selector.leadUnits().map(\.code) == ["NCKSTTHC", "CTTDT"])
        let builder = TemplateBuilder(framework: framework, layout: try LayoutLibrary.load("plan"))
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.xlsx").path
        #expect(throws: TemplateError.self) { try builder.write(unit: try selector.unit(named: "TTHCC"), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func groupRowsAreKeptForContextButLocked() throws {
        let framework = try TemplateFixtures.framework("000-van-phong-ubnd-dak-nong-2020")
        let selector = TemplateRowSelector(framework: framework)
        let rows = selector.rows(for: try selector.unit(named: "CTTDT"))
        #expect(rows.map(\.criterion.id) == ["A", "1", "1.2", "1.2.4", "4", "4.1", "4.1.1", "4.1.3", "4.2"])
        #expect(rows.filter(\.isInput).map(\.criterion.id) == ["1.2.4", "4.1.1", "4.1.3"])
        // 4.2 is a group led by CTTĐT: shown, not open for input.
        #expect(rows.last?.isLed == true && rows.last?.isInput == false)
    }

    /// A unit marks a criterion that does not apply to it with `KAD` in its template (the
    /// cell's rule accepts it); the return validates without an error at that cell and the
    /// score is read as not applicable. Filled with openpyxl, as units' Excel would.
    @Test(.enabled(if: TemplateBuilderTests.hasOpenpyxl, "Python openpyxl is not installed"))
    func notApplicableMarkTypedInATemplateIsAccepted() throws {
        let framework = try TemplateFixtures.framework(TemplateFixtures.frameworkNames[0])
        let layout = try TemplateBuilder.defaultLayout(for: framework)
        let builder = TemplateBuilder(framework: framework, layout: layout)
        let unit = try #require(builder.selector.leadUnits().first)
        let folder = try TemplateFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mau.xlsx").path
        _ = try builder.write(unit: unit, to: path)
        let rows = builder.selector.rows(for: unit)
        let offset = try #require(rows.firstIndex { $0.isInput })
        let column = try #require(layout.columns.firstIndex { $0.role.isScore && $0.role != .max && !$0.given })
        let cell = CellReference(row: TemplateBuilder.headerRow + 1 + offset, column: column + 1).a1
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sys,openpyxl; wb=openpyxl.load_workbook(sys.argv[1]); "
                            + "wb[sys.argv[3]][sys.argv[2]]='KAD'; wb.save(sys.argv[1])", path, cell, TemplateBuilder.mainSheetName]
        try python.run(); python.waitUntilExit()
        try #require(python.terminationStatus == 0)

        let checked = FileChecker(framework: framework).check(.file(path: path)).file
        #expect(!checked.findings.contains { $0.severity == .error && $0.cell?.description == cell },
                "\(checked.findings.map(\.message))")
        let submission = try Submission.read(path: path)
        let row = try #require(submission.table.rows.first { $0.code == rows[offset].criterion.code })
        let value = row.score(layout.columns[column].role)
        if case .notApplicable = value {} else { Issue.record("\(cell) read as \(String(describing: value))") }
    }

    static let hasOpenpyxl = PythonModule.isAvailable("openpyxl")

    // MARK: - Helpers

    static func formula(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The custom data-validation rules of a sheet: their range and formula (XML-unescaped).
    static func customRules(in xml: String) -> [(sqref: String, formula: String)] {
        let pattern = #"<dataValidation type="custom"[^>]*sqref="([^"]+)"><formula1>([^<]*)</formula1>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { m in
            (String(xml[Range(m.range(at: 1), in: xml)!]),
             String(xml[Range(m.range(at: 2), in: xml)!]).replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">"))
        }
    }

    static func sqrefs(in xml: String, type: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let start = rest.range(of: "<dataValidation type=\"\(type)\"") {
            let tail = rest[start.upperBound...]
            if let s = tail.range(of: "sqref=\"") {
                let value = tail[s.upperBound...].prefix { $0 != "\"" }
                out.append(String(value))
            }
            rest = tail
        }
        return out
    }

    /// True when a `sqref` such as `H11` or `H14:H15` covers the cell.
    static func covers(_ sqref: String, _ cell: String) -> Bool {
        sqref.split(separator: " ").contains { part in
            guard let range = CellRange(a1: part), let ref = CellReference(a1: cell) else { return false }
            return (range.first.row...range.last.row).contains(ref.row)
                && (range.first.column...range.last.column).contains(ref.column)
        }
    }
}
