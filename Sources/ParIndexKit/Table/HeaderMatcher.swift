import Synchronization

/// How one header cell was recognised.
public struct HeaderRecognition: Hashable, Sendable {
    /// The column's role.
    public let role: ColumnRole
    /// A year written in the header (`Điểm đạt năm 2019` → 2019), if any.
    public let year: Int?
    /// False when the header was only recognised through typo tolerance.
    public let isExact: Bool
}

/// The result of recognising a header row.
public struct HeaderMatch: Hashable, Sendable {
    /// Role → 1-based column number; each role at most once.
    public let columns: [ColumnRole: Int]
    /// Role → the header text as written (NFC, white space collapsed).
    public let headerTexts: [ColumnRole: String]
    /// Role → year found in its header (`prev` 2019, `target` 2020 …).
    public let years: [ColumnRole: Int]
    /// Non-empty header cells that got no role (or a role already taken): column → text.
    public let unrecognized: [Int: String]
    /// Roles recognised only through typo tolerance.
    public let fuzzyRoles: Set<ColumnRole>
    /// 0…1: recognised cells (typo matches count 0.75) over non-empty cells.
    public let confidence: Double
    /// The number of recognised roles.
    public var score: Int { columns.count }
}

/// Recognises PAR INDEX header cells and header rows, whatever their wording.
///
/// Each header is folded (`TextNormalizer.foldKey`), stripped of parenthesised remarks
/// and 4-digit years, then tested against ordered rules: a rule lists phrases of folded
/// words that must all occur (with alternatives). The role's phrases plus a few filler
/// words (`đơn vị`, `năm`, `điểm` …) must cover at least half the header's words, so long
/// data cells that merely mention `thời gian` are not headers. When no rule applies, a
/// header of 8+ characters may still match a known wording within one edit (two for 16+
/// characters), provided that wording's role is strictly closest.
public struct HeaderMatcher: Sendable {
    struct Rule: Sendable {
        let role: ColumnRole
        /// Every group must be satisfied by one of its phrases.
        let groups: [[[String]]]
        /// The whole header must equal one phrase of the single group.
        let whole: Bool
        /// A year must be present in the header.
        let needsYear: Bool
    }

    private let rules: [Rule]
    private let canonical: [(role: ColumnRole, key: String, length: Int)]
    /// False when no wording can match a header made only of digits, spaces and ASCII
    /// punctuation (`12`, `1.2.3`, `0,25`, `27/02/2023`): every rule phrase has a letter
    /// and every typo-tolerance wording has more letters than the largest bound (2), so
    /// such cells are rejected without folding. Always true with user wordings of digits.
    let digitsCanMatch: Bool
    private static let maxWords = 12
    private static let maxBytes = 400
    private static let fillers: Set<String> = [
        "nam", "cua", "va", "duoc", "cac", "don", "vi", "co", "quan", "phong", "ban",
        "diem", "thanh", "phan", "ten", "so", "nay",
    ]

    /// - Parameter additionalWordings: extra header wordings (any case or accents) a user's
    ///   layout uses; they are matched as whole headers before the built-in rules.
    public init(additionalWordings: [ColumnRole: [String]] = [:]) {
        func rule(_ role: ColumnRole, _ phrases: [String], needsYear: Bool = false) -> Rule {
            Rule(role: role, groups: [phrases.map(Self.words)], whole: false, needsYear: needsYear)
        }
        var rules: [Rule] = []
        for (role, wordings) in additionalWordings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let phrases = wordings.map { Self.prepare($0)?.tokens ?? [] }.filter { !$0.isEmpty }
            if !phrases.isEmpty { rules.append(Rule(role: role, groups: [phrases], whole: true, needsYear: false)) }
        }
        rules += [
            Rule(role: .code, groups: [["stt", "tt", "so tt", "so thu tu", "ma so", "ma"].map(Self.words)],
                 whole: true, needsYear: false),
            rule(.selfScore, ["tu danh gia", "tu cham"]),
            rule(.appraised, ["tham dinh"]),
            rule(.max, ["diem chuan", "diem toi da", "thang diem"]),
            rule(.prev, ["diem dat nam", "nam truoc"]),
            Rule(role: .prev, groups: [[["diem"]], [["dat"]]], whole: false, needsYear: true),
            rule(.target, ["muc tieu", "chi tieu"]),
            rule(.person, ["nguoi thuc hien", "nguoi phu trach", "can bo phu trach", "can bo", "ho ten", "ho va ten"]),
            rule(.lead, ["chu tri", "phu trach", "don vi thuc hien"]),
            rule(.coop, ["phoi hop"]),
            rule(.deadline, ["thoi gian", "thoi han", "han hoan thanh"]),
            rule(.evidence, ["kiem chung", "minh chung", "tai lieu"]),
            rule(.note, ["ghi chu"]),
            rule(.tasks, ["nhiem vu", "giai phap"]),
            rule(.title, ["linh vuc", "tieu chi", "chi so", "noi dung khac phuc", "noi dung"]),
        ]
        self.rules = rules
        var canonical: [(ColumnRole, String)] = [
            (.code, "stt"),
            (.title, "linh vuc tieu chi tieu chi thanh phan"), (.title, "linh vuc tieu chi"),
            (.title, "chi so"), (.title, "noi dung khac phuc"), (.title, "noi dung"),
            (.max, "diem chuan"), (.max, "diem toi da"),
            (.prev, "diem dat nam"), (.prev, "diem dat duoc"), (.prev, "diem dat nam truoc"),
            (.target, "muc tieu nam"), (.target, "chi tieu"),
            (.tasks, "nhiem vu giai phap"),
            (.lead, "phong chu tri"), (.lead, "don vi chu tri"), (.lead, "co quan chu tri"),
            (.lead, "don vi phu trach"),
            (.coop, "phong phoi hop"), (.coop, "co quan phoi hop"), (.coop, "don vi phoi hop"),
            (.deadline, "thoi gian hoan thanh"), (.deadline, "thoi han"),
            (.person, "nguoi thuc hien"), (.person, "can bo phu trach"),
            (.selfScore, "diem tu danh gia"), (.selfScore, "tu cham"),
            (.evidence, "tai lieu kiem chung"), (.appraised, "diem tham dinh"), (.note, "ghi chu"),
        ]
        for (role, wordings) in additionalWordings {
            for wording in wordings {
                if let key = Self.prepare(wording)?.tokens.joined(separator: " ") { canonical.append((role, key)) }
            }
        }
        self.canonical = canonical.map { (role: $0.0, key: $0.1, length: $0.1.unicodeScalars.count) }
        func letters(_ word: String) -> Int {
            word.unicodeScalars.filter { !("0"..."9").contains($0) && $0 != " " }.count
        }
        let digitPhrase = rules.contains { rule in
            rule.groups.contains { group in group.contains { phrase in phrase.allSatisfy { letters($0) == 0 } } }
        }
        self.digitsCanMatch = digitPhrase || self.canonical.contains { letters($0.key) <= 2 }
    }

    /// The built-in wordings, built once per process (a matcher is immutable).
    public static let standard = HeaderMatcher()

    /// A matcher that also knows the header wordings of `layout` for `year`
    /// (``Layout/headerWordings(year:)``); ``standard`` without a layout. Built once per
    /// distinct layout and year in a process (every return of one template asks for the
    /// same), compared by value.
    public static func recognizing(_ layout: Layout?, year: Int?) -> HeaderMatcher {
        guard let layout else { return standard }
        if let known = matchersByLayout.withLock({ $0.first { $0.layout == layout && $0.year == year }?.matcher }) {
            return known
        }
        let matcher = HeaderMatcher(additionalWordings: layout.headerWordings(year: year))
        matchersByLayout.withLock { list in
            if list.count >= 16 { list.removeLast() }
            list.insert((layout, year, matcher), at: 0)
        }
        return matcher
    }

    private static let matchersByLayout = Mutex<[(layout: Layout, year: Int?, matcher: HeaderMatcher)]>([])

    /// The role of one header cell, or nil when the text is not a known header.
    public func role(forHeader text: String) -> ColumnRole? {
        recognize(header: text)?.role
    }

    /// The role of one header cell with the year it mentions and whether it matched exactly.
    public func recognize(header text: String) -> HeaderRecognition? {
        // Headers are short; long cells (tasks, titles) are rejected before any folding.
        guard text.utf8.count <= Self.maxBytes, let prepared = Self.prepare(text) else { return nil }
        let tokens = prepared.tokens
        var chosen: (role: ColumnRole, coverage: Double)?
        for rule in rules where !rule.needsYear || prepared.year != nil {
            if rule.whole {
                if rule.groups[0].contains(tokens) {
                    return HeaderRecognition(role: rule.role, year: prepared.year, isExact: true)
                }
                continue
            }
            guard rule.groups.allSatisfy({ group in group.contains { Self.find($0, in: tokens) != nil } })
            else { continue }
            // The best-covered role wins; on a tie, the earlier rule.
            let covered = coverage(of: tokens, by: rule.role)
            if covered >= 0.5, covered > (chosen?.coverage ?? 0) { chosen = (rule.role, covered) }
        }
        if let chosen {
            return HeaderRecognition(role: chosen.role, year: prepared.year, isExact: true)
        }
        // Typo tolerance on the whole key.
        let key = tokens.joined(separator: " ")
        let bound = key.count >= 16 ? 2 : key.count >= 8 ? 1 : 0
        guard bound > 0 else { return nil }
        var best: [ColumnRole: Int] = [:]
        let length = key.unicodeScalars.count
        // Lengths further apart than the bound cannot be within it (EditDistance would say so).
        for entry in canonical where abs(entry.length - length) <= bound {
            let d = EditDistance.between(key, entry.key, limit: bound)
            if d <= bound { best[entry.role] = min(best[entry.role] ?? d, d) }
        }
        guard let winner = best.min(by: { $0.value < $1.value }),
              best.filter({ $0.value == winner.value }).count == 1 else { return nil }
        return HeaderRecognition(role: winner.key, year: prepared.year, isExact: false)
    }

    /// Recognises a header row from its non-empty cells (1-based columns, any order).
    ///
    /// The row is a header row when it maps the code or title role plus at least two
    /// more roles. Each role is kept once: the leftmost exact match wins, and an exact
    /// match replaces an earlier typo match. Returns nil for any other row.
    public func matchHeaderRow(_ cells: [(column: Int, text: String)]) -> HeaderMatch? {
        var memo = HeaderMemo()
        return matchHeaderRow(cells, memo: &memo)
    }

    /// ``matchHeaderRow(_:)`` remembering each distinct cell text's recognition in `memo`
    /// (keep one memo per sheet: a sheet repeats its titles, units and scores). With
    /// `minimumRoles`, returns nil as soon as the row cannot reach that many roles — the
    /// answer a caller needing that many would give anyway — so a data row is rejected
    /// from cells already known not to be headers, without folding the others.
    public func matchHeaderRow(_ cells: [(column: Int, text: String)], memo: inout HeaderMemo,
                               minimumRoles: Int = 3) -> HeaderMatch? {
        let minimum = max(3, minimumRoles)
        guard cells.count >= minimum else { return nil }
        // An upper bound of the roles this row can get: one per cell not known to be no header.
        var possible = 0
        for cell in cells where !isKnownNonHeader(cell.text, memo: memo) { possible += 1 }
        guard possible >= minimum else { return nil }
        var columns: [ColumnRole: Int] = [:]
        var texts: [ColumnRole: String] = [:]
        var years: [ColumnRole: Int] = [:]
        var fuzzy: Set<ColumnRole> = []
        var unrecognized: [Int: String] = [:]
        var nonEmpty = 0
        let ordered = cells.sorted(by: { $0.column < $1.column })
        for (index, cell) in ordered.enumerated() {
            // Each cell adds at most one role.
            guard columns.count + (ordered.count - index) >= minimum else { return nil }
            let entry = recognition(of: cell.text, memo: &memo)
            let display = entry.display
            guard !display.isEmpty else { continue }
            nonEmpty += 1
            guard let found = entry.found else {
                unrecognized[cell.column] = display
                continue
            }
            if let existing = columns[found.role] {
                guard fuzzy.contains(found.role), found.isExact else {
                    unrecognized[cell.column] = display
                    continue
                }
                unrecognized[existing] = texts[found.role]
            }
            columns[found.role] = cell.column
            texts[found.role] = display
            years[found.role] = found.year
            if found.isExact { fuzzy.remove(found.role) } else { fuzzy.insert(found.role) }
        }
        guard columns[.code] != nil || columns[.title] != nil, columns.count >= 3 else { return nil }
        let weight = Double(columns.count - fuzzy.count) + 0.75 * Double(fuzzy.count)
        return HeaderMatch(columns: columns, headerTexts: texts, years: years,
                           unrecognized: unrecognized, fuzzyRoles: fuzzy,
                           confidence: min(1, weight / Double(max(nonEmpty, 1))))
    }

    // MARK: - Internals

    /// True for a raw cell text that cannot be a header: its recognition is remembered as
    /// nil, or it has no letter at all (see ``digitsCanMatch``).
    func isKnownNonHeader(_ text: String, memo: HeaderMemo) -> Bool {
        if !digitsCanMatch, Self.hasNoLetter(text) { return true }
        if let known = memo.entries[text] { return known.found == nil }
        return false
    }

    /// The cleaned display text of a raw cell text and its recognition, through the memo.
    func recognition(of text: String, memo: inout HeaderMemo) -> (display: String, found: HeaderRecognition?) {
        if let known = memo.entries[text] { return (known.display, known.found) }
        let display = TextNormalizer.clean(text)
        if display.isEmpty { return (display, nil) }
        if !digitsCanMatch, Self.hasNoLetter(text) { return (display, nil) }
        let found = recognize(header: display)
        if memo.entries.count < HeaderMemo.capacity { memo.entries[text] = .init(display: display, found: found) }
        return (display, found)
    }

    /// ASCII without a letter: digits, spaces, punctuation (folds to digits and spaces only).
    static func hasNoLetter(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in byte < 0x80 && !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) }
    }

    /// Folded words of a header without parenthesised remarks and years; nil when nothing
    /// remains or the text is too long to be a header.
    static func prepare(_ text: String) -> (tokens: [String], year: Int?)? {
        var stripped = String.UnicodeScalarView()
        var depth = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1); stripped.append(" ")
            default: if depth == 0 { stripped.append(scalar) }
            }
        }
        var year: Int?
        var tokens: [String] = []
        for word in TextNormalizer.foldKey(String(stripped)).split(separator: " ") {
            if word.count == 4, let value = Int(word), (1900...2099).contains(value) {
                if year == nil { year = value }
                continue
            }
            tokens.append(String(word))
            if tokens.count > maxWords { return nil }
        }
        return tokens.isEmpty ? nil : (tokens, year)
    }

    private static func words(_ phrase: String) -> [String] {
        phrase.split(separator: " ").map(String.init)
    }

    /// The first index where `phrase` occurs as consecutive words of `tokens`.
    private static func find(_ phrase: [String], in tokens: [String], from start: Int = 0) -> Int? {
        guard !phrase.isEmpty, tokens.count - start >= phrase.count else { return nil }
        for i in start...(tokens.count - phrase.count) where tokens[i] == phrase[0] {
            if tokens[i..<(i + phrase.count)].elementsEqual(phrase) { return i }
        }
        return nil
    }

    /// Share of words covered by any phrase of the role's rules or by filler words.
    private func coverage(of tokens: [String], by role: ColumnRole) -> Double {
        var covered = tokens.map { Self.fillers.contains($0) }
        for rule in rules where rule.role == role {
            for phrase in rule.groups.joined() {
                var start = 0
                while let i = Self.find(phrase, in: tokens, from: start) {
                    for k in i..<(i + phrase.count) { covered[k] = true }
                    start = i + 1
                }
            }
        }
        return Double(covered.filter { $0 }.count) / Double(tokens.count)
    }
}

/// Header recognition remembered per distinct raw cell text, for one sheet (or any run of
/// rows read with the same ``HeaderMatcher``). Bounded: past ``capacity`` texts new ones are
/// recognised without being remembered, so the answers never depend on the memo.
public struct HeaderMemo: Sendable {
    struct Entry: Sendable {
        let display: String
        let found: HeaderRecognition?
    }

    var entries: [String: Entry] = [:]
    /// The most texts remembered.
    static let capacity = 20_000

    public init() {}
}
