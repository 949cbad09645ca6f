import Foundation
import Testing
import XLSX
@testable import ParIndexKit

struct FrameworkImportTests {
    static let names = ["000-van-phong-ubnd-dak-nong-2020", "002-ubnd-ninh-son-766-2022",
                        "003-so-khcn-dak-nong-2023", "004-khac-phuc-2023"]

    static func importSeed(_ name: String) throws -> FrameworkImporter.Result {
        try FrameworkImporter().importWorkbook(path: SeedWorkbookImportTests.workbook(name))
    }

    static func find(_ id: String, in framework: Framework) -> FlatCriterion? {
        framework.flattened.first { $0.criterion.id == id }
    }

    @Test(arguments: names)
    func importThenYAMLThenLoadIsUnchanged(_ name: String) throws {
        let framework = try Self.importSeed(name).framework
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-fw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["yaml", "json"] {
            let path = dir.appendingPathComponent("\(name).\(ext)").path
            try FrameworkStore.save(framework, to: path)
            let loaded = try FrameworkStore.load(path: path)
            #expect(loaded == framework, "\(ext) round trip")
            #expect(FrameworkStore.versionHash(loaded) == FrameworkStore.versionHash(framework))
        }
        // The framework shipped in Examples/ is what the importer makes today.
        let shipped = SeedWorkbookImportTests.root.appendingPathComponent("Examples/frameworks/\(name).yaml").path
        #expect(try FrameworkStore.load(path: shipped) == framework, "re-run the README demo import into Examples/frameworks")
        // No temporary file is left beside the outputs.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left.sorted() == ["\(name).json", "\(name).yaml"])
    }

    @Test func planAppendixOf2020() throws {
        let result = try Self.importSeed("000-van-phong-ubnd-dak-nong-2020")
        let fw = result.framework
        #expect(fw.metadata.year == 2020)
        #expect(fw.metadata.title == "Phân công nhiệm vụ cải thiện, nâng cao Chỉ số CCHC (PAR INDEX) tỉnh Đắk Nông năm 2020")
        #expect(fw.metadata.document == "Ban hành kèm theo Công văn số 642/PPUBND-HCQT ngày 11 tháng 7 năm 2020 của Văn phòng UBND tỉnh Đắk Nông")
        #expect(fw.metadata.layout == "plan")
        #expect(fw.flattened.count == 24)
        #expect(fw.criteria.map(\.id) == ["A"])
        #expect(fw.criteria[0].children.map(\.id) == ["1", "2.2", "3.3", "4"])
        // The bullet row under 3.3 gets an id from its parent.
        let bullet = try #require(Self.find("3.3-1", in: fw))
        #expect(bullet.criterion.code == "-")
        #expect(bullet.criterion.max == 0.75)
        #expect(bullet.parentID == "3.3")
        let c = try #require(Self.find("4.1.4", in: fw)).criterion
        #expect(c.max == 1 && c.prev == 0 && c.target == 0.5)
        #expect(c.lead == ["NCKSTTHC"] && c.coop == ["Các phòng, đơn vị có liên quan"])
        // The mistyped CTTBDT is kept as an alias of CTTĐT, with a warning.
        #expect(fw.units.map(\.name) == ["NCKSTTHC", "CTTĐT", "TTHCC"])
        #expect(fw.units[1].aliases == ["CTTBDT"])
        #expect(fw.units[1].code == "CTTDT")
        #expect(result.warnings.contains { $0.message.contains("CTTBDT") && $0.message.contains("CTTĐT") })
    }

    @Test func assignmentTableGroupRowsCarryUnitAndPerson() throws {
        let fw = try Self.importSeed("002-ubnd-ninh-son-766-2022").framework
        #expect(fw.metadata.layout == "assignment")
        #expect(fw.metadata.title.hasPrefix("BẢNG PHÂN CÔNG NHIỆM VỤ") && fw.metadata.title.hasSuffix("CỦA THỦ TƯỚNG CHÍNH PHỦ"))
        #expect(fw.criteria.map(\.id) == ["I", "II", "III.1", "III.2", "IV.1", "IV.2", "V"])
        let two = try #require(Self.find("2", in: fw))
        #expect(two.parentID == "I")
        #expect(two.criterion.lead == ["Văn phòng HĐND và UBND huyện"])
        #expect(two.criterion.person == "Nguyễn Anh Văn")
        let unnumbered = try #require(Self.find("16-1", in: fw))
        #expect(unnumbered.criterion.title == "Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư")
        #expect(unnumbered.criterion.lead == ["Công an huyện"])
        #expect(unnumbered.criterion.person == "Trương Việt Hùng")
        #expect(fw.units.map(\.name) == ["Văn phòng HĐND và UBND huyện", "Bộ phận Tiếp nhận và trả kết quả của huyện",
                                         "Công an huyện", "Phòng Nội vụ"])
    }

    @Test func departmentPlanOf2023() throws {
        let fw = try Self.importSeed("003-so-khcn-dak-nong-2023").framework
        #expect(fw.metadata.year == 2023)
        #expect(fw.metadata.document == "Kèm theo Kế hoạch số: /KH-SKHCN ngày tháng 3 năm 2023 của Sở Khoa học và Công nghệ tỉnh Đắk Nông")
        #expect(fw.criteria.map(\.id) == ["1", "2", "3", "4"])
        let c = try #require(Self.find("4.2.2", in: fw)).criterion
        #expect(c.max == 1.5 && c.prev == 0.2 && c.target == 1.5)
        #expect(Self.find("1.1.1", in: fw)?.criterion.lead == ["Văn phòng Sở", "Trung tâm TTKT& UDKHCN"])
        #expect(fw.units.map(\.code) == ["VPS", "TTTTKTUDKHCN"])
    }

    @Test func remediationPlan() throws {
        let fw = try Self.importSeed("004-khac-phuc-2023").framework
        #expect(fw.metadata.layout == "remediation")
        #expect(fw.criteria.count == 21)
        #expect(fw.criteria.allSatisfy { $0.children.isEmpty })
        let ten = try #require(Self.find("10", in: fw)).criterion
        #expect(ten.deadline == "Thường xuyên")
        #expect(ten.lead.count == 4)
        #expect(Self.find("3", in: fw)?.criterion.deadline == "Trước ngày 15/11/2023")
    }

    @Test func unitCodesAreShortAndASCII() {
        #expect(UnitName.code(for: "Văn phòng Sở") == "VPS")
        #expect(UnitName.code(for: "CTTĐT") == "CTTDT")
        #expect(UnitName.code(for: "Văn phòng HĐND&UBND huyện") == "VPHDNDUBNDH")
        #expect(UnitName.code(for: "Bộ phận Tiếp nhận và trả kết quả của huyện") == "BPTNTKQH")
        #expect(UnitName.isCollective("Các phòng, đơn vị liên quan"))
        #expect(!UnitName.isCollective("Phòng Nội vụ"))
    }
}

struct LayoutTests {
    @Test func builtinLayoutsMatchTheTemplatesFolder() throws {
        let dir = SeedWorkbookImportTests.root.appendingPathComponent("Templates/layouts")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == LayoutLibrary.builtinNames)
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(5))
            #expect(BuiltinLayouts.sources[name]?.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines),
                    "run scripts/embed-templates.py after editing \(file)")
        }
    }

    @Test func planLayoutHeadersTakeTheYear() throws {
        let plan = try LayoutLibrary.load("plan")
        #expect(plan.columns.map(\.role) == [.code, .title, .max, .prev, .target, .tasks, .lead, .coop])
        #expect(plan.column(.prev)?.headerText(year: 2024) == "Điểm đạt năm 2023")
        #expect(plan.column(.target)?.headerText(year: 2024) == "Mục tiêu năm 2024")
        #expect(plan.column(.target)?.required == true)
        #expect(plan.column(.max)?.given == true)
        // Every built-in layout's headers are recognised by the header matcher.
        for name in LayoutLibrary.builtinNames {
            let layout = try LayoutLibrary.load(name)
            let cells = layout.columns.enumerated().map { (column: $0.offset + 1, text: $0.element.headerText(year: 2024)) }
            let match = try #require(HeaderMatcher().matchHeaderRow(cells), "\(name)")
            #expect(match.columns == Dictionary(uniqueKeysWithValues: layout.columns.enumerated().map { ($1.role, $0 + 1) }), "\(name)")
        }
    }

    @Test func userLayoutFilesLoadAndBadOnesAreRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("mine.yaml")
        try """
        name: mine
        title: "Bảng của tôi năm {year}"
        columns:
          - { role: code, header: "STT" }
          - { role: title, header: "Tiêu chí", width: 40, given: true }
          - { role: self, header: "Điểm tự chấm", required: true, numberFormat: "0.00" }
        """.write(to: good, atomically: true, encoding: .utf8)
        let layout = try LayoutLibrary.load(good.path)
        #expect(layout.columns.map(\.role) == [.code, .title, .selfScore])
        #expect(layout.columns[0].width == 12)
        let bad = dir.appendingPathComponent("bad.yaml")
        try "name: bad\ntitle: x\ncolumns:\n  - { role: code }\n  - { role: code }\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: FrameworkFileError.self) { try LayoutLibrary.load(bad.path) }
        #expect(throws: FrameworkFileError.self) { try LayoutLibrary.load("khong-co") }
    }
}
