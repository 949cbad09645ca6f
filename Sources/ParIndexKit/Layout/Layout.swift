import Foundation
import Yams

/// One column of a layout: which role it plays, how its header reads, and whether the
/// unit fills it.
public struct LayoutColumn: Codable, Hashable, Sendable {
    public var role: ColumnRole
    /// Header text; `{year}` and `{prevYear}` are replaced by the framework's year.
    public var header: String
    /// Width in characters.
    public var width: Double
    /// Filled from the framework and locked in templates.
    public var given: Bool
    /// Must be filled by the unit (on rows that carry scores).
    public var required: Bool
    /// Excel number format for numeric columns, e.g. `0.00`.
    public var numberFormat: String?

    public init(role: ColumnRole, header: String, width: Double = 12, given: Bool = false,
                required: Bool = false, numberFormat: String? = nil) {
        self.role = role; self.header = header; self.width = width
        self.given = given; self.required = required; self.numberFormat = numberFormat
    }

    enum CodingKeys: String, CodingKey { case role, header, width, given, required, numberFormat }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(ColumnRole.self, forKey: .role)
        header = try c.decodeIfPresent(String.self, forKey: .header) ?? role.headerTemplate
        width = try c.decodeIfPresent(Double.self, forKey: .width) ?? 12
        given = try c.decodeIfPresent(Bool.self, forKey: .given) ?? false
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        numberFormat = try c.decodeIfPresent(String.self, forKey: .numberFormat)
    }

    /// The header with the year placeholders filled in.
    public func headerText(year: Int?) -> String {
        guard let year else {
            return header.replacingOccurrences(of: " năm {prevYear}", with: " năm trước")
                .replacingOccurrences(of: " năm {year}", with: "")
                .replacingOccurrences(of: "{prevYear}", with: "năm trước")
                .replacingOccurrences(of: "{year}", with: "")
        }
        return header.replacingOccurrences(of: "{prevYear}", with: String(year - 1))
            .replacingOccurrences(of: "{year}", with: String(year))
    }
}

/// A table layout: the columns of one kind of appendix (plan, remediation, assignment,
/// self-assessment). Layouts are data: YAML files in `Templates/layouts/`, and any file a
/// user passes with `--layout FILE.yaml`.
public struct Layout: Codable, Hashable, Sendable {
    public var name: String
    /// Title line of a template; may hold `{year}`.
    public var title: String
    public var columns: [LayoutColumn]

    public init(name: String, title: String, columns: [LayoutColumn]) {
        self.name = name; self.title = title; self.columns = columns
    }

    public func column(_ role: ColumnRole) -> LayoutColumn? { columns.first { $0.role == role } }

    /// The header texts of every column, for the header matcher: as written with the
    /// year filled in (`Điểm đạt năm 2022`) and without one, so a file made from this
    /// layout is recognised by its own wordings (`Hồ sơ minh họa` as evidence).
    public func headerWordings(year: Int?) -> [ColumnRole: [String]] {
        var out: [ColumnRole: [String]] = [:]
        for column in columns {
            var texts = [column.headerText(year: nil)]
            if let year { texts.append(column.headerText(year: year)) }
            for text in texts where !(out[column.role]?.contains(text) ?? false) { out[column.role, default: []].append(text) }
        }
        return out
    }

    /// Parses a layout from YAML text and checks it (a code or title column, no role twice).
    public static func parse(yaml text: String, origin: String) throws -> Layout {
        let layout: Layout
        do {
            layout = try YAMLDecoder().decode(Layout.self, from: text)
        } catch {
            throw FrameworkFileError(path: origin, reason: "tệp bố cục \(origin) sai cấu trúc (\(error))")
        }
        var seen = Set<ColumnRole>()
        for column in layout.columns where !seen.insert(column.role).inserted {
            throw FrameworkFileError(path: origin, reason: "tệp bố cục \(origin) có cột \"\(column.role.rawValue)\" hai lần")
        }
        guard seen.contains(.code) || seen.contains(.title) else {
            throw FrameworkFileError(path: origin, reason: "tệp bố cục \(origin) thiếu cột STT hoặc cột tiêu chí")
        }
        return layout
    }
}

/// The layouts shipped with the tool (embedded copies of `Templates/layouts/*.yaml`) and
/// user files.
public enum LayoutLibrary {
    /// Names of the built-in layouts.
    public static var builtinNames: [String] { BuiltinLayouts.sources.keys.sorted() }

    /// The layout a framework is used with unless one is named: the one it was imported
    /// from (`metadata.layout`), else `plan`.
    public static func defaultName(for framework: Framework) -> String {
        framework.metadata.layout ?? "plan"
    }

    /// A built-in layout by name, or a YAML file by path.
    public static func load(_ nameOrPath: String) throws -> Layout {
        if let text = BuiltinLayouts.sources[nameOrPath] {
            return try Layout.parse(yaml: text, origin: nameOrPath)
        }
        guard FileManager.default.fileExists(atPath: nameOrPath),
              let data = FileManager.default.contents(atPath: nameOrPath),
              let text = String(data: data, encoding: .utf8) else {
            throw FrameworkFileError(path: nameOrPath,
                reason: "không có bố cục \"\(nameOrPath)\" (có sẵn: \(builtinNames.joined(separator: ", ")); hoặc đưa đường dẫn tệp .yaml)")
        }
        return try Layout.parse(yaml: text, origin: nameOrPath)
    }
}
