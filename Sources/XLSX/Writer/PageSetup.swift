/// Print settings of a sheet. The defaults print on A4, portrait, with Excel's margins.
public struct PageSetup: Hashable, Sendable {
    /// Paper sizes, with Excel's paper codes.
    public enum Paper: UInt8, Hashable, Sendable {
        case letter = 1, a3 = 8, a4 = 9, a5 = 11
    }
    public enum Orientation: Hashable, Sendable { case portrait, landscape }

    /// Page margins in millimetres (converted to inches for Excel).
    public struct Margins: Hashable, Sendable {
        public var left: Double
        public var right: Double
        public var top: Double
        public var bottom: Double
        /// Distance from the page's top edge to the header text.
        public var header: Double
        /// Distance from the page's bottom edge to the footer text.
        public var footer: Double

        public init(left: Double, right: Double, top: Double, bottom: Double,
                    header: Double = 8, footer: Double = 8) {
            self.left = left; self.right = right; self.top = top; self.bottom = bottom
            self.header = header; self.footer = footer
        }

        /// Margins usual for Vietnamese administrative documents: left 30 mm, right 15 mm,
        /// top and bottom 20 mm.
        public static let administrative = Margins(left: 30, right: 15, top: 20, bottom: 20)
    }

    public var paper: Paper
    public var orientation: Orientation
    /// Nil keeps Excel's default margins.
    public var margins: Margins?
    /// Rows (1-based) printed at the top of every page, e.g. `4...4` for a header row.
    public var repeatRows: ClosedRange<Int>?
    /// Columns (1-based) printed at the left of every page.
    public var repeatColumns: ClosedRange<Int>?
    /// The part of the sheet to print; nil prints the used range.
    public var printArea: CellRange?
    /// Shrink the print so all columns fit one page wide (as many pages tall as needed).
    public var fitToWidth: Bool
    /// Print scale in percent (10–400); ignored when ``fitToWidth`` is set.
    public var scale: Int?
    public var centerHorizontally: Bool
    /// Header text in Excel's codes: `&C` centre, `&P` page number, `&N` page count.
    public var header: String?
    /// Footer text, e.g. `&CTrang &P/&N`.
    public var footer: String?
    /// The number of the sheet's first printed page: set it (e.g. to 1) so that printing a
    /// whole workbook numbers this sheet on its own rather than after the sheets before it.
    public var firstPageNumber: Int?
    /// False leaves the first page without header and footer (Nghị định 30/2020: no page
    /// number on the first page).
    public var headerOnFirstPage: Bool

    public init(paper: Paper = .a4, orientation: Orientation = .portrait, margins: Margins? = nil,
                repeatRows: ClosedRange<Int>? = nil, repeatColumns: ClosedRange<Int>? = nil,
                printArea: CellRange? = nil, fitToWidth: Bool = false, scale: Int? = nil,
                centerHorizontally: Bool = false, header: String? = nil, footer: String? = nil,
                firstPageNumber: Int? = nil, headerOnFirstPage: Bool = true) {
        self.paper = paper; self.orientation = orientation; self.margins = margins
        self.repeatRows = repeatRows; self.repeatColumns = repeatColumns
        self.printArea = printArea; self.fitToWidth = fitToWidth; self.scale = scale
        self.centerHorizontally = centerHorizontally; self.header = header; self.footer = footer
        self.firstPageNumber = firstPageNumber; self.headerOnFirstPage = headerOnFirstPage
    }
}
