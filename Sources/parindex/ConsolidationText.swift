import ParIndexKit

/// The terminal summary of a consolidation (`consolidate`, `campaign consolidate`).
enum ConsolidationText {
    static func write(_ consolidation: Consolidation, figures: ConsolidationFigures, output: String) {
        var line = "Đã ghi \(output): \(figures.criteria) tiêu chí (\(figures.criteriaWithValues) có số liệu) từ \(figures.files) tệp; "
            + "\(figures.invalidOrUnreadable) tệp có lỗi hoặc không đọc được"
        if figures.superseded > 0 { line += "; \(figures.superseded) bản cũ đã được thay" }
        print(line + " — xem trang \"Kiểm tra\".")
        if !consolidation.unitsExcluded.isEmpty {
            print("Đơn vị có tệp lỗi, chưa tổng hợp: \(consolidation.unitsExcluded.map(\.name).joined(separator: ", ")).")
        }
        if !consolidation.unitsNotSubmitted.isEmpty {
            let missing = consolidation.unitsNotSubmitted.map(\.name)
            let shown = missing.prefix(10).joined(separator: ", ")
            print("Đơn vị chưa nộp: \(shown)\(missing.count > 10 ? " và \(missing.count - 10) đơn vị khác (xem trang \"Kiểm tra\")" : "").")
        }
    }
}
