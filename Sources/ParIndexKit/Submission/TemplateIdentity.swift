import Foundation
import Synchronization

/// What a template carries, hidden, so a returned file is matched back to its framework,
/// unit and layout even if it was renamed. Stored as key/value rows on a very hidden sheet
/// named ``sheetName``.
public struct TemplateIdentity: Codable, Hashable, Sendable {
    /// The hidden sheet's name.
    public static let sheetName = "_parindex"

    public var frameworkTitle: String
    /// ``FrameworkStore/versionHash(_:)`` of the framework the template was made from.
    public var frameworkHash: String
    public var year: Int?
    public var unitCode: String
    public var unitName: String
    /// The layout's name.
    public var layout: String
    /// The layout itself, so a return is read and validated with the very columns and
    /// header wordings its template had, even for a user's layout file (nil in templates
    /// written before it was stored).
    public var layoutDefinition: Layout?
    /// Tool version that wrote the template.
    public var generator: String

    public init(frameworkTitle: String, frameworkHash: String, year: Int?, unitCode: String,
                unitName: String, layout: String, layoutDefinition: Layout? = nil, generator: String = "parindex") {
        self.frameworkTitle = frameworkTitle; self.frameworkHash = frameworkHash; self.year = year
        self.unitCode = unitCode; self.unitName = unitName; self.layout = layout
        self.layoutDefinition = layoutDefinition; self.generator = generator
    }

    /// Key/value rows as written on the hidden sheet.
    public var rows: [(String, String)] {
        [("frameworkTitle", frameworkTitle), ("frameworkHash", frameworkHash),
         ("year", year.map(String.init) ?? ""), ("unitCode", unitCode), ("unitName", unitName),
         ("layout", layout), ("layoutDefinition", layoutDefinition.flatMap(Self.encode) ?? ""), ("generator", generator)]
    }

    private static func encode(_ layout: Layout) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(layout)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Rebuilds the identity from the hidden sheet's key/value rows; nil when incomplete.
    public init?(rows: [String: String]) {
        guard let hash = rows["frameworkHash"], let unit = rows["unitCode"], let layout = rows["layout"] else { return nil }
        self.init(frameworkTitle: rows["frameworkTitle"] ?? "", frameworkHash: hash,
                  year: rows["year"].flatMap { Int($0) }, unitCode: unit, unitName: rows["unitName"] ?? unit,
                  layout: layout,
                  layoutDefinition: rows["layoutDefinition"].flatMap(Self.layout(json:)),
                  generator: rows["generator"] ?? "")
    }

    /// The layouts decoded from identities' JSON, by text: every return of one template
    /// carries the same text, decoded once per process (bounded).
    private static let decodedLayouts = Mutex<[UTF8Key: Layout?]>([:])

    /// The layout of a `layoutDefinition` text; nil when it does not decode.
    static func layout(json text: String) -> Layout? {
        let key = UTF8Key(text: text)
        if let known = decodedLayouts.withLock({ $0[key] }) { return known }
        let layout = try? JSONDecoder().decode(Layout.self, from: Data(text.utf8))
        decodedLayouts.withLock { if $0.count < 64 { $0[key] = layout } }
        return layout
    }
}
