import Foundation

/// The number and date in the heading of a Vietnamese administrative document
/// (`Số: 642/VPUBND-HCQT`, `Đắk Nông, ngày 28 tháng 7 năm 2020`, Nghị định 30/2020), read
/// from the letter an appendix is attached to, and used to complete the appendix's
/// `(Kèm theo … số … ngày …)` line when it was typed before the letter got its number.
public struct DocumentHeading: Hashable, Sendable {
    /// The document number with its symbol, e.g. `642/VPUBND-HCQT`; nil when the heading
    /// leaves it blank (`Số: /KH-UBND`, numbered by hand after signing).
    public var number: String?
    /// The symbol after the slash even when the number is blank, e.g. `KH-UBND`.
    public var symbol: String?
    /// The signing date, when day, month and year are all written.
    public var date: Date?

    public struct Date: Hashable, Sendable {
        public var day: Int, month: Int, year: Int
        /// `ngày 28 tháng 7 năm 2020`.
        public var text: String { "ngày \(day) tháng \(month) năm \(year)" }
    }

    /// Lines of the heading looked at: the number and the date stand at the very top.
    static let headingLines = 40

    /// Reads the first `Số: …` line and the first `<place>, ngày … tháng … năm …` line.
    public init(lines: [String]) {
        for raw in lines.prefix(Self.headingLines) {
            let line = TextNormalizer.clean(raw)
            if symbol == nil, let (number, symbol) = Self.numberLine(line) {
                self.number = number
                self.symbol = symbol
            }
            if date == nil, let date = Self.dateLine(line) { self.date = date }
        }
    }

    public init(number: String? = nil, symbol: String? = nil, date: Date? = nil) {
        self.number = number; self.symbol = symbol; self.date = date
    }

    /// `Số: 642 /VPUBND-HCQT` → ("642/VPUBND-HCQT", "VPUBND-HCQT"); `Số: /KH-UBND` → (nil, "KH-UBND").
    static func numberLine(_ line: String) -> (String?, String)? {
        let words = line.split(separator: " ").map(String.init)
        guard let first = words.first, TextNormalizer.foldKey(first) == "so" || first.hasPrefix("Số:") || first.hasPrefix("SỐ:")
        else { return nil }
        guard let slot = NumberSlot(words, at: 0) else { return nil }
        guard !slot.symbol.isEmpty else { return nil }
        return (slot.digits.isEmpty ? nil : "\(slot.digits)/\(slot.symbol)", slot.symbol)
    }

    /// `Đắk Nông, ngày 28 tháng 7 năm 2020` (a short line: place, comma, full date).
    static func dateLine(_ line: String) -> Date? {
        guard line.count <= 80, let comma = line.firstIndex(of: ",") else { return nil }
        let words = line[line.index(after: comma)...].split(separator: " ").map(String.init)
        guard let first = words.first, TextNormalizer.foldKey(first) == "ngay",
              let slot = DateSlot(words, at: 0), slot.end >= words.count - 1,
              let day = slot.day, let month = slot.month, let year = slot.year,
              (1...31).contains(day), (1...12).contains(month) else { return nil }
        return Date(day: day, month: month, year: year)
    }

    /// The reference with a blank number or date filled from this heading, or nil when
    /// nothing was filled (already complete, nothing to fill with, or not consistent:
    /// another symbol, another month or year).
    public func fill(_ reference: String) -> String? {
        var words = TextNormalizer.clean(reference).split(separator: " ").map(String.init)
        var changed = false
        if let number, let symbol,
           let i = words.indices.first(where: { TextNormalizer.foldKey(words[$0]) == "so" }),
           let slot = NumberSlot(words, at: i), slot.digits.isEmpty,
           slot.symbol.isEmpty || TextNormalizer.foldKey(slot.symbol) == TextNormalizer.foldKey(symbol) {
            words.replaceSubrange(i...slot.end, with: ["số", number])
            changed = true
        }
        if let date,
           let j = words.indices.first(where: { TextNormalizer.foldKey(words[$0]) == "ngay" }),
           let slot = DateSlot(words, at: j), slot.day == nil || slot.month == nil,
           slot.year == nil || slot.year == date.year, slot.month == nil || slot.month == date.month {
            words.replaceSubrange(j...slot.end, with: date.text.split(separator: " ").map(String.init))
            changed = true
        }
        return changed ? words.joined(separator: " ") : nil
    }
}

/// `số 642/KH-UBND`, `Số: 642 /KH-UBND`, `số: /KH-SKHCN`, `số /KH-UBND` at `words[start]`.
private struct NumberSlot {
    var digits = ""
    var symbol = ""
    /// Index of the last word of the slot.
    var end: Int

    init?(_ words: [String], at start: Int) {
        // Glue the slot's words: the number may be typed apart from its symbol
        // (`642 /VPUBND-HCQT`, `642 / KH-UBND`) and the colon apart from both.
        var text = String(words[start].dropFirst(2)).filter { $0 != ":" } // after "Số"/"số"
        var i = start
        while i + 1 < words.count {
            if let slash = text.firstIndex(of: "/"), text.index(after: slash) < text.endIndex { break }
            let next = words[i + 1]
            let accept: Bool
            if text.hasSuffix("/") {
                accept = true
            } else if text.isEmpty {
                accept = next.first.map { $0 == ":" || $0 == "/" || $0.isNumber } ?? false
            } else {
                accept = text.allSatisfy(\.isNumber) && next.hasPrefix("/")
            }
            guard accept else { break }
            text += next.filter { $0 != ":" }
            i += 1
        }
        guard let slash = text.firstIndex(of: "/") else { return nil }
        digits = String(text[..<slash])
        guard digits.allSatisfy(\.isNumber) else { return nil }
        symbol = String(text[text.index(after: slash)...]).trimmingCharacters(in: [",", ";", ".", ")"])
        end = i
    }
}


/// `ngày 28 tháng 7 năm 2020`, `ngày   tháng 3 năm 2023`, `ngày 5/7/2022`, `ngày / /2023`
/// at `words[start]` (the word `ngày`).
private struct DateSlot {
    var day: Int?
    var month: Int?
    var year: Int?
    var end: Int

    init?(_ words: [String], at start: Int) {
        func number(_ s: some StringProtocol) -> Int? {
            let digits = String(s.filter(\.isNumber))
            return digits.isEmpty || digits.count > 4 ? nil : Int(digits)
        }
        let rest = Array(words[(start + 1)...].prefix(6))
        if let t = rest.firstIndex(where: { TextNormalizer.foldKey($0) == "thang" }),
           let n = rest.firstIndex(where: { TextNormalizer.foldKey($0) == "nam" }), t < n, n + 1 < rest.count {
            day = t == 0 ? nil : number(rest[0..<t].joined())
            month = n == t + 1 ? nil : number(rest[(t + 1)..<n].joined())
            guard let y = number(rest[n + 1]), y >= 1900 else { return nil }
            year = y
            end = start + 1 + n + 1
            return
        }
        // Slashes: glue words until one holds a four-digit year.
        var text = ""
        for (k, word) in rest.enumerated() {
            guard word.allSatisfy({ $0.isNumber || $0 == "/" || $0 == "." || $0 == "-" }) else { break }
            text += word
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, let y = number(parts[2]), y >= 1900 {
                day = number(parts[0])
                month = number(parts[1])
                year = y
                end = start + 1 + k
                return
            }
        }
        return nil
    }
}
