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
    /// What a consolidated result of this framework says about itself (title, `Kèm theo`
    /// line, issuer, signature block); the framework's own `title` and `document` belong
    /// to the criteria set, not to a result.
    public var report: ReportMetadata?

    public init(title: String, year: Int? = nil, document: String? = nil, issuer: String? = nil,
                layout: String? = nil, source: String? = nil, report: ReportMetadata? = nil) {
        self.title = title; self.year = year; self.document = document
        self.issuer = issuer; self.layout = layout; self.source = source; self.report = report
    }
}

/// The bộ tiêu chí: metadata, the units that take part, and the criteria tree.
/// Templates, validation and consolidation all read it. Stored as YAML (see
/// ``FrameworkStore``) or imported directly from an appendix workbook.
public struct Framework: Codable, Equatable, Sendable {
    public var metadata: FrameworkMetadata
    public var units: [Unit]
    public var criteria: [Criterion]
    /// The classification bands; nil: ``Classification/standard``. See ``bands``.
    public var classification: Classification?

    public init(metadata: FrameworkMetadata, units: [Unit], criteria: [Criterion],
                classification: Classification? = nil) {
        self.metadata = metadata; self.units = units; self.criteria = criteria
        self.classification = classification
    }

    /// The bands reports classify indices with: the framework's, else the standard ones.
    public var bands: Classification { classification ?? .standard }

    /// Every criterion depth first, in framework order.
    public var flattened: [FlatCriterion] { criteria.flatMap { $0.flattened() } }
}
