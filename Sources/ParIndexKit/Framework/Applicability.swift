/// Where a criterion does not apply (không áp dụng): for every unit, or for the units
/// named. Such a criterion leaves the maximum of whoever it does not apply to, and the
/// index is achieved ÷ applicable maximum. In YAML, on a criterion:
/// `notApplicable: true`, or `notApplicable: [Phòng Tư pháp, TNMT]` (codes or names).
public enum NotApplicable: Codable, Equatable, Hashable, Sendable {
    /// The criterion applies to nobody this year.
    case everywhere
    /// The criterion does not apply to these units (as written: code, name or alias).
    case units([String])

    /// True when it does not apply to `unit` (resolved through `directory`); with no unit
    /// known, only ``everywhere`` counts.
    public func excludes(_ unit: Unit?, in directory: UnitDirectory) -> Bool {
        switch self {
        case .everywhere: return true
        case .units(let names):
            guard let unit else { return false }
            return names.contains { directory.resolve($0)?.code == unit.code }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) {
            guard flag else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "notApplicable: false — bỏ dòng này")
            }
            self = .everywhere
        } else {
            self = .units(try c.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .everywhere: try c.encode(true)
        case .units(let names): try c.encode(names)
        }
    }
}

/// The words a unit writes in a score cell for a criterion that does not apply to it:
/// `Không áp dụng`, `KAD` (`KAĐ`, `K.A.D`), `N/A` (`NA`), in any case, with or without
/// diacritics.
public enum NotApplicableMark {
    /// The folded forms accepted.
    static let keys: Set<String> = ["khong ap dung", "kad", "k a d", "n a", "na", "kapd"]

    /// True when `text` says "not applicable".
    public static func matches(_ text: String) -> Bool {
        guard text.utf8.count <= 40 else { return false }
        return keys.contains(TextNormalizer.foldKey(text))
    }

    /// The canonical text shown in reports.
    public static let label = "Không áp dụng"
}
