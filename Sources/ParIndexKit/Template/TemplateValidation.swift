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

    /// What a unit types in a score cell for a criterion that does not apply to it; any
    /// ``NotApplicableMark`` is read as such, these are the ones the cell's rule accepts.
    static let notApplicableMarks = ["KAD", NotApplicableMark.label, "N/A"]

    /// Stands for the rule's top-left cell in a custom formula until the range is known
    /// (see ``anchored(_:at:)``): rows with equal rules share one range.
    static let anchor = "\u{1}"

    /// A score between 0 and the criterion's điểm chuẩn (or any non-negative number when the
    /// criterion has none). With `notApplicable`, the marks of ``notApplicableMarks`` are
    /// accepted too (a custom rule: a number in range, or one of the marks). Refuses other
    /// values.
    static func score(header: String, max: Double?, code: String, notApplicable: Bool = false) -> DataValidation {
        let shownCode = code.isEmpty ? "" : " \(code)"
        let mark = notApplicable ? "; ghi KAD nếu tiêu chí không áp dụng với đơn vị" : ""
        let bounds = max.map { "\(anchor)<=\(Self.formulaNumber($0))" }
        let kind: DataValidation.Kind
        if notApplicable {
            let number = (["ISNUMBER(\(anchor))", "\(anchor)>=0"] + (bounds.map { [$0] } ?? [])).joined(separator: ",")
            let marks = notApplicableMarks.map { "\(anchor)=\"\($0)\"" }.joined(separator: ",")
            kind = .custom("=OR(AND(\(number)),\(marks))")
        } else {
            kind = max.map { .decimal(.between(0, .number($0))) } ?? .decimal(.greaterThanOrEqual(0))
        }
        guard let max else {
            return DataValidation(
                kind,
                inputTitle: title(header),
                inputMessage: "Nhập điểm là số không âm\(mark). \(decimalAdvice)",
                errorTitle: "Điểm không hợp lệ",
                errorMessage: "Điểm phải là một số không âm\(mark). \(decimalAdvice)")
        }
        let top = vietnamese(max)
        return DataValidation(
            kind,
            inputTitle: title(header),
            inputMessage: "Nhập điểm từ 0 đến \(top) (điểm chuẩn của tiêu chí\(shownCode))\(mark). \(decimalAdvice)",
            errorTitle: "Điểm không hợp lệ",
            errorMessage: "Điểm phải là số từ 0 đến \(top), không vượt điểm chuẩn của tiêu chí\(shownCode)\(mark). \(decimalAdvice)")
    }

    /// The rule for the range whose top-left cell is `cell`: a custom formula's anchor
    /// becomes the cell's relative reference (Excel applies it to each cell of the range).
    static func anchored(_ rule: DataValidation, at cell: CellReference) -> DataValidation {
        guard case .custom(let formula) = rule.kind else { return rule }
        var out = rule
        out.kind = .custom(formula.replacingOccurrences(of: anchor, with: cell.a1))
        return out
    }

    /// A bound as a formula writes it: `0.25`, `2`.
    private static func formulaNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
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
