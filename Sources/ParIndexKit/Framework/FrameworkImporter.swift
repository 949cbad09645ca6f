import Foundation
import XLSX

/// Turns a recognised appendix table into a ``Framework``: the criteria tree with its
/// numbers and units, the metadata from the lines above the table, and the unit list.
public struct FrameworkImporter: Sendable {
    /// A remark made while importing (a joined row, a unit spelled two ways…), in Vietnamese.
    public struct Warning: Hashable, Sendable {
        public var row: Int?
        public var message: String
    }

    public struct Result: Sendable {
        public var framework: Framework
        public var table: RecognizedTable
        public var warnings: [Warning]
        /// The file format read (a `.docx` table is named `Bảng 2` or `Bảng 2-4`, not a sheet).
        public var format: SpreadsheetFormat = .xlsx
    }

    public init() {}

    /// Reads the workbook's table (the named sheet, or the first visible sheet with one);
    /// of a Word `.docx`, the first table (or run of tables continued over pages) with a
    /// header row, and the letter's number and date for an incomplete `(Kèm theo …)` line.
    public func importWorkbook(path: String, sheetName: String? = nil, limits: ReadLimits = .default) throws -> Result {
        let reader = try SpreadsheetOpener.open(path: path, limits: limits)
        let table = try TableRecognizer().recognize(reader, sheetName: sheetName)
        var result = importTable(table)
        result.framework.metadata.source = URL(fileURLWithPath: path).lastPathComponent
        result.format = reader.format
        if let document = reader as? DOCXReader {
            Self.completeReference(&result, heading: DocumentHeading(lines: document.bodyLines))
            result.warnings += try Self.unreadTables(after: table.sheet, in: document)
        }
        return result
    }

    /// Tables of a Word document after the one imported that were not joined to it (text
    /// between them, no repeated header and no page break): named, so no row goes unseen.
    static func unreadTables(after sheetName: String, in document: DOCXReader) throws -> [Warning] {
        guard let chosen = document.sheets.firstIndex(where: { $0.name == sheetName }) else { return [] }
        var warnings: [Warning] = []
        for sheet in document.sheets[(chosen + 1)...] {
            let titles = try document.titleLines(of: sheet).count
            var rows = 0
            var widest = 0
            try document.readRows(of: sheet) { row in
                guard row.number > titles else { return }
                rows += 1
                widest = max(widest, row.cells.count)
            }
            guard widest >= 3 else { continue } // a signature block, a two-column layout table
            let other = try TableRecognizer().recognize(document, sheet: sheet)
            warnings.append(Warning(row: nil, message: other != nil
                ? "\(sheet.name) của văn bản cũng là một bảng có dòng tiêu đề (\(other!.rows.count) dòng dữ liệu) nhưng không được đọc: chọn bảng đó bằng --sheet \"\(sheet.name)\""
                : "\(sheet.name) của văn bản (\(rows) dòng, không có dòng tiêu đề) đứng sau bảng đã đọc nhưng không được ghép vào: nếu là phần tiếp theo của bảng, hãy lặp lại dòng tiêu đề ở đầu bảng đó hoặc nối hai bảng trong Word"))
        }
        return warnings
    }

    /// An appendix attached to a letter: its `(Kèm theo … số … ngày …)` line, typed before
    /// the letter was numbered and signed, gets the letter's own number and date.
    static func completeReference(_ result: inout Result, heading: DocumentHeading) {
        guard let reference = result.framework.metadata.document, let filled = heading.fill(reference) else { return }
        result.framework.metadata.document = filled
        result.warnings.append(Warning(row: nil, message:
            "Dòng \"(\(reference))\" thiếu số hoặc ngày: đã điền theo số, ngày của văn bản (\"\(filled)\")"))
    }

    public func importTable(_ table: RecognizedTable) -> Result {
        var warnings = table.notes
            .filter { $0.kind == .joinedContinuation }
            .map { Warning(row: $0.row, message: $0.message) }
        let ids = Self.assignIDs(table.rows, warnings: &warnings)

        // Build the tree bottom-up from parent indices, children in table order.
        var nodes: [Criterion] = table.rows.enumerated().map { i, row in
            Criterion(id: ids[i], code: row.code, title: row.title ?? "",
                      max: row.score(.max)?.number, prev: row.score(.prev)?.number,
                      target: row.score(.target)?.number, tasks: row.text(.tasks),
                      lead: row.lead, coop: row.coop, deadline: row.text(.deadline),
                      person: row.text(.person))
        }
        // Group rows carry the unit and person for children that have none of their own.
        for i in table.rows.indices {
            guard let p = table.rows[i].parent else { continue }
            if nodes[i].lead.isEmpty && nodes[i].coop.isEmpty { nodes[i].lead = nodes[p].lead; nodes[i].coop = nodes[p].coop }
            if nodes[i].person == nil { nodes[i].person = nodes[p].person }
        }
        for i in table.rows.indices.reversed() {
            if let p = table.rows[i].parent { nodes[p].children.insert(nodes[i], at: 0) }
        }
        let roots = table.rows.indices.filter { table.rows[$0].parent == nil }.map { nodes[$0] }

        let (units, unitWarnings) = Self.collectUnits(table.rows)
        warnings += unitWarnings
        let metadata = Self.metadata(table)
        return Result(framework: Framework(metadata: metadata, units: units, criteria: roots),
                      table: table, warnings: warnings)
    }

    // MARK: - Identifiers

    /// The rows' ids (``CriterionIDs``, shared with row matching), with a warning for
    /// each repeated code.
    static func assignIDs(_ rows: [TableRow], warnings: inout [Warning]) -> [String] {
        zip(rows, CriterionIDs.identities(for: rows)).map { row, identity in
            if identity.occurrence > 1 {
                warnings.append(Warning(row: row.row, message: "Mã \"\(row.code)\" ở dòng \(row.row) trùng với một dòng phía trên: đặt mã nội bộ \(identity.id)"))
            }
            return identity.id
        }
    }

    // MARK: - Units

    /// Every distinct unit named as lead or co-unit, in order of first appearance. A
    /// spelling one edit away from a more frequent one, or as frequent but met earlier
    /// (`CTTBDT` beside `CTTĐT`), is kept as
    /// an alias of it, with a warning. Collective phrases (`Các phòng, đơn vị liên quan`)
    /// describe groups, not units, and are not listed.
    static func collectUnits(_ rows: [TableRow]) -> ([Unit], [Warning]) {
        var order: [String] = []
        var spelling: [String: String] = [:]
        var count: [String: Int] = [:]
        var firstRow: [String: Int] = [:]
        for row in rows {
            for name in row.lead + row.coop where !UnitName.isCollective(name) {
                let key = UnitName.key(name)
                guard !key.isEmpty else { continue }
                if spelling[key] == nil { order.append(key); spelling[key] = name; firstRow[key] = row.row }
                count[key, default: 0] += 1
            }
        }
        var warnings: [Warning] = []
        var aliasOf: [String: String] = [:]
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // The more frequent spelling wins; on a tie, the one met first.
        func outranks(_ a: String, _ b: String) -> Bool {
            (count[a] ?? 0, -(position[a] ?? 0)) > (count[b] ?? 0, -(position[b] ?? 0))
        }
        for key in order {
            let candidates = order.filter { other in
                other != key && aliasOf[other] == nil && outranks(other, key)
                    && key.count >= 4 && EditDistance.between(key, other, limit: 1) <= 1
            }
            if let target = candidates.first {
                aliasOf[key] = target
                warnings.append(Warning(row: firstRow[key],
                    message: "Đơn vị \"\(spelling[key]!)\" (dòng \(firstRow[key]!)) gần giống \"\(spelling[target]!)\": coi là cùng một đơn vị, đề nghị kiểm tra lỗi chính tả"))
            }
        }
        var usedCodes = Set<String>()
        var records: [Unit] = []
        for key in order where aliasOf[key] == nil {
            let name = spelling[key]!
            var code = UnitName.code(for: name)
            var n = 2
            while usedCodes.contains(code) { code = UnitName.code(for: name) + String(n); n += 1 }
            usedCodes.insert(code)
            let aliases = order.filter { aliasOf[$0] == key }.map { spelling[$0]! }
            records.append(Unit(code: code, name: name, aliases: aliases))
        }
        return (records, warnings)
    }

    // MARK: - Metadata

    /// Title: the lines above the table that are neither `PHỤ LỤC` nor the `(Kèm theo …)`
    /// reference, joined (a long title is often typed over two rows); document: the
    /// reference, joined over several lines until its closing parenthesis.
    static func metadata(_ table: RecognizedTable) -> FrameworkMetadata {
        var titleParts: [String] = []
        var document: String?
        var openDocument = false
        for raw in table.titleLines {
            let line = TextNormalizer.clean(raw)
            if line.isEmpty { continue }
            if openDocument, let doc = document {
                document = doc + " " + line
                openDocument = !line.contains(")")
                continue
            }
            let key = TextNormalizer.foldKey(line)
            if key == "phu luc" || (key.hasPrefix("phu luc ") && key.split(separator: " ").count <= 4) {
                // The appendix starts here: what stands above (a letter's last lines) is not its title.
                titleParts.removeAll()
                continue
            }
            if line.hasPrefix("("), document == nil {
                document = line
                openDocument = !line.contains(")")
                continue
            }
            if document == nil { titleParts.append(line) }
        }
        let title = titleParts.isEmpty ? nil : titleParts.joined(separator: " ")
        if let doc = document, doc.hasPrefix("("), doc.hasSuffix(")") {
            document = String(doc.dropFirst().dropLast())
        }
        let layout: String
        let roles = Set(table.columns.keys)
        if roles.contains(.selfScore) { layout = "self-assessment" }
        else if roles.contains(.max) || roles.contains(.target) { layout = "plan" }
        else if roles.contains(.deadline) { layout = "remediation" }
        else if roles.contains(.person) { layout = "assignment" }
        else { layout = "plan" }
        return FrameworkMetadata(title: title ?? "", year: table.year, document: document, layout: layout)
    }
}
