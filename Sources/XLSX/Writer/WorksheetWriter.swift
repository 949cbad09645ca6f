import CXlsxWriter

/// One sheet of an ``XLSXWriter``: cells, merges, sizes, panes, comments, protection and
/// visibility. Print settings and data validation are in their own extensions.
///
/// Positions are 1-based. Every call throws once the workbook has been closed.
public final class WorksheetWriter {
    /// The sheet's name.
    public let name: String
    /// Position in workbook order, 0-based.
    public let index: Int

    let owner: XLSXWriter
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    /// Highest row written so far; enforces row order in constant-memory mode.
    private var lastRow = 0

    init(owner: XLSXWriter, sheet: UnsafeMutablePointer<lxw_worksheet>, name: String, index: Int) {
        self.owner = owner
        self.sheet = sheet
        self.name = name
        self.index = index
    }

    // MARK: - Cells

    /// Writes a value: numbers as numbers, strings as text, booleans, dates as Excel dates
    /// (with the style's number format, or `dd/mm/yyyy` when it has none) and error values
    /// such as `#N/A` as text. Nil writes a styled blank (nothing without a style).
    public func write(_ value: CellValue?, at ref: CellReference, style: CellStyle? = nil) throws {
        try prepareWrite(row: ref.row, column: ref.column)
        if case .date(let date) = value {
            let (row, column) = Self.zeroBased(ref)
            var datetime = try Self.lxwDatetime(date, at: ref)
            try WriterChecks.check(worksheet_write_datetime(sheet, row, column, &datetime, owner.dateFormat(style)),
                                   "không ghi được ô \(ref.a1)")
            return
        }
        try write(value, at: ref, handle: owner.format(style))
    }

    /// Registers a style with this sheet's workbook (``XLSXWriter/format(_:)``).
    public func format(_ style: CellStyle) throws -> CellFormat {
        try owner.format(style)
    }

    /// Writes a value with a style registered beforehand (``XLSXWriter/format(_:)``): the
    /// same cell as ``write(_:at:style:)`` with `format.style`, without the style lookup.
    /// Nil writes a styled blank.
    public func write(_ value: CellValue?, at ref: CellReference, format: CellFormat) throws {
        guard format.writer == ObjectIdentifier(owner) else {
            throw WriterChecks.fail("định dạng ô của một sổ tính khác, không dùng được ở trang tính \"\(name)\"")
        }
        if case .date = value { return try write(value, at: ref, style: format.style) }
        try prepareWrite(row: ref.row, column: ref.column)
        try write(value, at: ref, handle: format.handle)
    }

    /// Writes a value that is not a date with a format handle (nil: no style; a nil value
    /// then writes nothing). The position has been checked.
    private func write(_ value: CellValue?, at ref: CellReference, handle: UnsafeMutablePointer<lxw_format>?) throws {
        let (row, column) = Self.zeroBased(ref)
        let error: lxw_error
        switch value {
        case nil:
            guard let handle else { return }
            error = worksheet_write_blank(sheet, row, column, handle)
        case .number(let number):
            try WriterChecks.check(number: number, at: ref)
            error = worksheet_write_number(sheet, row, column, number, handle)
        case .string(let text), .error(let text):
            try WriterChecks.check(text: text, at: ref)
            error = worksheet_write_string(sheet, row, column, text, handle)
        case .bool(let flag):
            error = worksheet_write_boolean(sheet, row, column, flag ? 1 : 0, handle)
        case .date:
            preconditionFailure("dates are written with their date format")
        }
        try WriterChecks.check(error, "không ghi được ô \(ref.a1)")
    }

    /// Writes values left to right from `startColumn` on one row; nil entries are skipped
    /// (or written as styled blanks when a style is given).
    public func writeRow(_ values: [CellValue?], row: Int, startColumn: Int = 1, style: CellStyle? = nil) throws {
        for (offset, value) in values.enumerated() {
            try write(value, at: CellReference(row: row, column: startColumn + offset), style: style)
        }
    }

    /// Writes a formula (with or without the leading `=`). `cachedValue` is the result
    /// stored with it, shown by readers that do not recalculate; without it 0 is stored
    /// and Excel recalculates on opening.
    public func writeFormula(_ formula: String, at ref: CellReference, cachedValue: Double? = nil,
                             style: CellStyle? = nil) throws {
        try prepareWrite(row: ref.row, column: ref.column)
        try WriterChecks.check(formula: formula, at: ref)
        let (row, column) = Self.zeroBased(ref)
        let format = try owner.format(style)
        if let cachedValue {
            try WriterChecks.check(number: cachedValue, at: ref)
            try WriterChecks.check(worksheet_write_formula_num(sheet, row, column, formula, format, cachedValue),
                                   "không ghi được công thức ở ô \(ref.a1)")
        } else {
            try WriterChecks.check(worksheet_write_formula(sheet, row, column, formula, format),
                                   "không ghi được công thức ở ô \(ref.a1)")
        }
    }

    /// Writes an empty cell that carries a style (borders, fill, unlocked...).
    public func writeBlank(at ref: CellReference, style: CellStyle) throws {
        try write(nil, at: ref, style: style)
    }

    /// Merges a range (at least two cells) and writes `value` in its first cell; every
    /// cell of the range gets the style, so borders go all round.
    public func merge(_ range: CellRange, value: CellValue?, style: CellStyle? = nil) throws {
        try WriterChecks.check(range)
        guard range.first != range.last else {
            throw WriterChecks.fail("vùng gộp \(range.a1) chỉ có một ô; phải gộp ít nhất hai ô")
        }
        if owner.options.constantMemory, range.first.row != range.last.row {
            switch value {
            case nil, .string?: break
            default:
                throw WriterChecks.fail("ở chế độ tiết kiệm bộ nhớ chỉ gộp được nhiều dòng (\(range.a1)) khi giá trị là chuỗi hoặc để trống")
            }
        }
        try prepareWrite(row: range.first.row, column: range.first.column)
        if case .string(let text)? = value { try WriterChecks.check(text: text, at: range.first) }
        let format = try owner.format(style)
        let text: String
        if case .string(let string)? = value { text = string } else { text = "" }
        try WriterChecks.check(
            worksheet_merge_range(sheet, lxw_row_t(range.first.row - 1), lxw_col_t(range.first.column - 1),
                                  lxw_row_t(range.last.row - 1), lxw_col_t(range.last.column - 1), text, format),
            "không gộp được vùng \(range.a1)")
        lastRow = max(lastRow, range.last.row)
        switch value {
        case nil, .string?: break
        default:
            lastRow = range.first.row
            try write(value, at: range.first, style: style)
            lastRow = max(lastRow, range.last.row)
        }
    }

    // MARK: - Sizes and views

    /// Sets a column's width (in Excel's character units, 0–255), style and visibility.
    public func setColumnWidth(_ column: Int, width: Double, style: CellStyle? = nil, hidden: Bool = false) throws {
        try setColumnWidth(column...column, width: width, style: style, hidden: hidden)
    }

    /// Sets the width, style and visibility of a range of columns.
    public func setColumnWidth(_ columns: ClosedRange<Int>, width: Double, style: CellStyle? = nil,
                               hidden: Bool = false) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(column: columns.lowerBound)
        try WriterChecks.check(column: columns.upperBound)
        guard width.isFinite, (0...255).contains(width) else {
            throw WriterChecks.fail("độ rộng cột \(width) không hợp lệ (từ 0 đến 255)")
        }
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        try WriterChecks.check(
            worksheet_set_column_opt(sheet, lxw_col_t(columns.lowerBound - 1), lxw_col_t(columns.upperBound - 1),
                                     width, owner.format(style), &options),
            "không đặt được độ rộng cột")
    }

    /// Sets a row's height in points (0–409), style and visibility. In constant-memory mode
    /// call it before writing the row's cells.
    public func setRowHeight(_ row: Int, height: Double, style: CellStyle? = nil, hidden: Bool = false) throws {
        try prepareWrite(row: row, column: 1)
        guard height.isFinite, (0...409).contains(height) else {
            throw WriterChecks.fail("chiều cao dòng \(height) không hợp lệ (từ 0 đến 409 point)")
        }
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        try WriterChecks.check(worksheet_set_row_opt(sheet, lxw_row_t(row - 1), height, owner.format(style), &options),
                               "không đặt được chiều cao dòng \(row)")
    }

    /// Freezes the rows above `row` and the columns left of `column`: the cell at
    /// (`row`, `column`) is the first that scrolls. `freezePanes(row: 5)` keeps rows 1–4
    /// on screen; `freezePanes(row: 1, column: 3)` keeps columns A–B.
    public func freezePanes(row: Int, column: Int = 1) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(row: row)
        try WriterChecks.check(column: column)
        guard row > 1 || column > 1 else { return }
        worksheet_freeze_panes(sheet, lxw_row_t(row - 1), lxw_col_t(column - 1))
    }

    /// Freezes only the rows `topRow..<row` (e.g. a table's header row), with the rows
    /// above `topRow` (a title block) scrolled out of view rather than frozen on screen.
    public func freezeRows(_ rows: Range<Int>) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(row: rows.lowerBound)
        try WriterChecks.check(row: rows.upperBound)
        guard !rows.isEmpty else { return }
        worksheet_freeze_panes_opt(sheet, lxw_row_t(rows.count), 0, lxw_row_t(rows.upperBound - 1), 0, 0)
        owner.setFrozenTopRow(rows.lowerBound > 1 ? rows.lowerBound : nil, sheet: index)
    }

    /// Sets a row's height as a starting point that Excel fits again when the row's
    /// wrapped text changes (no `customHeight`): for rows a user types into.
    public func setInitialRowHeight(_ row: Int, height: Double) throws {
        try setRowHeight(row, height: height)
        owner.allowAutoFit(row: row, sheet: index)
    }

    /// Adds filter buttons to the header row of a range.
    public func setAutoFilter(_ range: CellRange) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(range)
        try WriterChecks.check(
            worksheet_autofilter(sheet, lxw_row_t(range.first.row - 1), lxw_col_t(range.first.column - 1),
                                 lxw_row_t(range.last.row - 1), lxw_col_t(range.last.column - 1)),
            "không đặt được bộ lọc cho vùng \(range.a1)")
    }

    /// Sets the zoom in percent (10–400).
    public func setZoom(_ percent: Int) throws {
        _ = try owner.openWorkbook()
        guard (10...400).contains(percent) else {
            throw WriterChecks.fail("tỷ lệ phóng to \(percent)% không hợp lệ (từ 10 đến 400)")
        }
        worksheet_set_zoom(sheet, UInt16(percent))
    }

    /// Colours the sheet's tab (`0xRRGGBB`).
    public func setTabColor(_ rgb: UInt32) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(color: rgb, what: "thẻ trang tính")
        worksheet_set_tab_color(sheet, rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb))
    }

    /// Hides the sheet's tab. At least one sheet must stay visible; if the active sheet is
    /// hidden, the first visible one becomes active when the workbook is closed.
    public func hide() throws {
        _ = try owner.openWorkbook()
        worksheet_hide(sheet)
        owner.sheets[index].hidden = true
        if owner.activeIndex == index { owner.activeIndex = 0 }
    }

    /// Makes this the sheet shown when the workbook opens (and shows it if hidden).
    public func activate() throws {
        _ = try owner.openWorkbook()
        worksheet_activate(sheet)
        owner.sheets[index].hidden = false
        owner.activeIndex = index
    }

    // MARK: - Comments and protection

    /// Attaches a note to a cell; `visible` shows it without hovering.
    public func addComment(at ref: CellReference, text: String, author: String? = nil, visible: Bool = false) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(ref)
        try WriterChecks.check(text: text, at: ref)
        if let author { try WriterChecks.check(author, maxCharacters: 255, what: "tên tác giả ghi chú") }
        let bag = CStringBag()
        var options = lxw_comment_options()
        options.visible = UInt8(visible ? LXW_COMMENT_DISPLAY_VISIBLE.rawValue : LXW_COMMENT_DISPLAY_HIDDEN.rawValue)
        options.author = bag.copy(author)
        let (row, column) = Self.zeroBased(ref)
        // libxlsxwriter copies the text and the author.
        try WriterChecks.check(worksheet_write_comment_opt(sheet, row, column, text, &options),
                               "không thêm được ghi chú ở ô \(ref.a1)")
        bag.release()
    }

    /// Protects the sheet: locked cells (``CellStyle/locked``, true by default) cannot be
    /// edited; `options` lists what stays allowed.
    ///
    /// The password is stored with Excel's legacy 16-bit hash, which is trivially
    /// reversed: it guards against accidental edits, it is not security.
    public func protect(password: String? = nil, options: ProtectionOptions = .init()) throws {
        _ = try owner.openWorkbook()
        if let password { try WriterChecks.check(password, maxCharacters: 255, what: "mật khẩu bảo vệ trang tính") }
        var protection = lxw_protection()
        protection.no_select_locked_cells = options.selectLockedCells ? 0 : 1
        protection.no_select_unlocked_cells = options.selectUnlockedCells ? 0 : 1
        protection.format_cells = options.formatCells ? 1 : 0
        protection.format_columns = options.formatColumns ? 1 : 0
        protection.format_rows = options.formatRows ? 1 : 0
        protection.insert_columns = options.insertColumns ? 1 : 0
        protection.insert_rows = options.insertRows ? 1 : 0
        protection.insert_hyperlinks = options.insertHyperlinks ? 1 : 0
        protection.delete_columns = options.deleteColumns ? 1 : 0
        protection.delete_rows = options.deleteRows ? 1 : 0
        protection.sort = options.sort ? 1 : 0
        protection.autofilter = options.autoFilter ? 1 : 0
        protection.pivot_tables = options.pivotTables ? 1 : 0
        protection.objects = options.editObjects ? 1 : 0
        protection.scenarios = options.editScenarios ? 1 : 0
        if let password, !password.isEmpty {
            worksheet_protect(sheet, password, &protection)
        } else {
            worksheet_protect(sheet, nil, &protection)
        }
    }

    // MARK: - Internal

    static func zeroBased(_ ref: CellReference) -> (lxw_row_t, lxw_col_t) {
        (lxw_row_t(ref.row - 1), lxw_col_t(ref.column - 1))
    }

    /// Checks the workbook is open, the position is inside Excel's limits and, in
    /// constant-memory mode, that rows come in order.
    func prepareWrite(row: Int, column: Int) throws {
        _ = try owner.openWorkbook()
        try WriterChecks.check(row: row)
        try WriterChecks.check(column: column)
        if owner.options.constantMemory {
            guard row >= lastRow else {
                throw WriterChecks.fail("ở chế độ tiết kiệm bộ nhớ phải ghi các dòng theo thứ tự tăng dần: dòng \(row) đến sau dòng \(lastRow) của trang tính \"\(name)\"")
            }
        }
        lastRow = max(lastRow, row)
    }

    /// Converts a date for libxlsxwriter, refusing what Excel cannot hold. A time-only
    /// value (day 0 of the 1900 system, shown as 31/12/1899) is written as a time.
    static func lxwDatetime(_ date: SpreadsheetDate, at ref: CellReference) throws -> lxw_datetime {
        func bad() -> XLSXError {
            WriterChecks.fail("ngày \(date) ở ô \(ref.a1) nằm ngoài khoảng Excel ghi được (01/01/1900–31/12/9999)")
        }
        guard (0...23).contains(date.hour), (0...59).contains(date.minute), (0...59).contains(date.second) else {
            throw bad()
        }
        if date.year == 1899 && date.month == 12 && date.day == 31 {
            return lxw_datetime(year: 0, month: 0, day: 0, hour: Int32(date.hour), min: Int32(date.minute),
                                sec: Double(date.second))
        }
        guard (1900...9999).contains(date.year), (1...12).contains(date.month) else { throw bad() }
        let isLeap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0 || date.year == 1900
        let monthDays = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...monthDays[date.month - 1]).contains(date.day) else { throw bad() }
        return lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day),
                            hour: Int32(date.hour), min: Int32(date.minute), sec: Double(date.second))
    }
}
