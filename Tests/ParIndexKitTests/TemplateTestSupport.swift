import Foundation
import PackageTestSupport
@testable import ParIndexKit

/// Test-only helpers for template tests: the example frameworks, scratch folders, and raw
/// package parts read with libzip (for features the reader does not expose).
enum TemplateFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The example framework files, by name without extension.
    static let frameworkNames = [
        "000-van-phong-ubnd-dak-nong-2020", "002-ubnd-ninh-son-766-2022",
        "003-so-khcn-dak-nong-2023", "004-khac-phuc-2023",
    ]

    static func frameworkPath(_ name: String) -> String {
        root.appendingPathComponent("Examples/frameworks/\(name).yaml").path
    }

    static func framework(_ name: String) throws -> Framework {
        try FrameworkStore.load(path: frameworkPath(name))
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parindex-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Reads whole parts of a zip package, e.g. `xl/worksheets/sheet1.xml`.
struct TemplatePackage {

    let path: String

    func text(of part: String) throws -> String {
        try ZipPartReader(path: path).text(of: part)
    }

    /// The `<xf>` elements of `cellXfs`, in index order.
    func cellFormats() throws -> [String] {
        let styles = try text(of: "xl/styles.xml")
        guard let start = styles.range(of: "<cellXfs"), let end = styles.range(of: "</cellXfs>") else { return [] }
        let block = styles[start.upperBound..<end.lowerBound]
        var formats: [String] = []
        var rest = block[...]
        while let open = rest.range(of: "<xf ") {
            let tail = rest[open.lowerBound...]
            let selfClosing = tail.range(of: "/>")
            let closing = tail.range(of: "</xf>")
            let stop: Range<Substring.Index>
            if let selfClosing, let closing {
                // `<xf …/>` ends at the first `/>` unless the element has children.
                let head = tail[..<selfClosing.lowerBound]
                stop = head.contains(">") ? closing : selfClosing
            } else if let found = selfClosing ?? closing {
                stop = found
            } else { break }
            formats.append(String(tail[..<stop.upperBound]))
            rest = tail[stop.upperBound...]
        }
        return formats
    }

    /// The style index (`s`) of a cell of a sheet part; 0 when the cell has none.
    static func styleIndex(of cell: String, in sheetXML: String) -> Int? {
        guard let range = sheetXML.range(of: "<c r=\"\(cell)\"") else { return nil }
        let tail = sheetXML[range.upperBound...]
        let element = tail[..<(tail.firstIndex(of: ">") ?? tail.endIndex)]
        guard let s = element.range(of: "s=\"") else { return 0 }
        let digits = element[s.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// True when the cell's format leaves it unlocked on a protected sheet.
    func isUnlocked(_ cell: String, sheetPart: String = "xl/worksheets/sheet1.xml") throws -> Bool {
        let xml = try text(of: sheetPart)
        guard let index = Self.styleIndex(of: cell, in: xml) else { return false }
        let formats = try cellFormats()
        guard index < formats.count else { return false }
        return formats[index].contains("locked=\"0\"")
    }
}
