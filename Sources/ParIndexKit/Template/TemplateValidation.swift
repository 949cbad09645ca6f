import Foundation
import XLSX

/// The data-validation rules of a template's to-fill cells, with their Vietnamese prompts.
enum TemplateValidation {
    /// A score as Vietnamese users write it: decimal comma, at most three decimals, no
    /// trailing zeros (`0.25` → `0,25`, `2` → `2`, `24.607` → `24,607`).
    static func vietnamese(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// The one advice on the decimal separator, in the `Hướng dẫn` sheet and in every
    /// score cell's messages alike: Excel reads what the computer's regional settings say.
    static let decimalAdvice = "Dấu thập phân theo thiết lập của máy tính: dấu phẩy (0,5) nếu máy đặt kiểu Việt Nam, dấu chấm (0.5) nếu kiểu Anh – Mỹ."

    /// Cuts a prompt title to Excel's 32 characters.
    static func title(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 32 else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars.prefix(31))
        return String(out).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A score between 0 and the criterion's điểm chuẩn (or any non-negative number when the
    /// criterion has none). Refuses other values.
    static func score(header: String, max: Double?, code: String) -> DataValidation {
        let shownCode = code.isEmpty ? "" : " \(code)"
        guard let max else {
            return DataValidation(
                .decimal(.greaterThanOrEqual(0)),
                inputTitle: title(header),
                inputMessage: "Nhập điểm là số không âm. \(decimalAdvice)",
                errorTitle: "Điểm không hợp lệ",
                errorMessage: "Điểm phải là một số không âm. \(decimalAdvice)")
        }
        let top = vietnamese(max)
        return DataValidation(
            .decimal(.between(0, .number(max))),
            inputTitle: title(header),
            inputMessage: "Nhập điểm từ 0 đến \(top) (điểm chuẩn của tiêu chí\(shownCode)). \(decimalAdvice)",
            errorTitle: "Điểm không hợp lệ",
            errorMessage: "Điểm phải là số từ 0 đến \(top), không vượt điểm chuẩn của tiêu chí\(shownCode). \(decimalAdvice)")
    }

    /// The co-operating units: a drop-down from the unit list on the hidden sheet. Only a
    /// warning for other values, since several units may be typed in one cell.
    static func units(header: String, listFormula: String) -> DataValidation {
        DataValidation(
            .listFormula(listFormula),
            inputTitle: title(header),
            inputMessage: "Chọn đơn vị trong danh sách. Nhiều đơn vị: gõ mỗi đơn vị một dòng (Alt+Enter) hoặc cách nhau bằng dấu chấm phẩy (;).",
            errorTitle: "Đơn vị ngoài danh sách",
            errorMessage: "Giá trị này không có trong danh sách đơn vị. Nếu đã ghi nhiều đơn vị trong một ô hoặc một đơn vị khác, chọn Yes (Có) để giữ nguyên.",
            errorStyle: .warning)
    }
}
