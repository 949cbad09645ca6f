import Testing
import XLSX
@testable import ParIndexKit

@Suite struct TemplateFileNameTests {
    func unit(_ code: String, _ name: String? = nil) -> ParIndexKit.Unit {
        ParIndexKit.Unit(code: code, name: name ?? code)
    }

    @Test func namesAreAsciiAndSafe() {
        #expect(TemplateFileName.name(for: unit("NCKSTTHC")) == "mau-NCKSTTHC.xlsx")
        #expect(TemplateFileName.name(for: unit("CTTĐT")) == "mau-CTTDT.xlsx")
        #expect(TemplateFileName.name(for: unit("Phòng Nội vụ")) == "mau-Phong-Noi-vu.xlsx")
        #expect(TemplateFileName.name(for: unit("TC/KH: 2023?")) == "mau-TC-KH-2023.xlsx")
        #expect(TemplateFileName.name(for: unit("???", "Văn phòng Sở")) == "mau-VPS.xlsx")
        for code in ["CON", "nul", "COM1", "Lpt9", "ĐĐ", "a b", "x".padding(toLength: 300, withPad: "y", startingAt: 0)] {
            let name = TemplateFileName.name(for: unit(code))
            #expect(TemplateFileName.isSafe(name), "\(code) → \(name)")
        }
        #expect(TemplateFileName.asciiStem("CON") == "CON_")
        #expect(!TemplateFileName.isSafe("CON.xlsx"))
        #expect(!TemplateFileName.isSafe("mẫu.xlsx"))
        #expect(!TemplateFileName.isSafe("a b.xlsx"))
    }

    @Test func clashesGetASuffix() {
        let names = TemplateFileName.names(for: [unit("CTTĐT"), unit("CTTDT"), unit("cttdt")])
        #expect(names == ["mau-CTTDT.xlsx", "mau-CTTDT-2.xlsx", "mau-cttdt-3.xlsx"])
    }

    @Test func promptsRespectExcelLimits() {
        #expect(TemplateValidation.vietnamese(0.25) == "0,25")
        #expect(TemplateValidation.vietnamese(2) == "2")
        #expect(TemplateValidation.vietnamese(24.607) == "24,607")
        let long = "Điểm đạt được năm trước theo kết quả thẩm định của Hội đồng"
        let title = TemplateValidation.title(long)
        #expect(title.unicodeScalars.count <= 32)
        #expect(TemplateValidation.title("Mục tiêu năm 2020") == "Mục tiêu năm 2020")
        let rule = TemplateValidation.score(header: long, max: 0.25, code: "1.2.3")
        #expect(rule.kind == .decimal(.between(0, 0.25)))
        #expect(rule.inputMessage == "Nhập điểm từ 0 đến 0,25 (điểm chuẩn của tiêu chí 1.2.3). \(TemplateValidation.decimalAdvice)")
        // A unit's own score may say "not applicable": a custom rule, messages within Excel's
        // 255 characters even for a long code and a large maximum.
        let na = TemplateValidation.score(header: long, max: 1234.125, code: "10.12.3.4-a", notApplicable: true)
        #expect(TemplateValidation.anchored(na, at: CellReference(a1: "F9")!).kind
                == .custom(#"=OR(AND(ISNUMBER(F9),F9>=0,F9<=1234.125),F9="KAD",F9="Không áp dụng",F9="N/A")"#))
        #expect((na.inputMessage ?? "").unicodeScalars.count <= 255 && (na.errorMessage ?? "").unicodeScalars.count <= 255,
                "\((na.errorMessage ?? "").unicodeScalars.count)")
        #expect(na.inputMessage?.contains("ghi KAD nếu tiêu chí không áp dụng") == true)
        #expect((rule.inputMessage ?? "").unicodeScalars.count <= 255 && (rule.errorMessage ?? "").unicodeScalars.count <= 255)
        #expect((rule.inputTitle ?? "").unicodeScalars.count <= 32)
        #expect(rule.errorStyle == .stop)
        let units = TemplateValidation.units(header: "Đơn vị phối hợp", listFormula: "='Danh sách đơn vị'!$A$1:$A$3")
        #expect(units.errorStyle == .warning)
        #expect(units.kind == .listFormula("='Danh sách đơn vị'!$A$1:$A$3"))
    }
}
