/// The WordprocessingML element and attribute local names the `.docx` reader cares about.
/// Like ``XMLName`` it classifies expat's bytes without creating a `String` and ignores
/// the namespace prefix (`w:tbl`, `m:t`), so documents with other prefixes read alike.
enum WordName: UInt8 {
    case other
    // Body structure
    case body, p, pPr, pStyle, numPr, ilvl, numId, pageBreakBefore, sectPr
    case r, rPr, vanish, t, tab, ptab, br, cr, noBreakHyphen
    case tbl, tblGrid, gridCol, tr, trPr, tblHeader, gridBefore, gridAfter
    case tc, tcPr, gridSpan, vMerge, hMerge
    // Content that is not part of the text flow (text boxes, drawings, deleted text)
    case del, moveFrom, drawing, pict, object, txbxContent, Fallback
    // Tracked property changes (the old properties, which must not override the new ones)
    case pPrChange, rPrChange, tcPrChange, trPrChange, tblPrChange, sectPrChange, tblGridChange
    // numbering.xml and styles.xml
    case num, abstractNum, abstractNumId, lvl, start, numFmt, lvlText, lvlOverride, startOverride
    case style, basedOn
    // Attributes
    case val, type, styleId

    private static let table = NameTable<WordName>([
        ("body", .body), ("p", .p), ("pPr", .pPr), ("pStyle", .pStyle), ("numPr", .numPr),
        ("ilvl", .ilvl), ("numId", .numId), ("pageBreakBefore", .pageBreakBefore), ("sectPr", .sectPr),
        ("r", .r), ("rPr", .rPr), ("vanish", .vanish), ("t", .t), ("tab", .tab), ("ptab", .ptab),
        ("br", .br), ("cr", .cr), ("noBreakHyphen", .noBreakHyphen),
        ("tbl", .tbl), ("tblGrid", .tblGrid), ("gridCol", .gridCol), ("tr", .tr), ("trPr", .trPr),
        ("tblHeader", .tblHeader), ("gridBefore", .gridBefore), ("gridAfter", .gridAfter),
        ("tc", .tc), ("tcPr", .tcPr), ("gridSpan", .gridSpan), ("vMerge", .vMerge), ("hMerge", .hMerge),
        ("del", .del), ("moveFrom", .moveFrom), ("drawing", .drawing), ("pict", .pict),
        ("object", .object), ("txbxContent", .txbxContent), ("Fallback", .Fallback),
        ("pPrChange", .pPrChange), ("rPrChange", .rPrChange), ("tcPrChange", .tcPrChange),
        ("trPrChange", .trPrChange), ("tblPrChange", .tblPrChange), ("sectPrChange", .sectPrChange),
        ("tblGridChange", .tblGridChange),
        ("num", .num), ("abstractNum", .abstractNum), ("abstractNumId", .abstractNumId), ("lvl", .lvl),
        ("start", .start), ("numFmt", .numFmt), ("lvlText", .lvlText), ("lvlOverride", .lvlOverride),
        ("startOverride", .startOverride), ("style", .style), ("basedOn", .basedOn),
        ("val", .val), ("type", .type), ("styleId", .styleId),
    ], other: .other)

    /// Classifies a NUL-terminated (possibly prefixed) name from expat.
    @inline(__always)
    static func classify(_ cName: UnsafePointer<CChar>) -> WordName { table.lookup(local: cName) }
}

extension XMLAttributes {
    /// Calls `body` with each attribute's Word-classified local name and its value.
    @inline(__always)
    func forEachWord(_ body: (WordName, UnsafePointer<CChar>) throws -> Void) rethrows {
        try forEach(classifiedBy: WordName.classify(_:), body)
    }

    /// The value of the first attribute with this Word local name (`w:val`), as a `String`.
    func wordString(_ wanted: WordName) -> String? {
        var result: String?
        forEachWord { name, value in
            if result == nil, name == wanted { result = String(cString: value) }
        }
        return result
    }

    /// The `w:val` of an on/off property (`<w:tblHeader/>`, `<w:vanish w:val="0"/>`):
    /// true when absent or any value but `0`, `false`, `off`.
    var wordOnOff: Bool {
        guard let value = wordString(.val) else { return true }
        return !(value == "0" || value == "false" || value == "off")
    }
}
