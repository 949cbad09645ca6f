/// Builds or extends a sheet's comments part (`xl/commentsN.xml`) and its VML drawing
/// (`xl/drawings/vmlDrawingN.vml`), whose shapes are the boxes Excel and LibreOffice show.
struct CommentParts {
    /// One comment to add.
    struct Note {
        let cell: CellReference
        let text: String
    }

    /// Where the sheet's columns and rows are, to place and size each box.
    struct Geometry {
        var columnWidths: [(min: Int, max: Int, width: Double)] = []
        var defaultColumnWidth: Double?
        var baseColumnWidth: Double = 8
        var defaultRowHeight: Double = 15
        var rowHeights: [Int: Double] = [:]

        /// Column width in pixels (Calibri 11: 7 pixels a character, 5 of padding).
        func columnPixels(_ column: Int) -> Int {
            if let entry = columnWidths.first(where: { ($0.min...$0.max).contains(column) }) {
                return Int(entry.width * 7 + 0.5)
            }
            if let width = defaultColumnWidth { return Int(width * 7 + 0.5) }
            return Int(baseColumnWidth * 7 + 5)
        }

        func rowPixels(_ row: Int) -> Int {
            Int((rowHeights[row] ?? defaultRowHeight) * 4 / 3 + 0.5)
        }
    }

    static let font = "<rPr><sz val=\"10\"/><color indexed=\"81\"/><rFont val=\"Times New Roman\"/><family val=\"1\"/></rPr>"
    /// Box width in pixels; the height follows the text.
    static let boxWidth = 420
    /// Characters of Times New Roman 10 pt that fit on one line of the box (generous).
    static let charactersPerLine = 62

    /// Excel keeps at most 32,767 characters in a comment; longer text is cut with `…`.
    static func capped(_ text: String) -> String {
        text.count <= 32_000 ? text : String(text.prefix(31_999)) + "…"
    }

    /// Lines the text takes in the box, wrapped by words.
    static func lineCount(_ text: String) -> Int {
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = 0
            var count = 1
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if line > 0, line + 1 + length > charactersPerLine {
                    count += 1
                    line = 0
                }
                line += (line > 0 ? 1 : 0) + length
                while line > charactersPerLine {
                    count += 1
                    line -= charactersPerLine
                }
            }
            lines += count
        }
        return max(lines, 1)
    }

    /// Box height in pixels for the text.
    static func boxHeight(_ text: String) -> Int { lineCount(text) * 17 + 14 }

    // MARK: - Comments part

    /// A new comments part.
    static func newCommentsPart(_ notes: [Note], author: String, namespace: String) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        xml += "<comments xmlns=\"\(namespace)\"><authors><author>\(XMLText.escape(author))</author></authors><commentList>"
        for note in notes { xml += comment(note, authorID: 0, prefix: "") }
        xml += "</commentList></comments>"
        return Array(xml.utf8)
    }

    static func comment(_ note: Note, authorID: Int, prefix p: String) -> String {
        "<\(p)comment ref=\"\(note.cell.a1)\" authorId=\"\(authorID)\"><\(p)text>" + run(note.text, prefix: p)
            + "</\(p)text></\(p)comment>"
    }

    static func run(_ text: String, prefix p: String) -> String {
        let font = p.isEmpty ? Self.font : Self.font.replacingPrefix(p)
        return "<\(p)r>\(font)<\(p)t xml:space=\"preserve\">\(XMLText.escape(text))</\(p)t></\(p)r>"
    }

    /// Edits to an existing comments part. Returns the edits and the notes that need a new
    /// box (cells that had no comment).
    static func extend(_ scan: ElementScan, with notes: [Note], author: String)
        -> (edits: [ByteEdit], newBoxes: [Note], grown: [Note]) {
        var edits: [ByteEdit] = []
        let root = scan.elements.first
        let p = root?.tag.prefix ?? ""
        let authors = scan.all("author").map { XMLText.unescape($0.text) }
        var authorID = authors.firstIndex(of: author) ?? authors.count
        if authorID == authors.count {
            let element = "<\(p)author>\(XMLText.escape(author))</\(p)author>"
            if let list = scan.first("authors") {
                if let end = list.end {
                    edits.append(ByteEdit(offset: end, length: 0, insert: Array(element.utf8)))
                } else {
                    edits.append(ByteEdit(offset: list.start, length: list.tag.bytes.count,
                                          insert: list.tag.rewritten(setting: [], emptyElement: false) + Array(element.utf8)
                                              + Array("</\(p)authors>".utf8)))
                }
            } else if let root {
                edits.append(ByteEdit(offset: root.start + root.tag.bytes.count, length: 0,
                                      insert: Array("<\(p)authors>\(element)</\(p)authors>".utf8)))
            } else {
                authorID = 0
            }
        }
        var existing: [CellReference: ElementScan.Element] = [:]
        for element in scan.all("comment") {
            if let ref = element.tag.value("ref").flatMap({ CellReference(a1: $0) }) { existing[ref] = element }
        }
        var added = ""
        var newBoxes: [Note] = []
        var grown: [Note] = []
        for note in notes {
            if let old = existing[note.cell] {
                // Keep the comment; add the text below it once.
                guard !old.text.contains(note.text),
                      let text = scan.elements.first(where: { $0.name == "text" && $0.start > old.start && $0.start < old.after }),
                      let end = text.end else { continue }
                edits.append(ByteEdit(offset: end, length: 0, insert: Array(run("\n\n" + note.text, prefix: p).utf8)))
                grown.append(Note(cell: note.cell, text: old.text + "\n\n" + note.text))
            } else {
                added += comment(note, authorID: authorID, prefix: p)
                newBoxes.append(note)
            }
        }
        if !added.isEmpty {
            if let list = scan.first("commentList") {
                if let end = list.end {
                    edits.append(ByteEdit(offset: end, length: 0, insert: Array(added.utf8)))
                } else {
                    edits.append(ByteEdit(offset: list.start, length: list.tag.bytes.count,
                                          insert: list.tag.rewritten(setting: [], emptyElement: false) + Array(added.utf8)
                                              + Array("</\(p)commentList>".utf8)))
                }
            } else if let root, let end = root.end {
                edits.append(ByteEdit(offset: end, length: 0, insert: Array("<\(p)commentList>\(added)</\(p)commentList>".utf8)))
            }
        }
        return (edits, newBoxes, grown)
    }

    // MARK: - VML drawing

    static let namespaces = "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
        + "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" "

    static let shapeType = "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
        + "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"

    /// A new VML drawing holding one box per note. `block` is the drawing's shape-id block.
    static func newDrawing(_ notes: [Note], geometry: Geometry, block: Int) -> [UInt8] {
        var xml = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
            + "xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
            + "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"\(block)\"/></o:shapelayout>"
            + shapeType
        for (i, note) in notes.enumerated() { xml += shape(note, id: block * 1024 + 1 + i, geometry: geometry) }
        xml += "</xml>"
        return Array(xml.utf8)
    }

    /// Edits adding boxes to an existing VML drawing (by bytes: Excel's VML is not always
    /// well-formed XML, so it is not parsed).
    static func extendDrawing(_ bytes: [UInt8], with notes: [Note], resizing grown: [Note] = [],
                              geometry: Geometry) -> [ByteEdit]? {
        var resized: [ByteEdit] = []
        for note in grown { resized += resize(note, in: bytes, geometry: geometry) }
        guard !notes.isEmpty else { return resized }
        guard let close = ByteSearch.last(Array("</xml>".utf8), in: bytes) else { return nil }
        var maxID = 1024
        let marker = Array("_x0000_s".utf8)
        var from = 0
        while let found = ByteSearch.first(marker, in: bytes, from: from) {
            var i = found + marker.count
            var n = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, n < 1 << 40 {
                n = n * 10 + Int(bytes[i] - 0x30)
                i += 1
            }
            maxID = max(maxID, n)
            from = i
        }
        let hasType = ByteSearch.first(Array("_x0000_t202\"".utf8), in: bytes) != nil
            || ByteSearch.first(Array("_x0000_t202'".utf8), in: bytes) != nil
        // The drawing may bind other prefixes (openpyxl writes `ns0:`): each added element
        // declares the three it uses.
        var xml = hasType ? "" : shapeType.replacingFirst("<v:shapetype ", with: "<v:shapetype " + namespaces)
        for (i, note) in notes.enumerated() {
            xml += shape(note, id: maxID + 1 + i, geometry: geometry).replacingFirst("<v:shape ", with: "<v:shape " + namespaces)
        }
        return resized + [ByteEdit(offset: close, length: 0, insert: Array(xml.utf8))]
    }

    /// Gives the existing box of a comment that grew the size its text needs: its anchor
    /// (when it has one) and the width and height of its style. Any namespace prefix works
    /// (`x:Row`, `ns2:Row`).
    static func resize(_ note: Note, in bytes: [UInt8], geometry: Geometry) -> [ByteEdit] {
        let row = Array("Row>\(note.cell.row - 1)</".utf8)
        let column = Array("Column>\(note.cell.column - 1)</".utf8)
        var from = 0
        while let found = ByteSearch.first(row, in: bytes, from: from) {
            from = found + row.count
            guard let shape = ByteSearch.last(Array(":shape ".utf8), in: Array(bytes[..<found])),
                  let start = ByteSearch.last(Array("<".utf8), in: Array(bytes[..<(shape + 1)])),
                  let end = ByteSearch.first(Array(":shape>".utf8), in: bytes, from: found) else { continue }
            let block = Array(bytes[start..<end])
            guard ByteSearch.first(column, in: block) != nil else { continue }
            let a = anchor(note, geometry: geometry)
            var edits: [ByteEdit] = []
            if let open = ByteSearch.first(Array("Anchor>".utf8), in: block),
               let close = ByteSearch.first(Array("</".utf8), in: block, from: open) {
                let text = "\(a.startColumn), \(a.dx), \(a.startRow), \(a.dy), \(a.endColumn), \(a.endX), \(a.endRow), \(a.endY)"
                let offset = start + open + "Anchor>".utf8.count
                edits.append(ByteEdit(offset: offset, length: start + close - offset, insert: Array(text.utf8)))
            }
            for (name, px) in [("width:", boxWidth), ("height:", a.height)] {
                guard let at = ByteSearch.first(Array(name.utf8), in: block) else { continue }
                var stop = at + name.utf8.count
                while stop < block.count, block[stop] != UInt8(ascii: ";"), block[stop] != UInt8(ascii: "\""),
                      block[stop] != UInt8(ascii: "'") { stop += 1 }
                let value = StylesPatch.number(Double(px) * 0.75) + "pt"
                edits.append(ByteEdit(offset: start + at + name.utf8.count, length: stop - at - name.utf8.count,
                                      insert: Array(value.utf8)))
            }
            return edits
        }
        return []
    }

    /// Where a box goes: from one column right and one row up of its cell, ``boxWidth``
    /// wide and as tall as its text, in Excel's anchor terms (0-based cells, pixel offsets).
    static func anchor(_ note: Note, geometry: Geometry)
        -> (startColumn: Int, dx: Int, startRow: Int, dy: Int, endColumn: Int, endX: Int, endRow: Int, endY: Int, height: Int) {
        let row0 = note.cell.row - 1, col0 = note.cell.column - 1
        let startColumn = col0 + 1
        let startRow = max(row0 - 1, 0)
        let dx = 15, dy = 10
        var (endColumn, endX) = (startColumn, dx + boxWidth)
        while endX > geometry.columnPixels(endColumn + 1), endColumn < CellReference.maxColumn - 1 {
            endX -= geometry.columnPixels(endColumn + 1)
            endColumn += 1
        }
        let height = boxHeight(note.text)
        var (endRow, endY) = (startRow, dy + height)
        while endY > geometry.rowPixels(endRow + 1), endRow < CellReference.maxRow - 1 {
            endY -= geometry.rowPixels(endRow + 1)
            endRow += 1
        }
        return (startColumn, dx, startRow, dy, endColumn, endX, endRow, endY, height)
    }

    /// One comment box: to the right of its cell, as wide as ``boxWidth``, as tall as its text.
    static func shape(_ note: Note, id: Int, geometry: Geometry) -> String {
        let row0 = note.cell.row - 1, col0 = note.cell.column - 1
        let (startColumn, dx, startRow, dy, endColumn, endX, endRow, endY, height) = anchor(note, geometry: geometry)
        var left = dx
        for c in 0..<min(startColumn, 2000) { left += geometry.columnPixels(c + 1) }
        var top = dy
        for r in 0..<min(startRow, 2000) { top += geometry.rowPixels(r + 1) }
        func pt(_ px: Int) -> String { StylesPatch.number(Double(px) * 0.75) + "pt" }
        return "<v:shape id=\"_x0000_s\(id)\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:\(pt(left));"
            + "margin-top:\(pt(top));width:\(pt(boxWidth));height:\(pt(height));z-index:\(id % 1024);visibility:hidden\" "
            + "fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"
            + "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
            + "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
            + "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
            + "<x:Anchor>\(startColumn), \(dx), \(startRow), \(dy), \(endColumn), \(endX), \(endRow), \(endY)</x:Anchor>"
            + "<x:AutoFill>False</x:AutoFill><x:Row>\(row0)</x:Row><x:Column>\(col0)</x:Column></x:ClientData></v:shape>"
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }

    /// `<rPr><sz…/>` → `<x:rPr><x:sz…/>` for a prefixed comments part.
    func replacingPrefix(_ p: String) -> String {
        var out = ""
        var i = startIndex
        while i < endIndex {
            let c = self[i]
            out.append(c)
            if c == "<" {
                let next = index(after: i)
                if next < endIndex, self[next] == "/" {
                    out.append("/")
                    out += p
                    i = index(after: next)
                    continue
                }
                out += p
            }
            i = index(after: i)
        }
        return out
    }
}

/// Plain byte-sequence search.
enum ByteSearch {
    static func first(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func last(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
