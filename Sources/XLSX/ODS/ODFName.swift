/// The OpenDocument element and attribute names the `.ods` reader cares about, classified
/// from expat's bytes by their full qualified name (`table:table-row`). ODF producers use
/// the standard prefixes; the local part alone would confuse `office:value-type` with
/// `calcext:value-type`.
enum ODFName: UInt8 {
    case other
    // Elements
    case table, tableRow, tableCell, coveredTableCell, p, s, tab, lineBreak, annotation
    case style, tableProperties, textProperties, fontFace, nullDate
    // Attributes
    case tableName, tableStyleName, styleName, styleFamily, display, fontName, svgFontFamily
    case rowsRepeated, columnsRepeated, rowsSpanned, columnsSpanned, visibility
    case valueType, calcValueType, value, dateValue, timeValue, booleanValue, stringValue
    case formula, textC, dateValueOfNullDate

    private static let names = NameTable<ODFName>([
        ("table:table", .table), ("table:table-row", .tableRow), ("table:table-cell", .tableCell),
        ("table:covered-table-cell", .coveredTableCell), ("text:p", .p), ("text:s", .s),
        ("text:tab", .tab), ("text:line-break", .lineBreak), ("office:annotation", .annotation),
        ("style:style", .style), ("style:table-properties", .tableProperties),
        ("style:text-properties", .textProperties), ("style:font-face", .fontFace),
        ("table:null-date", .nullDate),
        ("table:name", .tableName), ("table:style-name", .tableStyleName), ("style:name", .styleName),
        ("style:family", .styleFamily), ("table:display", .display), ("style:font-name", .fontName),
        ("svg:font-family", .svgFontFamily),
        ("table:number-rows-repeated", .rowsRepeated), ("table:number-columns-repeated", .columnsRepeated),
        ("table:number-rows-spanned", .rowsSpanned), ("table:number-columns-spanned", .columnsSpanned),
        ("table:visibility", .visibility), ("office:value-type", .valueType),
        ("calcext:value-type", .calcValueType), ("office:value", .value), ("office:date-value", .dateValue),
        ("office:time-value", .timeValue), ("office:boolean-value", .booleanValue),
        ("office:string-value", .stringValue), ("table:formula", .formula), ("text:c", .textC),
        ("table:date-value", .dateValueOfNullDate),
    ], other: .other)

    /// Classifies a NUL-terminated qualified name from expat.
    @inline(__always)
    static func classify(_ cName: UnsafePointer<CChar>) -> ODFName { names.lookup(qualified: cName) }
}

extension XMLAttributes {
    /// Calls `body` with each attribute's OpenDocument name and its NUL-terminated value.
    @inline(__always)
    func forEachODF(_ body: (ODFName, UnsafePointer<CChar>) throws -> Void) rethrows {
        try forEach(classifiedBy: ODFName.classify(_:), body)
    }
}
