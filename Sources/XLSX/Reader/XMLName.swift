/// The element and attribute local names the reader cares about. Names are classified
/// from expat's bytes without creating a `String`; any namespace prefix (`x:row`) is
/// ignored, so transitional, strict and prefixed documents read alike.
enum XMLName: UInt8 {
    case other
    // Elements
    case c, v, f, t, r, `is`, row, rPh, si, sheetData, dimension, mergeCell
    case sheet, workbookPr, definedName, numFmt, cellXfs, xf, Relationship
    // Attributes (`r`, `t` shared with elements above)
    case s, ref, name, state, id, Id, `Type`, Target, TargetMode, date1904
    case numFmtId, formatCode, localSheetId, uniqueCount
    // Fonts (a legacy-encoding hint) and hidden rows
    case fonts, font, val, fontId, hidden

    private static let table = NameTable<XMLName>([
        ("is", .is), ("row", .row), ("rPh", .rPh), ("si", .si), ("sheetData", .sheetData),
        ("dimension", .dimension), ("mergeCell", .mergeCell), ("sheet", .sheet),
        ("workbookPr", .workbookPr), ("definedName", .definedName), ("numFmt", .numFmt),
        ("cellXfs", .cellXfs), ("xf", .xf), ("Relationship", .Relationship),
        ("ref", .ref), ("name", .name), ("state", .state), ("id", .id), ("Id", .Id),
        ("Type", .Type), ("Target", .Target), ("TargetMode", .TargetMode),
        ("date1904", .date1904), ("numFmtId", .numFmtId), ("formatCode", .formatCode),
        ("localSheetId", .localSheetId), ("uniqueCount", .uniqueCount),
        ("fonts", .fonts), ("font", .font), ("val", .val), ("fontId", .fontId), ("hidden", .hidden),
    ], other: .other)

    /// Classifies a NUL-terminated (possibly prefixed) name from expat.
    @inline(__always)
    static func classify(_ cName: UnsafePointer<CChar>) -> XMLName {
        let (start, length) = NameTable<XMLName>.localPart(cName)
        return start.withMemoryRebound(to: UInt8.self, capacity: length) { classify($0, length) }
    }

    @inline(__always)
    static func classify(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> XMLName {
        // The sheet's most frequent names (`c`, `v`, …) without a table walk.
        if length == 1 {
            switch bytes[0] {
            case UInt8(ascii: "c"): return .c
            case UInt8(ascii: "v"): return .v
            case UInt8(ascii: "f"): return .f
            case UInt8(ascii: "t"): return .t
            case UInt8(ascii: "r"): return .r
            case UInt8(ascii: "s"): return .s
            default: return .other
            }
        }
        return table.lookup(bytes, length)
    }
}

/// Expat's attribute list (`name, value, name, value, …, NULL`).
struct XMLAttributes {
    let raw: UnsafeMutablePointer<UnsafePointer<CChar>?>?

    /// Calls `body` with each attribute's classified local name and its NUL-terminated value.
    @inline(__always)
    func forEach(_ body: (XMLName, UnsafePointer<CChar>) throws -> Void) rethrows {
        try forEach(classifiedBy: XMLName.classify(_:), body)
    }

    /// The value of the first attribute with this local name, as a `String`.
    func string(_ wanted: XMLName) -> String? {
        var result: String?
        forEach { name, value in
            if result == nil, name == wanted { result = String(cString: value) }
        }
        return result
    }
}

/// Small byte-level helpers for attribute values.
enum CBytes {
    /// True when the NUL-terminated `value` equals `text` (ASCII).
    @inline(__always)
    static func equals(_ value: UnsafePointer<CChar>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        let t = text.utf8Start
        for i in 0..<count where UInt8(bitPattern: value[i]) != t[i] { return false }
        return value[count] == 0
    }

    /// Parses a non-negative decimal integer; nil when not digits only or too large.
    @inline(__always)
    static func parseInt(_ value: UnsafePointer<CChar>, max: Int = Int(Int32.max)) -> Int? {
        var p = value
        while p.pointee == 0x20 { p += 1 }
        var n = 0
        var digits = 0
        while p.pointee >= 0x30 && p.pointee <= 0x39 {
            n = n * 10 + Int(p.pointee - 0x30)
            if n > max { return nil }
            digits += 1
            p += 1
        }
        while p.pointee == 0x20 { p += 1 }
        return digits > 0 && p.pointee == 0 ? n : nil
    }

    /// True for "1" or "true" (as OOXML booleans are written).
    static func isTrue(_ value: UnsafePointer<CChar>) -> Bool {
        equals(value, "1") || equals(value, "true")
    }
}
