import Foundation

/// Test-only: compares an edited copy of a package with its original, part by part, to
/// prove an edit changed nothing but what it had to. Shared by the test targets.
public struct PackageDiff {
    public let original: ZipPartReader
    public let edited: ZipPartReader

    public init(original: String, edited: String) {
        self.original = ZipPartReader(path: original)
        self.edited = ZipPartReader(path: edited)
    }

    /// Parts of the original whose text differs in the copy (or that the copy lacks).
    public func changedParts() throws -> Set<String> {
        let names = Set(try edited.entryNames())
        var changed = Set<String>()
        for name in try original.entryNames() where !name.hasSuffix("/") {
            if !names.contains(name) { changed.insert(name); continue }
            if try original.text(of: name) != edited.text(of: name) { changed.insert(name) }
        }
        return changed
    }

    /// Parts the copy has and the original has not.
    public func addedParts() throws -> Set<String> {
        Set(try edited.entryNames()).subtracting(try original.entryNames())
    }

    // MARK: - Sheets

    /// Start tags of cells (`<c r="B5" s="3" t="s">`), by reference.
    public static func cellTags(_ xml: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in xml.matches(of: #/<c r="([A-Z]+[0-9]+)"[^>]*>/#) {
            result[String(match.1)] = String(match.0)
        }
        return result
    }

    /// The `s` of a cell start tag (0 when absent).
    public static func style(_ tag: String) -> Int {
        guard let match = tag.firstMatch(of: #/ s="([0-9]+)"/#) else { return 0 }
        return Int(match.1) ?? 0
    }

    /// A cell start tag without its `s`.
    public static func withoutStyle(_ tag: String) -> String {
        tag.replacing(#/ s="[0-9]+"/#, with: "")
    }

    /// A sheet's XML without what an annotation may change: cell start tags, rows left
    /// empty, the selected-tab flag, the dimension, row spans and a `legacyDrawing`.
    public static func skeleton(_ xml: String) -> String {
        var s = xml.replacing(#/<c r="[A-Z]+[0-9]+"[^>]*>/#, with: "")
        s = s.replacing(#/<row ([^>]*[^/])></row>/#) { "<row \($0.1)/>" }
        s = s.replacing(#/<row r="[0-9]+"\s*/>/#, with: "")
        s = s.replacing(#/ tabSelected="(1|true)"/#, with: "")
        s = s.replacing(#/<dimension [^>]*/>/#, with: "")
        s = s.replacing(#/ spans="[0-9:]+"/#, with: "")
        s = s.replacing(#/<legacyDrawing [^>]*/>/#, with: "")
        return s
    }

    // MARK: - Styles

    /// The children of a styles collection (`fonts`, `fills`, `borders`, `cellXfs`) as written.
    public static func children(of collection: String, in styles: String) -> [String] {
        guard let open = styles.firstMatch(of: try! Regex("<\(collection)[^>]*>")),
              let close = styles.range(of: "</\(collection)>") else { return [] }
        let block = styles[open.range.upperBound..<close.lowerBound]
        let child = ["fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"][collection] ?? "xf"
        var result: [String] = []
        var rest = block[...]
        while let start = rest.range(of: "<\(child)") {
            let tail = rest[start.lowerBound...]
            guard let gt = tail.firstIndex(of: ">") else { break }
            if tail[tail.index(before: gt)] == "/" {
                result.append(String(tail[...gt]))
                rest = tail[tail.index(after: gt)...]
            } else if let end = tail.range(of: "</\(child)>") {
                result.append(String(tail[..<end.upperBound]))
                rest = tail[end.upperBound...]
            } else { break }
        }
        return result
    }

    /// The stylesheet without its four collections' contents and counts.
    public static func stylesOutsideCollections(_ styles: String) -> String {
        var s = styles
        for name in ["fonts", "fills", "borders", "cellXfs"] {
            s = s.replacing(try! Regex("<\(name)[^>]*>[\\s\\S]*?</\(name)>"), with: "<\(name)/>")
        }
        return s
    }

    /// An `xf` element with `fillId` and `applyFill` removed, to compare everything else.
    public static func withoutFill(_ xf: String) -> String {
        xf.replacing(#/ fillId="[0-9]+"/#, with: "").replacing(#/ applyFill="[^"]*"/#, with: "")
    }

    public static func fillID(_ xf: String) -> Int? {
        xf.firstMatch(of: #/fillId="([0-9]+)"/#).flatMap { Int($0.1) }
    }

    // MARK: - Relationships and comments

    /// The part a sheet's relationship of this type points to (`comments`, `vmlDrawing`).
    public func relatedPart(of sheetPart: String, type: String, in reader: ZipPartReader) throws -> String? {
        let folder = (sheetPart as NSString).deletingLastPathComponent
        let rels = "\(folder)/_rels/\((sheetPart as NSString).lastPathComponent).rels"
        guard let text = try? reader.text(of: rels) else { return nil }
        for match in text.matches(of: #/<Relationship [^>]*>/#) {
            let tag = String(match.0)
            guard tag.contains("/\(type)\""),
                  let target = tag.firstMatch(of: #/Target="([^"]+)"/#)?.1 else { continue }
            if target.hasPrefix("/") { return String(target.dropFirst()) }
            var parts = folder.split(separator: "/").map(String.init)
            for piece in target.split(separator: "/") {
                if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
            }
            return parts.joined(separator: "/")
        }
        return nil
    }

    /// The comments of a comments part: cell → text (runs joined, entities decoded).
    public static func comments(_ xml: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in xml.matches(of: #/<comment ref="([A-Z]+[0-9]+)"[^>]*>([\s\S]*?)</comment>/#) {
            var text = ""
            for t in match.2.matches(of: #/<t(?:\s[^>]*)?>([\s\S]*?)</t>/#) { text += String(t.1) }
            result[String(match.1)] = unescape(text)
        }
        return result
    }

    /// Comment boxes of a VML drawing: (row, column) 0-based → height in points.
    public static func boxes(_ vml: String) -> [[Int]: Double] {
        var result: [[Int]: Double] = [:]
        for match in vml.matches(of: #/<v:shape [^>]*style="[^"]*height:([0-9.]+)pt[^"]*"[^>]*>([\s\S]*?)</v:shape>/#) {
            guard let row = match.2.firstMatch(of: #/<x:Row>([0-9]+)</x:Row>/#)?.1,
                  let column = match.2.firstMatch(of: #/<x:Column>([0-9]+)</x:Column>/#)?.1 else { continue }
            result[[Int(row)!, Int(column)!]] = Double(match.1)
        }
        return result
    }

    /// Comment boxes' anchors (`LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn,
    /// RightOffset, BottomRow, BottomOffset`), by (row, column) 0-based.
    public static func anchors(_ vml: String) -> [[Int]: [Int]] {
        var result: [[Int]: [Int]] = [:]
        for match in vml.matches(of: #/<v:shape [\s\S]*?</v:shape>/#) {
            let block = match.0
            guard let row = block.firstMatch(of: #/<x:Row>\s*([0-9]+)\s*</x:Row>/#)?.1,
                  let column = block.firstMatch(of: #/<x:Column>\s*([0-9]+)\s*</x:Column>/#)?.1,
                  let anchor = block.firstMatch(of: #/<x:Anchor>([^<]*)</x:Anchor>/#)?.1 else { continue }
            result[[Int(row)!, Int(column)!]] = anchor.split(separator: ",").compactMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return result
    }

    public static func unescape(_ text: String) -> String {
        var s = text
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        s = s.replacing(#/&#([0-9]+);/#) { m in Int(m.1).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "" }
        s = s.replacing(#/&#x([0-9A-Fa-f]+);/#) { m in UInt32(m.1, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "" }
        return s.replacingOccurrences(of: "&amp;", with: "&")
    }
}
