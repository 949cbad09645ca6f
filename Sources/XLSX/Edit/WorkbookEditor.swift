#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies a ``WorkbookEdit`` to a copy of an `.xlsx` package.
///
/// The copy is the same package: every zip entry is copied as it is (compressed bytes
/// included) except the parts the edit must change — the marked sheets' XML (only the
/// `s=` of marked cells, cells created where missing, a `<legacyDrawing>` where comments
/// are added), `styles.xml` (formats appended), comments parts and their VML drawings
/// (created or extended), relationships, `[Content_Types].xml` and, for a new first
/// sheet, `workbook.xml` (sheet list, sheet-local defined names shifted, active tab).
/// expat locates what to change; the bytes around it are copied as written. Parts are
/// read under the same ``ReadLimits`` as the reader. The source is never modified; the
/// copy is written to a temporary file and renamed into place.
public enum WorkbookEditor {
    /// Writes the edited copy of the workbook at `source` to `destination`.
    public static func apply(_ edit: WorkbookEdit, source: String, destination: String,
                             limits: ReadLimits = .default) throws {
        try apply(edit, source: .file(path: source), destination: destination, limits: limits)
    }

    /// Writes the edited copy of a workbook given by path or by bytes (an upload).
    public static func apply(_ edit: WorkbookEdit, source: SpreadsheetSource, destination: String,
                             limits: ReadLimits = .default) throws {
        let job = try EditJob(source: source, limits: limits)
        try job.run(edit)
        try job.copy.write(to: destination)
    }
}

/// The state of one edit: the package read, the parts changed so far.
private final class EditJob {
    let archive: ZipArchive
    let copy: PackageCopy
    let limits: ReadLimits
    let workbookPart: String
    let folder: String
    var workbook: ElementScan
    var workbookRels: ElementScan?
    var contentTypes: ElementScan?
    var styles: StylesPatch
    var stylesPart: String
    var stylesIsNew = false

    /// Part names taken (lower-cased), existing and new.
    var takenNames = Set<String>()
    var workbookEdits: [ByteEdit] = []
    var workbookRelsAdded: [String] = []
    var workbookRelIDs = Set<String>()
    var contentTypeOverrides: [(part: String, type: String)] = []
    var needsVMLDefault = false

    let mainNamespace: String
    let relNamespace: String
    let relTypeBase: String

    struct SheetEntry {
        let name: String
        let partName: String?
        let element: ElementScan.Element
    }
    var sheets: [SheetEntry] = []

    init(source: SpreadsheetSource, limits: ReadLimits) throws {
        self.limits = limits
        archive = try ZipArchive(source: source, limits: limits)
        let rootRels = try Relationships.read(for: "", in: archive)
        var workbookName = "xl/workbook.xml"
        if let rel = rootRels.first(where: { $0.isType("officeDocument") }), archive.contains(rel.partName) {
            workbookName = rel.partName
        }
        guard let scanned = try ElementScan.scan(workbookName, in: archive, maxDepth: 3, textInside: ["definedName"],
                                                 limits: limits) else { throw XLSXError.missingWorkbook }
        workbookPart = workbookName
        workbook = scanned.scan
        folder = workbookName.split(separator: "/").dropLast().joined(separator: "/")
        workbookRels = try ElementScan.scan(Relationships.relsPartName(for: workbookName), in: archive, maxDepth: 2,
                                            limits: limits)?.scan
        contentTypes = try ElementScan.scan("[Content_Types].xml", in: archive, maxDepth: 2, limits: limits)?.scan

        let root = workbook.elements.first
        let rootPrefix = root?.tag.prefix ?? ""
        let nsAttribute = rootPrefix.isEmpty ? "xmlns" : "xmlns:" + rootPrefix.dropLast()
        mainNamespace = root?.tag.value(nsAttribute, qualified: true).map(XMLText.unescape)
            ?? "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        var relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        if let sheet = workbook.first("sheet"), let q = sheet.tag.qualifiedName(ofLocal: "id"),
           let colon = q.firstIndex(of: ":"), let ns = root?.tag.value("xmlns:" + q[..<colon], qualified: true) {
            relNS = XMLText.unescape(ns)
        }
        relNamespace = relNS
        var base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let rels = workbookRels?.all("Relationship") ?? []
        if let sheetRel = rels.first(where: { ($0.tag.value("Type") ?? "").hasSuffix("/worksheet") }),
           let type = sheetRel.tag.value("Type") {
            base = String(type.dropLast("/worksheet".count))
        }
        relTypeBase = base
        for rel in rels { if let id = rel.tag.value("Id") { workbookRelIDs.insert(XMLText.unescape(id)) } }

        // Sheets and their parts.
        func target(_ id: String) -> String? {
            guard let rel = rels.first(where: { $0.tag.value("Id").map(XMLText.unescape) == id }),
                  rel.tag.value("TargetMode") != "External", let t = rel.tag.value("Target") else { return nil }
            return Relationships.resolve(XMLText.unescape(t), from: workbookName)
        }
        for element in workbook.all("sheet") where element.depth == 3 {
            let name = XMLText.unescape(element.tag.value("name") ?? "")
            let part = element.tag.value("id").flatMap { target(XMLText.unescape($0)) }
            sheets.append(SheetEntry(name: name, partName: part, element: element))
        }

        // Styles.
        let stylesRel = rels.first(where: { ($0.tag.value("Type") ?? "").hasSuffix("/styles") })
        if let t = stylesRel?.tag.value("Target"), case let part = Relationships.resolve(XMLText.unescape(t), from: workbookName),
           archive.contains(part) {
            stylesPart = part
            styles = try StylesPatch(bytes: try XMLSplice.applied([], to: part, in: archive), part: part)
        } else {
            stylesPart = ""
            styles = try StylesPatch(bytes: StylesPatch.minimal, part: "styles.xml")
            stylesIsNew = true
        }
        copy = try PackageCopy(source: source)
        if stylesIsNew {
            let plain = (folder.isEmpty ? "" : folder + "/") + "styles.xml"
            stylesPart = archive.contains(plain) ? newPartName("styles", ".xml", in: folder) : plain
            takenNames.insert(stylesPart.lowercased())
        }
    }

    // MARK: - Run

    func run(_ edit: WorkbookEdit) throws {
        // The new sheet replaces a sheet of the same name, or goes first.
        let replaced = edit.newSheet.flatMap { new in sheets.firstIndex { $0.name.lowercased() == new.name.lowercased() } }
        let view = workbook.all("workbookView").first
        let activeIndex = view?.tag.value("activeTab").flatMap(Int.init) ?? 0
        let addsSheet = edit.newSheet != nil && replaced == nil

        var marksBySheet: [Int: [CellMark]] = [:]
        for mark in edit.marks {
            guard let index = sheets.firstIndex(where: { $0.name == mark.sheet })
                    ?? sheets.firstIndex(where: { $0.name.lowercased() == mark.sheet.lowercased() }),
                  index != replaced else { continue }
            marksBySheet[index, default: []].append(mark)
        }
        var toScan = Set(marksBySheet.keys)
        if addsSheet, activeIndex < sheets.count { toScan.insert(activeIndex) }
        for index in toScan.sorted() {
            try editSheet(index, marks: marksBySheet[index] ?? [], clearTabSelected: addsSheet && index == activeIndex,
                          author: edit.commentAuthor)
        }

        if let new = edit.newSheet {
            let xml = AddedSheetXML.xml(new, namespace: mainNamespace, selected: addsSheet || replaced == activeIndex,
                                        styles: styles)
            if let replaced, let part = sheets[replaced].partName {
                try copy.put(part, xml)
            } else {
                try WriterChecks.check(sheetName: new.name, existing: sheets.map(\.name))
                try addFirstSheet(new, xml: xml)
            }
        }

        // Styles.
        try copy.put(stylesPart, styles.result())
        if stylesIsNew {
            addWorkbookRel(type: "styles", part: stylesPart)
            contentTypeOverrides.append((stylesPart, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"))
        }
        try finishWorkbook()
        try finishContentTypes()
    }

    // MARK: - Sheets

    private func editSheet(_ index: Int, marks: [CellMark], clearTabSelected: Bool, author: String) throws {
        guard let part = sheets[index].partName else { throw XLSXError.missingPart("trang tính \(sheets[index].name)") }
        guard archive.contains(part) else { throw XLSXError.missingPart(part) }
        // One mark per cell: the first fill, every comment.
        var fills: [CellReference: UInt32] = [:]
        var comments: [CellReference: [String]] = [:]
        var order: [CellReference] = []
        for mark in marks {
            if fills[mark.cell] == nil { fills[mark.cell] = mark.fill; order.append(mark.cell) }
            if let text = mark.comment, !text.isEmpty, !(comments[mark.cell] ?? []).contains(text) {
                comments[mark.cell, default: []].append(text)
            }
        }
        let scan = SheetScan(part: part, marks: order, boxRows: Array(comments.keys.map(\.row)),
                             clearTabSelected: clearTabSelected)
        let parser = try XMLStreamParser(part: part, handler: scan)
        scan.parser = parser
        guard let stream = try archive.open(part) else { throw XLSXError.missingPart(part) }
        try parser.parse(stream)

        var formats: [CellReference: Int] = [:]
        for ref in order {
            formats[ref] = styles.derivedFormat(from: scan.baseStyle[ref] ?? 0, fill: fills[ref]!)
        }
        var edits: [ByteEdit] = scan.edits.map { planned in
            var bytes: [UInt8] = []
            for piece in planned.pieces {
                switch piece {
                case .text(let t): bytes += t
                case .newCell(let ref, let prefix): bytes += Array("<\(prefix)c r=\"\(ref.a1)\" s=\"\(formats[ref] ?? 0)\"/>".utf8)
                case .restyled(let tag, let ref):
                    bytes += tag.rewritten(setting: [(tag.qualifiedName(ofLocal: "s") ?? "s", "\(formats[ref] ?? 0)")])
                }
            }
            return ByteEdit(offset: planned.offset, length: planned.length, insert: bytes)
        }

        let notes = order.compactMap { ref in
            comments[ref].map { CommentParts.Note(cell: ref, text: CommentParts.capped($0.joined(separator: "\n"))) }
        }
        if !notes.isEmpty {
            edits += try addComments(notes, sheetPart: part, scan: scan, index: index, author: author)
        }
        guard !edits.isEmpty else { return }
        guard let file = tmpfile() else { throw XLSXError.writeFailed("không tạo được tệp tạm") }
        do {
            try XMLSplice.apply(edits, to: part, in: archive) { chunk in
                guard chunk.count == 0 || fwrite(chunk.baseAddress, 1, chunk.count, file) == chunk.count else {
                    throw XLSXError.writeFailed("không ghi được tệp tạm")
                }
            }
        } catch {
            fclose(file)
            throw error
        }
        try copy.put(part, file: file)
    }

    /// Comments and their boxes for one sheet; returns the sheet's own edits (a new
    /// `<legacyDrawing>` element).
    private func addComments(_ notes: [CommentParts.Note], sheetPart: String, scan: SheetScan, index: Int,
                             author: String) throws -> [ByteEdit] {
        let relsPart = Relationships.relsPartName(for: sheetPart)
        let rels = try ElementScan.scan(relsPart, in: archive, maxDepth: 2, limits: limits)
        let relElements = rels?.scan.all("Relationship") ?? []
        var ids = Set(relElements.compactMap { $0.tag.value("Id").map(XMLText.unescape) })
        func target(_ rel: ElementScan.Element) -> String? {
            guard rel.tag.value("TargetMode") != "External", let t = rel.tag.value("Target") else { return nil }
            return Relationships.resolve(XMLText.unescape(t), from: sheetPart)
        }
        var newRels: [String] = []
        func addRel(_ type: String, _ part: String) -> String {
            let id = Self.freshID(&ids)
            newRels.append("<Relationship Id=\"\(id)\" Type=\"\(relTypeBase)/\(type)\" Target=\"\(XMLText.escape(Self.relativeTarget(from: sheetPart, to: part)))\"/>")
            return id
        }

        var geometry = CommentParts.Geometry()
        geometry.columnWidths = scan.columnWidths
        geometry.defaultColumnWidth = scan.defaultColumnWidth
        geometry.baseColumnWidth = scan.baseColumnWidth
        geometry.defaultRowHeight = scan.defaultRowHeight
        geometry.rowHeights = scan.rowHeights

        // Comments part.
        var boxes = notes
        var grown: [CommentParts.Note] = []
        if let rel = relElements.first(where: { ($0.tag.value("Type") ?? "").hasSuffix("/comments") }),
           let part = target(rel), archive.contains(part),
           let existing = try ElementScan.scan(part, in: archive, maxDepth: 4, textInside: ["author", "comment"], limits: limits) {
            let (edits, newBoxes, grownNotes) = CommentParts.extend(existing.scan, with: notes, author: author)
            boxes = newBoxes
            grown = grownNotes
            try copy.put(part, XMLSplice.apply(edits, to: existing.bytes))
        } else {
            let part = newPartName("comments", ".xml", in: folder)
            try copy.put(part, CommentParts.newCommentsPart(notes, author: author, namespace: mainNamespace))
            _ = addRel("comments", part)
            contentTypeOverrides.append((part, "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"))
        }

        // Boxes.
        var sheetEdits: [ByteEdit] = []
        if let id = scan.legacyDrawingID.map(XMLText.unescape),
           let rel = relElements.first(where: { $0.tag.value("Id").map(XMLText.unescape) == id }),
           let part = target(rel), archive.contains(part) {
            let bytes = try XMLSplice.applied([], to: part, in: archive)
            if let edits = CommentParts.extendDrawing(bytes, with: boxes, resizing: grown, geometry: geometry), !edits.isEmpty {
                try copy.put(part, XMLSplice.apply(edits, to: bytes))
            }
        } else if scan.legacyDrawingID == nil, let offset = scan.legacyDrawingOffset {
            let part = newPartName("drawings/vmlDrawing", ".vml", in: folder)
            try copy.put(part, CommentParts.newDrawing(boxes, geometry: geometry, block: 1000 + index + 1))
            let id = addRel("vmlDrawing", part)
            needsVMLDefault = true
            sheetEdits.append(ByteEdit(offset: offset, length: 0, insert: Array(
                "<\(scan.prefix)legacyDrawing xmlns:r=\"\(XMLText.escape(relNamespace))\" r:id=\"\(id)\"/>".utf8)))
        }

        // Relationships of the sheet.
        if !newRels.isEmpty {
            if let rels, let root = rels.scan.elements.first {
                let p = root.tag.prefix
                let text = Array(newRels.map { p.isEmpty ? $0 : $0.replacingFirst("<Relationship", with: "<\(p)Relationship") }.joined().utf8)
                let edit = root.end.map { ByteEdit(offset: $0, length: 0, insert: text) }
                    ?? ByteEdit(offset: root.start, length: root.tag.bytes.count,
                                insert: root.tag.rewritten(setting: [], emptyElement: false) + text + Array("</\(root.tag.name)>".utf8))
                try copy.put(relsPart, XMLSplice.apply([edit], to: rels.bytes))
            } else {
                try copy.put(relsPart, Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + newRels.joined() + "</Relationships>").utf8))
            }
        }
        return sheetEdits
    }

    // MARK: - Workbook

    private func addFirstSheet(_ new: AddedSheet, xml: [UInt8]) throws {
        guard let list = workbook.first("sheets"), list.end != nil else { throw XLSXError.missingWorkbook }
        let part = newPartName("worksheets/sheet", ".xml", in: folder)
        try copy.put(part, xml)
        contentTypeOverrides.append((part, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        let id = addWorkbookRel(type: "worksheet", part: part)
        let sheetID = (sheets.compactMap { $0.element.tag.value("sheetId").flatMap(Int.init) }.max() ?? 0) + 1
        let p = list.tag.prefix
        workbookEdits.append(ByteEdit(offset: list.start + list.tag.bytes.count, length: 0, insert: Array(
            "<\(p)sheet name=\"\(XMLText.escape(new.name))\" sheetId=\"\(sheetID)\" xmlns:r=\"\(XMLText.escape(relNamespace))\" r:id=\"\(id)\"/>".utf8)))

        // The new sheet is first and active; sheet-local names move one place.
        for view in workbook.all("workbookView") {
            var changes: [(String, String)] = []
            if let q = view.tag.qualifiedName(ofLocal: "activeTab") { changes.append((q, "0")) }
            if let q = view.tag.qualifiedName(ofLocal: "firstSheet") { changes.append((q, "0")) }
            if !changes.isEmpty {
                workbookEdits.append(ByteEdit(offset: view.start, length: view.tag.bytes.count,
                                              insert: view.tag.rewritten(setting: changes)))
            }
        }
        for name in workbook.all("definedName") {
            guard let q = name.tag.qualifiedName(ofLocal: "localSheetId"),
                  let local = name.tag.value("localSheetId").flatMap(Int.init) else { continue }
            workbookEdits.append(ByteEdit(offset: name.start, length: name.tag.bytes.count,
                                          insert: name.tag.rewritten(setting: [(q, "\(local + 1)")])))
        }
        if let rows = new.pageSetup.repeatRows {
            let quoted = new.name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''")
            let formula = "'\(quoted)'!$\(rows.lowerBound):$\(rows.upperBound)"
            let rootPrefix = workbook.elements.first?.tag.prefix ?? ""
            let element = "<\(rootPrefix)definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">\(XMLText.escape(formula))</\(rootPrefix)definedName>"
            if let names = workbook.first("definedNames") {
                if names.end != nil {
                    workbookEdits.append(ByteEdit(offset: names.start + names.tag.bytes.count, length: 0, insert: Array(element.utf8)))
                } else {
                    workbookEdits.append(ByteEdit(offset: names.start, length: names.tag.bytes.count,
                                                  insert: names.tag.rewritten(setting: [], emptyElement: false) + Array(element.utf8)
                                                      + Array("</\(names.tag.name)>".utf8)))
                }
            } else {
                let later: Set<String> = ["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                                          "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]
                let offset = workbook.elements.first(where: { $0.depth == 2 && later.contains($0.name) })?.start
                    ?? workbook.elements.first?.end ?? 0
                workbookEdits.append(ByteEdit(offset: offset, length: 0,
                                              insert: Array("<\(rootPrefix)definedNames>\(element)</\(rootPrefix)definedNames>".utf8)))
            }
        }
    }

    @discardableResult
    private func addWorkbookRel(type: String, part: String) -> String {
        let id = Self.freshID(&workbookRelIDs)
        workbookRelsAdded.append("<Relationship Id=\"\(id)\" Type=\"\(relTypeBase)/\(type)\" Target=\"\(XMLText.escape(Self.relativeTarget(from: workbookPart, to: part)))\"/>")
        return id
    }

    private func finishWorkbook() throws {
        if !workbookEdits.isEmpty {
            try copy.put(workbookPart, XMLSplice.applied(workbookEdits, to: workbookPart, in: archive))
        }
        guard !workbookRelsAdded.isEmpty else { return }
        let relsPart = Relationships.relsPartName(for: workbookPart)
        if let rels = workbookRels, let root = rels.elements.first, let end = root.end {
            let p = root.tag.prefix
            let text = workbookRelsAdded.map { p.isEmpty ? $0 : $0.replacingFirst("<Relationship", with: "<\(p)Relationship") }.joined()
            try copy.put(relsPart, XMLSplice.applied([ByteEdit(offset: end, length: 0, insert: Array(text.utf8))], to: relsPart, in: archive))
        } else {
            throw XLSXError.missingPart(relsPart)
        }
    }

    private func finishContentTypes() throws {
        guard let types = contentTypes, let root = types.elements.first, let end = root.end else {
            throw XLSXError.missingPart("[Content_Types].xml")
        }
        var text = ""
        let p = root.tag.prefix
        if needsVMLDefault, !types.all("Default").contains(where: { ($0.tag.value("Extension") ?? "").lowercased() == "vml" }) {
            text += "<\(p)Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>"
        }
        for (part, type) in contentTypeOverrides {
            text += "<\(p)Override PartName=\"/\(XMLText.escape(part))\" ContentType=\"\(type)\"/>"
        }
        guard !text.isEmpty else { return }
        try copy.put("[Content_Types].xml", XMLSplice.applied([ByteEdit(offset: end, length: 0, insert: Array(text.utf8))],
                                                              to: "[Content_Types].xml", in: archive))
    }

    // MARK: - Names

    /// `xl/comments3.xml`: the first number whose name is free (ignoring case).
    func newPartName(_ stem: String, _ suffix: String, in folder: String) -> String {
        var n = 1
        while true {
            let name = (folder.isEmpty ? "" : folder + "/") + "\(stem)\(n)\(suffix)"
            if !archive.contains(name), takenNames.insert(name.lowercased()).inserted { return name }
            n += 1
        }
    }

    static func freshID(_ ids: inout Set<String>) -> String {
        var n = ids.count + 1
        while ids.contains("rId\(n)") { n += 1 }
        ids.insert("rId\(n)")
        return "rId\(n)"
    }

    /// The relationship target of `part` seen from `source`'s folder: `../comments1.xml`.
    static func relativeTarget(from source: String, to part: String) -> String {
        let from = source.split(separator: "/").dropLast()
        let to = part.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
