import Foundation

/// Who issued the framework and where it belongs: the lines above an appendix table.
public struct FrameworkMetadata: Codable, Equatable, Sendable {
    /// The title line under `PHỤ LỤC`.
    public var title: String
    /// The year assessed (the "năm 2023" of `Mục tiêu năm 2023`).
    public var year: Int?
    /// The `(Kèm theo …)` line: the issuing document's reference.
    public var document: String?
    /// The issuing office or level (e.g. `Văn phòng UBND tỉnh`), when known.
    public var issuer: String?
    /// The layout the appendix was in (`plan`, `remediation`, `assignment`, `self-assessment`).
    public var layout: String?
    /// Where the framework was imported from.
    public var source: String?

    public init(title: String, year: Int? = nil, document: String? = nil, issuer: String? = nil,
                layout: String? = nil, source: String? = nil) {
        self.title = title; self.year = year; self.document = document
        self.issuer = issuer; self.layout = layout; self.source = source
    }
}

/// The bộ tiêu chí: metadata, the units that take part, and the criteria tree.
/// Templates, validation and consolidation all read it. Stored as YAML (see
/// ``FrameworkStore``) or imported directly from an appendix workbook.
public struct Framework: Codable, Equatable, Sendable {
    public var metadata: FrameworkMetadata
    public var units: [UnitRecord]
    public var criteria: [Criterion]

    public init(metadata: FrameworkMetadata, units: [UnitRecord], criteria: [Criterion]) {
        self.metadata = metadata; self.units = units; self.criteria = criteria
    }

    /// Every criterion depth first, in framework order.
    public var flattened: [FlatCriterion] { criteria.flatMap { $0.flattened() } }
}

/// A unit (phòng, đơn vị, UBND xã) as stored in the framework file.
public struct UnitRecord: Codable, Equatable, Sendable {
    /// Short code used in file names and lists (`NCKSTTHC`, `VPS`).
    public var code: String
    /// Full name as written in the appendix.
    public var name: String
    /// Other spellings met in the files (typos included), resolved to this unit.
    public var aliases: [String]

    public init(code: String, name: String, aliases: [String] = []) {
        self.code = code; self.name = name; self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey { case code, name, aliases }

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
