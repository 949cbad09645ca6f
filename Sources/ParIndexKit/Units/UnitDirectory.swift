/// One unit of an agency (phòng, đơn vị, UBND xã) that can lead or co-operate.
public struct Unit: Hashable, Codable, Sendable {
    /// Short code, e.g. `CTTĐT`, `NCKSTTHC`.
    public var code: String
    /// Full name for display, e.g. `Văn phòng HĐND và UBND huyện`.
    public var name: String
    /// Other spellings seen in files.
    public var aliases: [String]

    public init(code: String, name: String, aliases: [String] = []) {
        self.code = code
        self.name = name
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey { case code, name, aliases }

    /// In framework files `name` defaults to the code and `aliases` to none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? code
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        if !aliases.isEmpty { try c.encode(aliases, forKey: .aliases) }
    }
}

/// The known units, looked up by any spelling of their code, name or aliases.
public struct UnitDirectory: Sendable {
    /// The units in the order given.
    public let units: [Unit]
    /// Keys claimed by two different units (the first unit keeps them): key → unit codes.
    public let conflicts: [String: [String]]
    private let byKey: [String: Int]
    private let byLooseKey: [String: Int?]   // nil value: ambiguous loose key

    /// Indexes `units` by the keys of their codes, names and aliases.
    public init(units: [Unit]) {
        var byKey: [String: Int] = [:]
        var byLooseKey: [String: Int?] = [:]
        byKey.reserveCapacity(units.count * 2)
        byLooseKey.reserveCapacity(units.count * 2)
        var conflicts: [String: [String]] = [:]
        for (index, unit) in units.enumerated() {
            for spelling in [unit.code, unit.name] + unit.aliases {
                let key = UnitName.key(spelling)
                guard !key.isEmpty else { continue }
                if let other = byKey[key] {
                    if other != index {
                        conflicts[key, default: [units[other].code]].append(unit.code)
                    }
                } else {
                    byKey[key] = index
                }
                let loose = Self.looseKey(key)
                if let existing = byLooseKey[loose] {
                    if existing != index { byLooseKey[loose] = .some(nil) }
                } else {
                    byLooseKey[loose] = index
                }
            }
        }
        self.units = units
        self.byKey = byKey
        self.byLooseKey = byLooseKey
        self.conflicts = conflicts
    }

    /// The unit written as `text` (code, name or alias, any case, accents, spacing,
    /// `&`/`và`). Falls back to ignoring a leading `Phòng` and a trailing `huyện`/`tỉnh`
    /// (`Tài chính – Kế hoạch` finds `Phòng Tài chính - Kế hoạch`) when that is unique.
    public func resolve(_ text: String) -> Unit? {
        let key = UnitName.key(text)
        guard !key.isEmpty else { return nil }
        if let index = byKey[key] { return units[index] }
        if let found = byLooseKey[Self.looseKey(key)], let index = found { return units[index] }
        return nil
    }

    /// The closest known unit: `resolve(text)` if it succeeds, otherwise the unit whose
    /// key is nearest by edit distance, within 1 edit for keys of 4–9 characters, 2 for
    /// 10–19 and 3 beyond (`CTTBDT` → `CTTĐT`). Nil when too far, too short or tied.
    public func suggest(_ text: String) -> Unit? {
        if let unit = resolve(text) { return unit }
        let key = UnitName.key(text)
        let bound = key.count >= 20 ? 3 : key.count >= 10 ? 2 : key.count >= 4 ? 1 : 0
        guard bound > 0 else { return nil }
        var best: (distance: Int, index: Int)?
        var tied = false
        for (candidate, index) in byKey {
            let d = EditDistance.between(key, candidate, limit: bound)
            guard d <= bound else { continue }
            if let current = best {
                if d < current.distance { best = (d, index); tied = false }
                else if d == current.distance && index != current.index { tied = true }
            } else {
                best = (d, index)
            }
        }
        guard let best, !tied else { return nil }
        return units[best.index]
    }

    private static func looseKey(_ key: String) -> String {
        // Only a leading `phong` or a trailing `huyen`/`tinh` (with another word) changes it.
        guard key.hasPrefix("phong ") || key.hasSuffix(" huyen") || key.hasSuffix(" tinh") else { return key }
        var words = key.split(separator: " ")
        if words.count > 1, words.first == "phong" { words.removeFirst() }
        if words.count > 1, let last = words.last, last == "huyen" || last == "tinh" { words.removeLast() }
        return words.joined(separator: " ")
    }
}
