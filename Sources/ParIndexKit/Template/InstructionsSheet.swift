import XLSX

/// The `Hướng dẫn` sheet of a template: what to fill, what is locked, how to type scores
/// and units, and how to send the file back — in Vietnamese.
struct InstructionsSheet {
    let layout: Layout
    let unit: Unit
    let framework: Framework
    let rows: [TemplateRow]
    let password: String?
    let hasUnitList: Bool

    /// The numbered instructions, one paragraph each.
    func paragraphs() -> [String] {
        let year = framework.metadata.year
        let toFill = layout.columns.filter { !$0.given }
        let given = layout.columns.filter(\.given)
        func names(_ columns: [LayoutColumn]) -> String {
            columns.map { "\"\($0.headerText(year: year))\"" }.joined(separator: ", ")
        }
        let inputCount = rows.filter(\.isInput).count
        var out: [String] = []
        out.append("Biểu mẫu này gồm \(inputCount) tiêu chí do \(unit.name) chủ trì. Các dòng in đậm, nền xám là lĩnh vực, nhóm tiêu chí: chỉ để đối chiếu, không phải điền.")
        if toFill.isEmpty {
            out.append("Bố cục này không có cột nào phải điền.")
        } else {
            var text = "Chỉ điền vào các ô của cột \(names(toFill)) trên các dòng tiêu chí."
            let required = toFill.filter(\.required)
            if !required.isEmpty {
                text += " Ô nền vàng (cột \(names(required))) là ô bắt buộc, không được để trống."
            }
            out.append(text)
        }
        if !given.isEmpty {
            let lock = password == nil
                ? "Trang tính được bảo vệ (không đặt mật khẩu) để tránh sửa nhầm."
                : "Trang tính được bảo vệ bằng mật khẩu để tránh sửa nhầm."
            out.append("Các cột \(names(given)) được lấy từ bộ tiêu chí và đã khóa, không sửa được. \(lock)")
        }
        if toFill.contains(where: \.role.isScore) {
            out.append("Điểm là số từ 0 đến điểm chuẩn của tiêu chí; Excel báo lỗi nếu vượt điểm chuẩn. Tiêu chí không áp dụng với đơn vị: ghi KAD (Không áp dụng) vào ô điểm. \(TemplateValidation.decimalAdvice) Dòng nhóm và dòng Tổng cộng tự cộng điểm các tiêu chí con.")
        }
        if toFill.contains(where: { $0.role == .coop }) {
            let source = hasUnitList ? "Chọn đơn vị trong danh sách thả xuống. " : ""
            out.append("Đơn vị phối hợp: \(source)Nếu có nhiều đơn vị, gõ mỗi đơn vị một dòng (Alt+Enter) hoặc cách nhau bằng dấu chấm phẩy (;); khi Excel hỏi, chọn Yes (Có) để giữ nguyên.")
        }
        if toFill.contains(where: { $0.role == .deadline }) {
            out.append("Thời gian hoàn thành: ghi ngày (ví dụ 15/11/\(year.map(String.init) ?? "2023")) hoặc \"Thường xuyên\", \"Trước ngày …\".")
        }
        out.append("Không đổi tên, thêm, xóa hay sắp xếp lại các trang tính; không sửa số thứ tự (STT), nội dung tiêu chí; không chèn, xóa dòng hoặc cột. Có thể kéo rộng dòng, cột cho dễ đọc.")
        out.append("Điền xong, lưu và gửi lại tệp dưới dạng Excel (.xlsx) — không lưu thành .xls, .pdf hay ảnh chụp. Có thể đổi tên tệp: tệp vẫn được nhận đúng đơn vị.")
        return out
    }

    func write(into writer: XLSXWriter, styles: TemplateStyles) throws {
        let sheet = try writer.addWorksheet(name: TemplateBuilder.instructionsSheetName)
        try sheet.setColumnWidth(1, width: 5)
        try sheet.setColumnWidth(2, width: 100)
        var row = 1
        try sheet.merge(CellRange(first: CellReference(row: row, column: 1), last: CellReference(row: row, column: 2)),
                        value: .string("HƯỚNG DẪN ĐIỀN BIỂU MẪU"), style: styles.instructionsTitle)
        row += 2
        let frameworkTitle = framework.metadata.title
        let frameworkLine = framework.metadata.year.map(String.init).map {
            frameworkTitle.contains($0) ? frameworkTitle : "\(frameworkTitle) năm \($0)"
        } ?? frameworkTitle
        let facts: [(String, String)] = [
            ("Đơn vị:", "\(unit.name) (mã \(unit.code))"),
            ("Bộ tiêu chí:", frameworkLine),
            ("Biểu mẫu:", TemplateBuilder.title(of: layout, year: framework.metadata.year)),
        ]
        for (label, value) in facts {
            try sheet.merge(CellRange(first: CellReference(row: row, column: 1), last: CellReference(row: row, column: 2)),
                            value: .string("\(label) \(value)"), style: styles.instructionsHeading)
            try sheet.setRowHeight(row, height: RowHeights.height(cells: [("\(label) \(value)", 105, true)]))
            row += 1
        }
        row += 1
        for (index, text) in paragraphs().enumerated() {
            try sheet.write(.string("\(index + 1)."), at: CellReference(row: row, column: 1), style: styles.instructionsHeading)
            try sheet.write(.string(text), at: CellReference(row: row, column: 2), style: styles.instructionsText)
            try sheet.setRowHeight(row, height: RowHeights.height(cells: [(text, 100, false)]))
            row += 1
        }
        row += 1
        try sheet.write(nil, at: CellReference(row: row, column: 1), style: styles.sample)
        try sheet.write(.string("Ô nền vàng: ô bắt buộc phải điền."), at: CellReference(row: row, column: 2),
                        style: styles.instructionsText)
        // Numbered on its own from 1, at the top centre from its second page (Nghị định 30),
        // not continuing the numbers of Biểu mẫu when the whole workbook is printed.
        try sheet.setPageSetup(PageSetup(paper: .a4, orientation: .portrait, margins: .administrative, fitToWidth: true,
                                         header: "&C&\"Times New Roman,Regular\"&13&P", firstPageNumber: 1,
                                         headerOnFirstPage: false))
        try sheet.protect(password: password)
    }

}
