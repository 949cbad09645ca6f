/// Decides whether a number format shows a date or time.
public enum DateFormats {
    /// Built-in format ids that are dates or times: 14–22, 27–36, 45–47, 50–58.
    public static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// True when a custom format code has a date or time token (`d`, `m`, `y`, `h`, `s`,
    /// or elapsed `[h]`, `[mm]`, `[ss]`) outside quoted text, escaped characters and
    /// other bracketed sections such as `[$-42A]` or `[Red]`.
    /// `dd/mm/yyyy`, `[$-42A]dd/mm/yyyy`, `d/m/yy h:mm` are dates; `0.00`, `#,##0`,
    /// `"m"0`, `[Red]0.0` are not.
    public static func isDateFormat(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                // Skip quoted literal text.
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                // Escaped character, spacing character, fill character.
                i += 1
            case UInt8(ascii: "["):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "]") { j += 1 }
                let inner = bytes[(i + 1)..<min(j, bytes.count)].map { $0 | 0x20 }
                if !inner.isEmpty, let first = inner.first,
                   [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(first),
                   inner.allSatisfy({ $0 == first }) {
                    return true // elapsed time: [h], [mm], [ss]
                }
                i = j
            default:
                switch b | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    return true
                default:
                    break
                }
            }
            i += 1
        }
        return false
    }
}
