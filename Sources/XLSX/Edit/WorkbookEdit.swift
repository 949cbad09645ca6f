/// Changes to make to a copy of an `.xlsx` package, applied by ``WorkbookEditor``: cells
/// restyled with a fill (everything else of their style kept), comments attached to cells,
/// and a sheet added in front. Everything not named here is copied as it was.
public struct WorkbookEdit: Sendable {
    /// Cells to mark, by sheet name.
    public var marks: [CellMark]
    /// The author shown on the comments added.
    public var commentAuthor: String
    /// A sheet to put first in the workbook (and make the active one). When the workbook
    /// already has a sheet of that name, that sheet's content is replaced where it stands.
    public var newSheet: AddedSheet?

    public init(marks: [CellMark] = [], commentAuthor: String, newSheet: AddedSheet? = nil) {
        self.marks = marks
        self.commentAuthor = commentAuthor
        self.newSheet = newSheet
    }
}

/// One cell to mark: its fill becomes `fill`; font, border, number format, alignment and
/// protection stay those of the cell's own style. A cell that does not exist is created
/// empty, with the style it would have shown (its row's or column's).
public struct CellMark: Hashable, Sendable {
    public var sheet: String
    public var cell: CellReference
    /// Solid fill colour, `0xRRGGBB`.
    public var fill: UInt32
    /// Comment text; nil leaves the cell's comments alone. A cell that already has a
    /// comment keeps it, with this text added below (once).
    public var comment: String?

    public init(sheet: String, cell: CellReference, fill: UInt32, comment: String? = nil) {
        self.sheet = sheet
        self.cell = cell
        self.fill = fill
        self.comment = comment
    }
}

/// A simple sheet written into the package: rows of text or numbers with a ``CellStyle``
/// each (number formats are not applied), internal links to other cells, column widths,
/// row heights, frozen header rows and a page set-up.
public struct AddedSheet: Sendable {
    /// One cell of the added sheet.
    public struct Cell: Sendable {
        public var value: CellValue?
        public var style: CellStyle
        /// A link to a cell of the workbook (`'Sheet'!A1` style location, without `#`).
        public var link: CellLink?

        public init(_ value: CellValue?, style: CellStyle, link: CellLink? = nil) {
            self.value = value
            self.style = style
            self.link = link
        }
    }

    /// A row; `cells[0]` is column A.
    public struct Row: Sendable {
        public var cells: [Cell?]
        /// Height in points; nil is the default height.
        public var height: Double?

        public init(_ cells: [Cell?], height: Double? = nil) {
            self.cells = cells
            self.height = height
        }
    }

    public var name: String
    /// `rows[0]` is row 1.
    public var rows: [Row]
    /// Width of columns A, B, … in characters.
    public var columnWidths: [Double]
    /// Rows frozen at the top (0: none).
    public var frozenRows: Int
    /// Print set-up: paper, orientation, margins, fit to width, rows repeated on each page,
    /// header and footer (print area, scale and repeated columns are not applied).
    public var pageSetup: PageSetup
    /// Merged ranges (e.g. a title across the table).
    public var mergedRanges: [CellRange]

    public init(name: String, rows: [Row], columnWidths: [Double] = [], frozenRows: Int = 0,
                pageSetup: PageSetup = PageSetup(), mergedRanges: [CellRange] = []) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        self.pageSetup = pageSetup
        self.mergedRanges = mergedRanges
    }
}

/// A link target inside the workbook: a sheet and a cell.
public struct CellLink: Hashable, Sendable {
    public var sheet: String
    public var cell: CellReference

    public init(sheet: String, cell: CellReference) {
        self.sheet = sheet
        self.cell = cell
    }

    /// The hyperlink `location`: `'Biểu mẫu'!D10` (quotes doubled inside the name).
    public var location: String {
        "'\(sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''"))'!\(cell.a1)"
    }
}
