import CXlsxWriter

extension WorksheetWriter {
    /// Applies print settings: paper, orientation, margins, repeated rows/columns, print
    /// area, fit to width, centring, header and footer.
    public func setPageSetup(_ setup: PageSetup) throws {
        _ = try owner.openWorkbook()
        try validate(setup)

        worksheet_set_paper(sheet, setup.paper.rawValue)
        switch setup.orientation {
        case .portrait: worksheet_set_portrait(sheet)
        case .landscape: worksheet_set_landscape(sheet)
        }
        if let margins = setup.margins {
            let inch = 25.4
            worksheet_set_margins(sheet, margins.left / inch, margins.right / inch,
                                  margins.top / inch, margins.bottom / inch)
        }
        if let rows = setup.repeatRows {
            try WriterChecks.check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound - 1), lxw_row_t(rows.upperBound - 1)),
                                   "không đặt được dòng lặp lại khi in")
        }
        if let columns = setup.repeatColumns {
            try WriterChecks.check(
                worksheet_repeat_columns(sheet, lxw_col_t(columns.lowerBound - 1), lxw_col_t(columns.upperBound - 1)),
                "không đặt được cột lặp lại khi in")
        }
        if let area = setup.printArea {
            try WriterChecks.check(
                worksheet_print_area(sheet, lxw_row_t(area.first.row - 1), lxw_col_t(area.first.column - 1),
                                     lxw_row_t(area.last.row - 1), lxw_col_t(area.last.column - 1)),
                "không đặt được vùng in \(area.a1)")
        }
        if setup.fitToWidth {
            worksheet_fit_to_pages(sheet, 1, 0)
        } else if let scale = setup.scale {
            worksheet_set_print_scale(sheet, UInt16(scale))
        }
        if setup.centerHorizontally { worksheet_center_horizontally(sheet) }
        if let first = setup.firstPageNumber { worksheet_set_start_page(sheet, UInt16(first)) }
        owner.setHeaderOnFirstPage(setup.headerOnFirstPage, sheet: index)

        var headerOptions = lxw_header_footer_options()
        headerOptions.margin = (setup.margins?.header ?? 7.62) / 25.4
        var footerOptions = lxw_header_footer_options()
        footerOptions.margin = (setup.margins?.footer ?? 7.62) / 25.4
        if setup.header != nil || setup.margins != nil {
            try WriterChecks.check(worksheet_set_header_opt(sheet, setup.header ?? "", &headerOptions),
                                   "không đặt được đầu trang")
        }
        if setup.footer != nil || setup.margins != nil {
            try WriterChecks.check(worksheet_set_footer_opt(sheet, setup.footer ?? "", &footerOptions),
                                   "không đặt được chân trang")
        }
    }

    private func validate(_ setup: PageSetup) throws {
        if let margins = setup.margins {
            for value in [margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer] {
                guard value.isFinite, (0...500).contains(value) else {
                    throw WriterChecks.fail("lề trang \(value) mm không hợp lệ (từ 0 đến 500 mm)")
                }
            }
        }
        for rows in [setup.repeatRows].compactMap({ $0 }) {
            try WriterChecks.check(row: rows.lowerBound)
            try WriterChecks.check(row: rows.upperBound)
        }
        for columns in [setup.repeatColumns].compactMap({ $0 }) {
            try WriterChecks.check(column: columns.lowerBound)
            try WriterChecks.check(column: columns.upperBound)
        }
        if let area = setup.printArea { try WriterChecks.check(area) }
        if let first = setup.firstPageNumber, !(1...32_767).contains(first) {
            throw WriterChecks.fail("số trang đầu \(first) không hợp lệ (từ 1 đến 32.767)")
        }
        if let scale = setup.scale, !(10...400).contains(scale) {
            throw WriterChecks.fail("tỷ lệ in \(scale)% không hợp lệ (từ 10 đến 400)")
        }
        if let header = setup.header { try WriterChecks.check(header, maxCharacters: 255, what: "đầu trang") }
        if let footer = setup.footer { try WriterChecks.check(footer, maxCharacters: 255, what: "chân trang") }

        // libxlsxwriter stores _xlnm.Print_Titles and _xlnm.Print_Area in 128-byte buffers.
        let quoted = WriterChecks.quoted(sheetName: name)
        let rowsPart = setup.repeatRows.map { "\(quoted)!$\($0.lowerBound):$\($0.upperBound)" }
        let columnsPart = setup.repeatColumns.map {
            "\(quoted)!$\(CellReference.columnName($0.lowerBound)):$\(CellReference.columnName($0.upperBound))"
        }
        let titles = [columnsPart, rowsPart].compactMap { $0 }.joined(separator: ",")
        let area = setup.printArea.map {
            "\(quoted)!$\(CellReference.columnName($0.first.column))$\($0.first.row):$\(CellReference.columnName($0.last.column))$\($0.last.row)"
        } ?? ""
        for formula in [titles, area] where formula.utf8.count > WriterChecks.maxFieldBytes {
            throw WriterChecks.fail("tên trang tính \"\(name)\" quá dài để đặt dòng/cột lặp lại hoặc vùng in (\(formula.utf8.count) byte, tối đa \(WriterChecks.maxFieldBytes)); hãy đặt tên trang tính ngắn hơn")
        }
    }
}
