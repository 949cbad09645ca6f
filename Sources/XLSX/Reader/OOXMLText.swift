/// Excel's `_xHHHH_` escapes: characters XML cannot carry (such as carriage return,
/// `_x000D_`) are written as their UTF-16 code unit in hex between underscores, and a
/// literal `_x` sequence is protected as `_x005F_x…`.
enum OOXMLText {
    /// Decodes UTF-8 bytes into a `String`, replacing `_xHHHH_` escapes. Everything else,
    /// including whitespace, line breaks and the normalization form, is kept as given.
    static func decode(_ bytes: [UInt8]) -> String {
        guard mayContainEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            if let unit = escape(bytes, at: i) {
                // A surrogate pair is written as two consecutive escapes.
                if UTF16.isLeadSurrogate(unit), let low = escape(bytes, at: i + 7), UTF16.isTrailSurrogate(low) {
                    let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    appendUTF8(UnicodeScalar(scalar) ?? "\u{FFFD}", to: &out)
                    i += 14
                } else {
                    appendUTF8(UnicodeScalar(unit) ?? "\u{FFFD}", to: &out)
                    i += 7
                }
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func mayContainEscape(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 7 else { return false }
        for i in 0..<(bytes.count - 1) where bytes[i] == UInt8(ascii: "_") && bytes[i + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    /// The code unit of an escape `_xHHHH_` starting at `i`, if there is one.
    private static func escape(_ bytes: [UInt8], at i: Int) -> UInt16? {
        guard i + 7 <= bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
              bytes[i + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt16 = 0
        for k in 2..<6 {
            let b = bytes[i + k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UnicodeScalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }
}
