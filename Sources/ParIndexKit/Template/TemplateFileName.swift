import Foundation

/// File names for templates, safe on Windows, macOS and Linux and in e-mail attachments:
/// ASCII letters, digits, `-` and `_` only, never a reserved device name.
public enum TemplateFileName {
    /// Windows device names, reserved whatever the extension.
    static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CLOCK$"]
        for n in 1...9 { names.insert("COM\(n)"); names.insert("LPT\(n)") }
        return names
    }()

    /// `mau-<code>.xlsx` for a unit: `NCKSTTHC` → `mau-NCKSTTHC.xlsx`, `CTTĐT` →
    /// `mau-CTTDT.xlsx`. Accents are dropped, other characters become `-`.
    public static func name(for unit: Unit) -> String {
        var stem = asciiStem(unit.code)
        if stem.isEmpty { stem = asciiStem(UnitName.code(for: unit.name)) }
        if stem.isEmpty { stem = "don-vi" }
        return "mau-\(stem).xlsx"
    }

    /// One name per unit, made unique ignoring case (`-2`, `-3` … appended on clashes).
    public static func names(for units: [Unit]) -> [String] {
        var used: Set<String> = []
        return units.map { unit in
            let base = name(for: unit)
            var candidate = base
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = String(base.dropLast(5)) + "-\(n).xlsx"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    /// True for a name made only of ASCII letters, digits, `-`, `_` and one `.xlsx`, whose
    /// stem is not a Windows device name.
    public static func isSafe(_ fileName: String) -> Bool {
        guard fileName.hasSuffix(".xlsx") else { return false }
        let stem = String(fileName.dropLast(5))
        guard !stem.isEmpty, stem.utf8.allSatisfy(isAllowed) else { return false }
        return !reserved.contains(stem.uppercased())
    }

    /// Accents removed (`Đ` → `D`), runs of other characters turned into one `-`, trimmed.
    static func asciiStem(_ text: String) -> String {
        var out = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0110: out.append("D")
            case 0x0111: out.append("d")
            case _ where scalar.properties.generalCategory == .nonspacingMark: continue
            case _ where scalar.isASCII && isAllowed(UInt8(scalar.value)): out.unicodeScalars.append(scalar)
            default: if !out.hasSuffix("-") { out.append("-") }
            }
        }
        while out.hasPrefix("-") || out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("-") || out.hasSuffix("_") { out.removeLast() }
        if out.count > 60 { out = String(out.prefix(60)) }
        if reserved.contains(out.uppercased()) { out += "_" }
        return out
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }
}
