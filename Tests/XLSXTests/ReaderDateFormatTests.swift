import Testing
import XLSX

@Suite("Reader date formats")
struct ReaderDateFormatTests {
    @Test(arguments: ["dd/mm/yyyy", "[$-42A]dd/mm/yyyy", "d/m/yy h:mm", "mmm-yy", "hh:mm:ss AM/PM",
                      "[h]:mm", "[ss]", "yyyy\\-mm\\-dd", "DD/MM/YYYY", "\"Ngày \"dd", "[Red]dd/mm/yyyy;@"])
    func dateFormats(code: String) {
        #expect(DateFormats.isDateFormat(code))
    }

    @Test(arguments: ["0.00", "#,##0", "\"m\"0", "[Red]0.0", "General", "0.0 \\m", "@", "#,##0 [$VND]",
                      "0.00E+00", "_(* #,##0_);_(* (#,##0)", "0\" ngày\"", "[$-42A]#,##0", "#,##0_s"])
    func nonDateFormats(code: String) {
        #expect(!DateFormats.isDateFormat(code))
    }

    @Test func builtInIds() {
        let dates = (0...200).filter(DateFormats.isBuiltInDate)
        #expect(dates == Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
    }
}
