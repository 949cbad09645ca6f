/// One classification band (xếp loại): the label an index gets when it is at least
/// ``from`` percent and below the next band's ``from``.
public struct ClassificationBand: Codable, Equatable, Hashable, Sendable {
    /// The label as reports print it: `Tốt`, `Khá`, `Trung bình`, `Yếu`.
    public var label: String
    /// The lowest index of the band, in percent (inclusive).
    public var from: Double

    public init(label: String, from: Double) {
        self.label = label
        self.from = from
    }
}

/// The classification bands of a framework (provinces set their own). In YAML a list
/// under `classification:`, each `{label, from}`; when absent, ``standard`` applies:
///
/// ```yaml
/// classification:
/// - label: Tốt
///   from: 90
/// - label: Khá
///   from: 80
/// - label: Trung bình
///   from: 70
/// - label: Yếu
///   from: 0
/// ```
public struct Classification: Codable, Equatable, Hashable, Sendable {
    /// The bands, highest first.
    public private(set) var bands: [ClassificationBand]

    /// Bands in any order; they are kept highest first.
    public init(_ bands: [ClassificationBand]) {
        self.bands = bands.sorted { $0.from > $1.from }
    }

    /// `Tốt` ≥ 90 %, `Khá` 80–90 %, `Trung bình` 70–80 %, `Yếu` < 70 %.
    public static let standard = Classification([
        .init(label: "Tốt", from: 90), .init(label: "Khá", from: 80),
        .init(label: "Trung bình", from: 70), .init(label: "Yếu", from: 0),
    ])

    /// The band of an index given in percent (nil below the lowest band's `from`).
    /// Compare with the index as shown (rounded to two decimals) so that a printed
    /// `90,00` is never classed below `Tốt`.
    public func band(forPercent percent: Double) -> ClassificationBand? {
        bands.first { percent >= $0.from - 1e-9 }
    }

    /// A band with its range in words: `Tốt (≥ 90 %)`, `Khá (80–90 %)`, `Yếu (< 70 %)`.
    public func describe(_ band: ClassificationBand) -> String {
        guard let i = bands.firstIndex(of: band) else { return band.label }
        let from = ScoreFormat.vietnamese(band.from)
        if i == 0 { return "\(band.label) (≥ \(from) %)" }
        let upper = ScoreFormat.vietnamese(bands[i - 1].from)
        if i == bands.count - 1 && band.from <= 0 { return "\(band.label) (< \(upper) %)" }
        return "\(band.label) (\(from)–\(upper) %)"
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([ClassificationBand].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(bands)
    }
}
