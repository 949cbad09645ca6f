import CXlsxWriter

/// A native Excel chart over ranges of a sheet, drawn by Excel and LibreOffice alike
/// (libxlsxwriter's chart API).
public struct ChartSpec: Sendable {
    public enum Kind: Sendable { case column, bar }

    /// One data series: a name and the cells holding its values.
    public struct Series: Sendable {
        public var name: String
        /// The sheet holding the values.
        public var sheet: String
        public var values: CellRange
        /// Fill colour `0xRRGGBB`; nil lets the chart style choose.
        public var color: UInt32?
        /// Show each value above its bar.
        public var labels: Bool

        public init(name: String, sheet: String, values: CellRange, color: UInt32? = nil, labels: Bool = false) {
            self.name = name; self.sheet = sheet; self.values = values; self.color = color; self.labels = labels
        }
    }

    public var kind: Kind
    public var title: String?
    /// The sheet and cells holding the category labels (shared by every series).
    public var categoriesSheet: String
    public var categories: CellRange
    public var series: [Series]
    public var categoryAxisTitle: String?
    public var valueAxisTitle: String?
    public var valueMin: Double?
    public var valueMax: Double?
    /// Number format of the value axis and labels, e.g. `0` or `0.0`.
    public var numberFormat: String?
    public var fontName: String
    /// Lists categories from the top (bar charts) or right (column charts) instead.
    public var reverseCategories: Bool
    /// Size in pixels.
    public var width: Int
    public var height: Int

    public init(kind: Kind = .column, title: String? = nil, categoriesSheet: String, categories: CellRange,
                series: [Series], categoryAxisTitle: String? = nil, valueAxisTitle: String? = nil,
                valueMin: Double? = nil, valueMax: Double? = nil, numberFormat: String? = nil,
                reverseCategories: Bool = false, fontName: String = "Times New Roman",
                width: Int = 720, height: Int = 400) {
        self.reverseCategories = reverseCategories
        self.kind = kind; self.title = title; self.categoriesSheet = categoriesSheet; self.categories = categories
        self.series = series; self.categoryAxisTitle = categoryAxisTitle; self.valueAxisTitle = valueAxisTitle
        self.valueMin = valueMin; self.valueMax = valueMax; self.numberFormat = numberFormat
        self.fontName = fontName; self.width = width; self.height = height
    }
}

extension WorksheetWriter {
    /// Inserts a chart with its top-left corner at `ref`; the chart reads its data from the
    /// ranges named in `spec` when the workbook is opened. libxlsxwriter copies every
    /// string and font before returning.
    public func insertChart(_ spec: ChartSpec, at ref: CellReference) throws {
        let workbook = try owner.openWorkbook()
        try WriterChecks.check(ref)
        try WriterChecks.check(spec.categories)
        guard !spec.series.isEmpty else { throw WriterChecks.fail("biểu đồ phải có ít nhất một chuỗi số liệu") }
        guard (50...4000).contains(spec.width), (50...4000).contains(spec.height) else {
            throw WriterChecks.fail("kích thước biểu đồ \(spec.width)×\(spec.height) không hợp lệ")
        }
        let type = spec.kind == .column ? LXW_CHART_COLUMN : LXW_CHART_BAR
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else {
            throw WriterChecks.fail("libxlsxwriter không tạo được biểu đồ")
        }
        let bag = CStringBag()
        defer { bag.release() }
        var font = lxw_chart_font()
        font.name = bag.copy(spec.fontName)
        font.size = 10
        var titleFont = font
        titleFont.size = 12
        titleFont.bold = 1
        if let title = spec.title {
            try WriterChecks.check(title, maxCharacters: 255, what: "tiêu đề biểu đồ")
            chart_title_set_name(chart, title)
            chart_title_set_name_font(chart, &titleFont)
        }
        for s in spec.series {
            try WriterChecks.check(s.values)
            try WriterChecks.check(s.name, maxCharacters: 255, what: "tên chuỗi số liệu")
            guard let series = chart_add_series(chart, nil, nil) else {
                throw WriterChecks.fail("libxlsxwriter không thêm được chuỗi số liệu \"\(s.name)\"")
            }
            let c = spec.categories
            chart_series_set_categories(series, spec.categoriesSheet, lxw_row_t(c.first.row - 1), lxw_col_t(c.first.column - 1),
                                        lxw_row_t(c.last.row - 1), lxw_col_t(c.last.column - 1))
            let v = s.values
            chart_series_set_values(series, s.sheet, lxw_row_t(v.first.row - 1), lxw_col_t(v.first.column - 1),
                                    lxw_row_t(v.last.row - 1), lxw_col_t(v.last.column - 1))
            chart_series_set_name(series, s.name)
            if let color = s.color {
                try WriterChecks.check(color: color, what: "chuỗi số liệu \"\(s.name)\"")
                var fill = lxw_chart_fill()
                fill.color = lxw_color_t(color)
                chart_series_set_fill(series, &fill)
            }
            if s.labels {
                chart_series_set_labels(series)
                if let format = spec.numberFormat { chart_series_set_labels_num_format(series, format) }
                chart_series_set_labels_font(series, &font)
            }
        }
        // A bar chart lies on its side: its value axis is the x axis.
        let categoryAxis = spec.kind == .column ? chart.pointee.x_axis : chart.pointee.y_axis
        let valueAxis = spec.kind == .column ? chart.pointee.y_axis : chart.pointee.x_axis
        if let x = categoryAxis {
            if let name = spec.categoryAxisTitle { chart_axis_set_name(x, name); chart_axis_set_name_font(x, &font) }
            chart_axis_set_num_font(x, &font)
            if spec.reverseCategories { chart_axis_set_reverse(x) }
        }
        if let y = valueAxis {
            if let name = spec.valueAxisTitle { chart_axis_set_name(y, name); chart_axis_set_name_font(y, &font) }
            if let min = spec.valueMin { chart_axis_set_min(y, min) }
            if let max = spec.valueMax { chart_axis_set_max(y, max) }
            if let format = spec.numberFormat { chart_axis_set_num_format(y, format) }
            chart_axis_set_num_font(y, &font)
        }
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        chart_legend_set_font(chart, &font)
        var options = lxw_chart_options()
        options.x_scale = Double(spec.width) / 480
        options.y_scale = Double(spec.height) / 288
        let (row, column) = Self.zeroBased(ref)
        try WriterChecks.check(worksheet_insert_chart_opt(sheet, row, column, chart, &options),
                               "không chèn được biểu đồ ở ô \(ref.a1)")
    }
}
