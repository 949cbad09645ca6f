/// Unit names as written in lead/co-unit cells: comparison keys and splitting.
public enum UnitName {
    /// A key under which every spelling of one unit is equal: case, accents, NFC/NFD,
    /// spacing and punctuation are folded, and the joiners `&`, `và`, `-`, `–` are ignored,
    /// so `Văn phòng HĐND&UBND huyện`, `Văn phòng HĐND và UBND huyện` and
    /// `văn phòng hđnd & ubnd huyện` all give `van phong hdnd ubnd huyen`.
    public static func key(_ text: String) -> String {
        let folded = TextNormalizer.foldKey(text)
        // Folded words are separated by single spaces: only a text with the word `va`
        // needs splitting (most names have none).
        guard hasWordVa(folded) else { return folded }
        return folded
            .split(separator: " ")
            .filter { $0 != "va" }
            .joined(separator: " ")
    }

    /// True when the folded text has the word `va`.
    static func hasWordVa(_ folded: String) -> Bool {
        var previous: UInt8 = 0x20, before: UInt8 = 0x20, run = 0
        for byte in folded.utf8 {
            if byte == 0x20 {
                if run == 2 && before == 0x76 && previous == 0x61 { return true }
                run = 0
            } else {
                if run == 0 { before = byte }
                run += 1
            }
            previous = byte
        }
        return run == 2 && before == 0x76 && previous == 0x61
    }

    /// Splits a cell that lists several units into their names, kept for display
    /// (NFC, white space collapsed, leading list marks `-`, `+`, `•` and trailing `.` `;`
    /// removed). Duplicates (same `key`) are dropped; order is kept.
    ///
    /// Rule: split on `;` and line breaks always. Split on `,` only when the next word
    /// starts with a capital letter (`Phòng …`, `UBND …`, `TTHCC`) or is `các`/`Các`
    /// (a new collective phrase) — a comma followed by a
    /// lowercase word continues the phrase (`UBND các xã, thị trấn`). A piece that starts
    /// with `Các`/`các` is a collective phrase (`Các phòng, đơn vị liên quan`) and is never
    /// split at its commas.
    public static func split(_ cell: String) -> [String] {
        var pieces: [String] = []
        var line = ""
        for character in TextNormalizer.nfc(cell) {
            if character == ";" || character.isNewline {
                pieces.append(line); line = ""
            } else {
                line.append(character)
            }
        }
        pieces.append(line)

        var result: [String] = []
        var seen: Set<String> = []
        for piece in pieces {
            for name in splitAtCommas(piece) {
                let display = tidy(name)
                let key = key(display)
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                result.append(display)
            }
        }
        return result
    }

    private static func startsCollective(_ text: Substring) -> Bool {
        let key = TextNormalizer.foldKey(String(text))
        return key.hasPrefix("cac ") || key.hasPrefix("tat ca ")
    }

    private static func splitAtCommas(_ piece: String) -> [Substring] {
        var parts: [Substring] = []
        var start = piece.startIndex
        var index = piece.startIndex
        while index < piece.endIndex {
            if piece[index] == ",", !startsCollective(piece[start..<index]) {
                let rest = piece[piece.index(after: index)...].drop(while: { $0.isWhitespace })
                let next = rest.prefix(while: { !$0.isWhitespace && $0 != "," })
                let startsUnit = (next.first?.isUppercase ?? false)
                    || next == "các" || next == "Các"
                if startsUnit {
                    parts.append(piece[start..<index])
                    start = piece.index(after: index)
                }
            }
            index = piece.index(after: index)
        }
        parts.append(piece[start...])
        return parts
    }

    private static func tidy(_ text: Substring) -> String {
        var s = Substring(TextNormalizer.collapseWhitespace(String(text)))
        while let first = s.first, "-+•*–·".contains(first) || first == " " { s = s.dropFirst() }
        while let last = s.last, ".,;: ".contains(last) { s = s.dropLast() }
        return String(s)
    }
}
