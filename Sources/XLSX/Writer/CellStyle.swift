/// The look of a cell: font, alignment, borders, fill, number format and protection.
///
/// A value type; the writer creates one libxlsxwriter format per distinct style, so the
/// same style may be passed for every cell without cost.
public struct CellStyle: Hashable, Sendable {
    public enum HorizontalAlignment: Hashable, Sendable { case left, center, right, justify }
    public enum VerticalAlignment: Hashable, Sendable { case top, center, bottom }
    /// A border drawn on all four sides of the cell.
    public enum Border: Hashable, Sendable { case none, thin, medium }

    /// Font family; Vietnamese administrative documents use Times New Roman.
    public var fontName: String
    /// Font size in points.
    public var fontSize: Double
    public var bold: Bool
    public var italic: Bool
    /// Font colour as `0xRRGGBB`; nil is Excel's automatic colour.
    public var fontColor: UInt32?
    /// Wrap text inside the cell.
    public var wrap: Bool
    /// Nil is Excel's general alignment (text left, numbers right).
    public var horizontal: HorizontalAlignment?
    /// Nil is Excel's default (bottom).
    public var vertical: VerticalAlignment?
    /// Indentation level, 0–15.
    public var indent: Int
    public var border: Border
    /// Border colour as `0xRRGGBB`; nil is automatic (black).
    public var borderColor: UInt32?
    /// Solid background colour as `0xRRGGBB`; nil is no fill.
    public var fillColor: UInt32?
    /// Excel number format such as `#,##0.00`, `0.00` or `dd/mm/yyyy`; nil is General.
    public var numberFormat: String?
    /// Whether the cell is locked when the sheet is protected (Excel's default: true).
    public var locked: Bool
    /// Whether the formula is hidden when the sheet is protected.
    public var hidden: Bool

    public init(fontName: String = "Times New Roman", fontSize: Double = 12, bold: Bool = false,
                italic: Bool = false, fontColor: UInt32? = nil, wrap: Bool = false,
                horizontal: HorizontalAlignment? = nil, vertical: VerticalAlignment? = nil,
                indent: Int = 0, border: Border = .none, borderColor: UInt32? = nil,
                fillColor: UInt32? = nil, numberFormat: String? = nil, locked: Bool = true,
                hidden: Bool = false) {
        self.fontName = fontName; self.fontSize = fontSize; self.bold = bold
        self.italic = italic; self.fontColor = fontColor; self.wrap = wrap
        self.horizontal = horizontal; self.vertical = vertical; self.indent = indent
        self.border = border; self.borderColor = borderColor; self.fillColor = fillColor
        self.numberFormat = numberFormat; self.locked = locked; self.hidden = hidden
    }

    /// A copy with some fields changed: `style.with { $0.bold = true }`.
    public func with(_ change: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        change(&copy)
        return copy
    }
}
