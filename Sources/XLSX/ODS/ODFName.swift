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

    private static let names: [[([UInt8], ODFName)]] = {
        let all: [(String, ODFName)] = [
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
        ]
        var table = [[([UInt8], ODFName)]](repeating: [], count: 32)
        for (text, name) in all { table[text.utf8.count].append((Array(text.utf8), name)) }
        return table
    }()

    /// Classifies a NUL-terminated qualified name from expat.
    @inline(__always)
    static func classify(_ cName: UnsafePointer<CChar>) -> ODFName {
        let length = strlenBounded(cName)
        guard length > 0, length < names.count else { return .other }
        return cName.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            for (candidate, name) in names[length] {
                var equal = true
                for i in 0..<length where candidate[i] != bytes[i] {
                    equal = false
                    break
                }
                if equal { return name }
            }
            return .other
        }
    }

    @inline(__always)
    private static func strlenBounded(_ p: UnsafePointer<CChar>) -> Int {
        var n = 0
        while p[n] != 0 {
            n += 1
            if n >= 64 { return n }
        }
        return n
    }
}

extension XMLAttributes {
    /// Calls `body` with each attribute's OpenDocument name and its NUL-terminated value.
    @inline(__always)
    func forEachODF(_ body: (ODFName, UnsafePointer<CChar>) throws -> Void) rethrows {
        guard var p = raw else { return }
        while let name = p.pointee, let value = (p + 1).pointee {
            try body(ODFName.classify(name), value)
            p += 2
        }
    }
}
