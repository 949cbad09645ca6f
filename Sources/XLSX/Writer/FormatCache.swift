import CXlsxWriter

/// Creates one libxlsxwriter format per distinct ``CellStyle`` and hands it out again for
/// identical styles. The formats belong to the workbook and are freed with it.
struct FormatCache {
    typealias Handle = UnsafeMutablePointer<lxw_format>

    private var formats: [CellStyle: Handle] = [:]
    private var bareDate: Handle?

    /// The date format used when a date is written without a style: only `dd/mm/yyyy`.
    static let defaultDateFormat = "dd/mm/yyyy"

    /// The format for a style, created on first use.
    mutating func format(for style: CellStyle, in workbook: UnsafeMutablePointer<lxw_workbook>) throws -> Handle {
        if let existing = formats[style] { return existing }
        try Self.validate(style)
        guard let format = workbook_add_format(workbook) else {
            throw WriterChecks.fail("không tạo được định dạng ô (hết bộ nhớ)")
        }
        Self.apply(style, to: format)
        formats[style] = format
        return format
    }

    /// The format for a date cell: the style with `dd/mm/yyyy` when it has no number
    /// format; without a style, a format carrying only the date number format.
    mutating func dateFormat(for style: CellStyle?, in workbook: UnsafeMutablePointer<lxw_workbook>) throws -> Handle {
        if var style {
            if style.numberFormat == nil { style.numberFormat = Self.defaultDateFormat }
            return try format(for: style, in: workbook)
        }
        if let bareDate { return bareDate }
        guard let format = workbook_add_format(workbook) else {
            throw WriterChecks.fail("không tạo được định dạng ô (hết bộ nhớ)")
        }
        format_set_num_format(format, Self.defaultDateFormat)
        bareDate = format
        return format
    }

    /// Number of distinct formats created so far (for tests and diagnostics).
    var count: Int { formats.count + (bareDate == nil ? 0 : 1) }

    private static func validate(_ style: CellStyle) throws {
        try WriterChecks.check(style.fontName, maxCharacters: 31, what: "tên phông chữ \"\(style.fontName)\"")
        guard !style.fontName.isEmpty else { throw WriterChecks.fail("tên phông chữ không được để trống") }
        guard style.fontSize.isFinite, (1...409).contains(style.fontSize) else {
            throw WriterChecks.fail("cỡ chữ \(style.fontSize) không hợp lệ (từ 1 đến 409)")
        }
        guard (0...15).contains(style.indent) else {
            throw WriterChecks.fail("mức thụt lề \(style.indent) không hợp lệ (từ 0 đến 15)")
        }
        if let color = style.fontColor { try WriterChecks.check(color: color, what: "chữ") }
        if let color = style.fillColor { try WriterChecks.check(color: color, what: "nền") }
        if let color = style.borderColor { try WriterChecks.check(color: color, what: "viền") }
        if let numberFormat = style.numberFormat {
            try WriterChecks.check(field: numberFormat, what: "định dạng số \"\(numberFormat)\"")
        }
    }

    /// libxlsxwriter reads 0x000000 as "unset"; black has its own code.
    private static func lxwColor(_ rgb: UInt32) -> lxw_color_t {
        rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb)
    }

    private static func apply(_ style: CellStyle, to format: Handle) {
        format_set_font_name(format, style.fontName)
        format_set_font_size(format, style.fontSize)
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if let color = style.fontColor { format_set_font_color(format, lxwColor(color)) }
        if style.wrap { format_set_text_wrap(format) }
        switch style.horizontal {
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .justify: format_set_align(format, UInt8(LXW_ALIGN_JUSTIFY.rawValue))
        case nil: break
        }
        switch style.vertical {
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        case nil: break
        }
        if style.indent > 0 { format_set_indent(format, UInt8(style.indent)) }
        switch style.border {
        case .none: break
        case .thin: format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium: format_set_border(format, UInt8(LXW_BORDER_MEDIUM.rawValue))
        }
        if style.border != .none, let color = style.borderColor {
            format_set_border_color(format, lxwColor(color))
        }
        if let fill = style.fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxwColor(fill))
        }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        if !style.locked { format_set_unlocked(format) }
        if style.hidden { format_set_hidden(format) }
    }
}
