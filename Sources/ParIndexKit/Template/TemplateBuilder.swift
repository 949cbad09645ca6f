import Foundation
import XLSX

/// What ``TemplateBuilder/write(unit:to:)`` wrote.
public struct TemplateSummary: Sendable {
    public let path: String
    public let unit: Unit
    /// Table rows written (led criteria and their groups).
    public let rowCount: Int
    /// Rows open for input (led criteria that are not groups).
    public let inputRowCount: Int
}

/// Builds the blank workbook (biểu mẫu) a unit fills: the rows it leads, in the layout's
/// columns, with given cells locked, to-fill cells open and validated, print settings for
/// A4 landscape, a `Hướng dẫn` sheet and a hidden identity sheet that lets
/// ``Submission/read(path:sheetName:limits:)`` match the returned file even if renamed.
///
/// Sheets, in order: `Biểu mẫu` (the table), `Hướng dẫn`, `Danh sách đơn vị` (hidden: the
/// unit names behind the co-unit drop-down) and ``TemplateIdentity/sheetName`` (hidden).
/// libxlsxwriter 1.1.4 cannot mark a sheet "very hidden", so both are plainly hidden.
///
/// Every sheet is protected. The optional password is stored with Excel's legacy 16-bit
/// hash: it guards against accidental edits, it is not security.
public struct TemplateBuilder: Sendable {
    public static let mainSheetName = "Biểu mẫu"
    public static let instructionsSheetName = "Hướng dẫn"
    public static let unitListSheetName = "Danh sách đơn vị"
    /// The header row of the table on the main sheet; data rows follow it.
    public static let headerRow = 7
    /// The generator recorded in the identity.
    public static let generator = "parindex"

    public let framework: Framework
    public let layout: Layout
    /// Password for sheet protection; nil protects without one.
    public var password: String?
    public let selector: TemplateRowSelector
    /// ``FrameworkStore/versionHash(_:)`` of the framework, computed once.
    public let frameworkHash: String

    public init(framework: Framework, layout: Layout, password: String? = nil) {
        self.framework = framework
        self.layout = layout
        self.password = password?.isEmpty == true ? nil : password
        self.selector = TemplateRowSelector(framework: framework)
        self.frameworkHash = FrameworkStore.versionHash(framework)
    }

    /// The framework's own layout (`metadata.layout`), else `plan`.
    public static func defaultLayout(for framework: Framework) throws -> Layout {
        try LayoutLibrary.load(LayoutLibrary.defaultName(for: framework))
    }

    /// The layout title with `{year}` filled (or dropped when the year is unknown).
    public static func title(of layout: Layout, year: Int?) -> String {
        LayoutColumn(role: .title, header: layout.title).headerText(year: year)
    }

    /// The identity written on the hidden sheet of `unit`'s template.
    public func identity(for unit: Unit) -> TemplateIdentity {
        TemplateIdentity(frameworkTitle: framework.metadata.title,
                         frameworkHash: frameworkHash,
                         year: framework.metadata.year, unitCode: unit.code, unitName: unit.name,
                         layout: layout.name, layoutDefinition: layout, generator: Self.generator)
    }

    /// Writes `unit`'s template to `path` (atomically: a temporary file, then a rename).
    /// Throws ``TemplateError`` when the unit leads nothing or the layout cannot be laid
    /// out, `XLSXError` when the file cannot be written.
    @discardableResult
    public func write(unit: Unit, to path: String) throws -> TemplateSummary {
        let rows = selector.rows(for: unit)
        guard rows.contains(where: \.isLed) else {
            throw TemplateError("đơn vị \(unit.code) (\(unit.name)) không chủ trì tiêu chí nào trong bộ tiêu chí")
        }
        guard layout.columns.count >= 2 else {
            throw TemplateError("bố cục \"\(layout.name)\" phải có ít nhất hai cột")
        }
        let styles = TemplateStyles()
        let writer = try XLSXWriter(path: path)
        let unitList = framework.units.isEmpty ? nil : Self.unitListFormula(count: framework.units.count)

        try writeMainSheet(writer, unit: unit, rows: rows, styles: styles, unitList: unitList)
        try InstructionsSheet(layout: layout, unit: unit, framework: framework, rows: rows,
                              password: password, hasUnitList: unitList != nil)
            .write(into: writer, styles: styles)
        if unitList != nil { try writeUnitList(writer, styles: styles) }
        try writeIdentity(writer, unit: unit)

        let title = Self.title(of: layout, year: framework.metadata.year)
        try writer.setProperties(DocumentProperties(
            title: "\(title) — \(unit.name)", subject: framework.metadata.title, author: Self.generator,
            company: framework.metadata.issuer, category: "PAR INDEX",
            keywords: "PAR INDEX, CCHC, \(unit.code)",
            comments: "Biểu mẫu trống cho \(unit.name), lập từ bộ tiêu chí \(frameworkHash)."))
        try writer.close()
        return TemplateSummary(path: path, unit: unit, rowCount: rows.count,
                               inputRowCount: rows.filter(\.isInput).count)
    }

    // MARK: - Main sheet

    private func writeMainSheet(_ writer: XLSXWriter, unit: Unit, rows: [TemplateRow], styles: TemplateStyles,
                                unitList: String?) throws {
        let columns = layout.columns
        let count = columns.count
        let year = framework.metadata.year
        let sheet = try writer.addWorksheet(name: Self.mainSheetName)
        for (index, column) in columns.enumerated() {
            try sheet.setColumnWidth(index + 1, width: min(255, max(1, column.width)))
        }
        let totalWidth = columns.reduce(0) { $0 + $1.width }

        // National header as official forms have it: the parent body above the unit's
        // name, in capitals, on the left; the national motto on the right.
        let split = Self.leftBlockColumns(columns)
        let leftWidth = columns.prefix(split).reduce(0) { $0 + $1.width }
        let rightWidth = totalWidth - leftWidth
        let unitName = unit.name.uppercased()
        let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        if let parent = parentBody {
            try place(sheet, rows: 1...1, columns: 1...split, .string(parent), styles.nationalParent)
            try place(sheet, rows: 2...2, columns: 1...split, .string(unitName), styles.nationalLeft)
            try sheet.setRowHeight(1, height: RowHeights.height(cells: [(parent, leftWidth, false), (motto, rightWidth, true)]))
            try sheet.setRowHeight(2, height: RowHeights.height(cells: [(unitName, leftWidth, true)]))
        } else {
            try place(sheet, rows: 1...2, columns: 1...split, .string(unitName), styles.nationalLeft)
            let nameLines = RowHeights.lines(unitName, width: leftWidth, bold: true)
            try sheet.setRowHeight(1, height: max(RowHeights.height(lines: 1), RowHeights.height(lines: nameLines) - RowHeights.lineHeight))
            try sheet.setRowHeight(2, height: RowHeights.height(lines: 1))
        }
        try place(sheet, rows: 1...1, columns: (split + 1)...count, .string(motto), styles.nationalRight)
        try place(sheet, rows: 2...2, columns: (split + 1)...count,
                  .string("Độc lập - Tự do - Hạnh phúc"), styles.nationalRight)

        // Title and unit line, merged across the table.
        let title = Self.title(of: layout, year: year)
        try place(sheet, rows: 4...4, columns: 1...count, .string(title), styles.title)
        try sheet.setRowHeight(4, height: RowHeights.height(cells: [(title, totalWidth, true)], fontSize: 14))
        let unitLine = "Đơn vị: \(unit.name)"
        try place(sheet, rows: 5...5, columns: 1...count, .string(unitLine), styles.unitLine)
        try sheet.setRowHeight(5, height: RowHeights.height(cells: [(unitLine, totalWidth, false)], fontSize: 13))

        // Header row.
        let headerRow = Self.headerRow
        var headerCells: [(text: String, width: Double, bold: Bool)] = []
        for (index, column) in columns.enumerated() {
            let text = column.headerText(year: year)
            try sheet.write(.string(text), at: CellReference(row: headerRow, column: index + 1), style: styles.header)
            headerCells.append((text, column.width, true))
        }
        try sheet.setRowHeight(headerRow, height: RowHeights.height(cells: headerCells))

        // Data rows; data-validation ranges collected per column as runs of equal rules.
        var runs: [Int: [(rows: ClosedRange<Int>, rule: DataValidation)]] = [:]
        let sums = TemplateSums(rows: rows, firstRow: headerRow + 1)
        for (offset, row) in rows.enumerated() {
            let sheetRow = headerRow + 1 + offset
            // Rows the unit types into keep a starting height that grows with their text.
            if row.isInput {
                try sheet.setInitialRowHeight(sheetRow, height: rowHeight(row, columns: columns))
            } else {
                try sheet.setRowHeight(sheetRow, height: rowHeight(row, columns: columns))
            }
            for (index, column) in columns.enumerated() {
                let ref = CellReference(row: sheetRow, column: index + 1)
                let style = styles.cell(column, row: row)
                // Group rows sum their children's to-fill scores.
                if row.criterion.isGroup, column.role.isScore, !column.given {
                    try sheet.writeFormula(sums.groupFormula(offset, column: index + 1), at: ref,
                                           cachedValue: sums.cached(offset, role: column.role, column: column),
                                           style: styles.sum(style))
                    continue
                }
                // A target the framework proposes (next year's plan: the maximum) is written
                // into the open cell as a default the unit edits.
                let value = column.given || (row.isInput && column.role == .target)
                    ? Self.givenValue(column.role, of: row.criterion) : nil
                try sheet.write(value, at: ref, style: style)
                guard row.isInput, !column.given,
                      let rule = rule(for: column, criterion: row.criterion, unitList: unitList) else { continue }
                if let last = runs[index]?.last, last.rule == rule, last.rows.upperBound == sheetRow - 1 {
                    runs[index]![runs[index]!.count - 1].rows = last.rows.lowerBound...sheetRow
                } else {
                    runs[index, default: []].append((sheetRow...sheetRow, rule))
                }
            }
        }
        for (index, columnRuns) in runs.sorted(by: { $0.key < $1.key }) {
            for run in columnRuns {
                let range = CellRange(first: CellReference(row: run.rows.lowerBound, column: index + 1),
                                      last: CellReference(row: run.rows.upperBound, column: index + 1))
                try sheet.addDataValidation(range: range, rule: TemplateValidation.anchored(run.rule, at: range.first))
            }
        }

        // Tổng cộng: the unit's criteria summed, column by column.
        let totalRow = headerRow + 1 + rows.count
        for (index, column) in columns.enumerated() {
            let ref = CellReference(row: totalRow, column: index + 1)
            if column.role.isScore, let formula = sums.totalFormula(column: index + 1) {
                try sheet.writeFormula(formula, at: ref, cachedValue: sums.cachedTotal(role: column.role, column: column),
                                       style: styles.total(column))
            } else {
                try sheet.write(column.role == .title ? .string("Tổng cộng") : nil, at: ref, style: styles.total(column))
            }
        }
        try sheet.setRowHeight(totalRow, height: RowHeights.height(lines: 1))
        try writeSignature(sheet, after: totalRow, columns: columns, styles: styles)

        try sheet.freezeRows(headerRow..<(headerRow + 1))
        try sheet.setPageSetup(PageSetup(
            paper: .a4, orientation: .landscape, margins: .administrative,
            repeatRows: headerRow...headerRow, fitToWidth: true, centerHorizontally: true,
            header: "&C&\"Times New Roman,Regular\"&13&P", firstPageNumber: 1, headerOnFirstPage: false))
        try sheet.protect(password: password, options: ProtectionOptions(formatColumns: true, formatRows: true))
        try sheet.activate()
    }

    /// The parent body printed above the unit's name (`UBND HUYỆN …`), in capitals: the
    /// report issuer, else the framework's issuer.
    var parentBody: String? {
        let issuer = framework.metadata.report?.issuer ?? framework.metadata.issuer
        return issuer.map { TextNormalizer.clean($0).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The signature block under the table: the date line over the right-hand signer,
    /// `NGƯỜI LẬP BIỂU` on the left and `THỦ TRƯỞNG ĐƠN VỊ` on the right, room to sign.
    private func writeSignature(_ sheet: WorksheetWriter, after totalRow: Int, columns: [LayoutColumn],
                                styles: TemplateStyles) throws {
        let block = framework.metadata.report?.signature ?? SignatureBlock()
        let signers = Array(block.signers.prefix(columns.count))
        guard !signers.isEmpty else { return }
        let spans = AppendixWorkbook.spans(of: columns.map(\.width), parts: signers.count)
        var starts: [Int] = []
        var next = 1
        for span in spans { starts.append(next); next += span }
        func row(_ r: Int, _ texts: [String?], _ style: CellStyle) throws {
            var lines = 1
            for (i, text) in texts.enumerated() {
                guard let text else { continue }
                try place(sheet, rows: r...r, columns: starts[i]...(starts[i] + spans[i] - 1), .string(text), style)
                let width = columns[(starts[i] - 1)..<(starts[i] - 1 + spans[i])].reduce(0) { $0 + $1.width }
                lines = max(lines, RowHeights.lines(text, width: width, bold: style.bold, fontSize: style.fontSize))
            }
            try sheet.setRowHeight(r, height: RowHeights.height(lines: lines, fontSize: style.fontSize))
        }
        var r = totalRow + 2
        try row(r, Array(repeating: nil, count: signers.count - 1) + [block.dateText(year: framework.metadata.year)],
                styles.signatureDate)
        r += 1
        try row(r, signers.map(\.title), styles.signatureTitle)
        if signers.contains(where: { $0.subtitle != nil }) { r += 1; try row(r, signers.map(\.subtitle), styles.signatureTitle) }
        if signers.contains(where: { $0.note != nil }) { r += 1; try row(r, signers.map(\.note), styles.signatureNote) }
        if signers.contains(where: { $0.name != nil }) { r += 5; try row(r, signers.map(\.name), styles.signatureTitle) }
    }

    /// Enough height for the given texts of a row; input rows with a required text column
    /// get room for two lines of typing (rows stay resizable on the protected sheet).
    private func rowHeight(_ row: TemplateRow, columns: [LayoutColumn]) -> Double {
        var cells: [(text: String, width: Double, bold: Bool)] = []
        var minimum = 1
        for column in columns {
            if column.given, let value = Self.givenValue(column.role, of: row.criterion) {
                cells.append((value.description, column.width, row.criterion.isGroup))
            } else if row.isInput, column.required, !column.role.isScore, column.width >= 20 {
                minimum = 2
            }
        }
        return RowHeights.height(cells: cells, minimumLines: minimum)
    }

    /// The validation of a to-fill cell: scores within 0…điểm chuẩn, co-units from the list.
    private func rule(for column: LayoutColumn, criterion: Criterion, unitList: String?) -> DataValidation? {
        let header = column.headerText(year: framework.metadata.year)
        if column.role.isScore {
            // The unit's own scores may say the criterion does not apply; the maximum may not.
            return TemplateValidation.score(header: header, max: column.role == .max ? nil : criterion.max,
                                            code: criterion.code, notApplicable: column.role != .max)
        }
        if column.role == .coop, let unitList {
            return TemplateValidation.units(header: header, listFormula: unitList)
        }
        return nil
    }

    /// A given column's value from the framework.
    static func givenValue(_ role: ColumnRole, of criterion: Criterion) -> CellValue? {
        func text(_ s: String?) -> CellValue? { s.flatMap { $0.isEmpty ? nil : .string($0) } }
        func number(_ n: Double?) -> CellValue? { n.map { .number($0) } }
        func list(_ names: [String]) -> CellValue? { names.isEmpty ? nil : .string(names.joined(separator: "\n")) }
        switch role {
        case .code: return text(criterion.code)
        case .title: return text(criterion.title)
        case .max: return number(criterion.max)
        case .prev: return number(criterion.prev)
        case .target: return number(criterion.target)
        case .tasks: return text(criterion.tasks)
        case .lead: return list(criterion.lead)
        case .coop: return list(criterion.coop)
        case .deadline: return text(criterion.deadline)
        case .person: return text(criterion.person)
        case .selfScore, .evidence, .appraised, .note: return nil
        }
    }

    /// How many columns the unit's name spans on the left: about 40% of the table's width,
    /// leaving at least one column for the national motto.
    static func leftBlockColumns(_ columns: [LayoutColumn]) -> Int {
        let total = columns.reduce(0) { $0 + $1.width }
        var width = 0.0
        for (index, column) in columns.enumerated() {
            width += column.width
            if width >= total * 0.35 { return min(index + 1, columns.count - 1) }
        }
        return max(1, columns.count - 1)
    }

    /// Merges a block of cells (or writes the one cell) with a value.
    private func place(_ sheet: WorksheetWriter, rows: ClosedRange<Int>, columns: ClosedRange<Int>,
                       _ value: CellValue, _ style: CellStyle) throws {
        let first = CellReference(row: rows.lowerBound, column: columns.lowerBound)
        let last = CellReference(row: rows.upperBound, column: columns.upperBound)
        if first == last {
            try sheet.write(value, at: first, style: style)
        } else {
            try sheet.merge(CellRange(first: first, last: last), value: value, style: style)
        }
    }

    // MARK: - Hidden sheets

    /// The drop-down source: every unit name in column A of the hidden list sheet.
    static func unitListFormula(count: Int) -> String {
        "='\(unitListSheetName)'!$A$1:$A$\(count)"
    }

    private func writeUnitList(_ writer: XLSXWriter, styles: TemplateStyles) throws {
        let sheet = try writer.addWorksheet(name: Self.unitListSheetName)
        try sheet.setColumnWidth(1, width: 50)
        try sheet.setColumnWidth(2, width: 20)
        for (index, unit) in framework.units.enumerated() {
            try sheet.write(.string(unit.name), at: CellReference(row: index + 1, column: 1), style: styles.base)
            try sheet.write(.string(unit.code), at: CellReference(row: index + 1, column: 2), style: styles.base)
        }
        try sheet.protect(password: password)
        try sheet.hide()
    }

    private func writeIdentity(_ writer: XLSXWriter, unit: Unit) throws {
        let sheet = try writer.addWorksheet(name: TemplateIdentity.sheetName)
        for (index, pair) in identity(for: unit).rows.enumerated() {
            try sheet.write(.string(pair.0), at: CellReference(row: index + 1, column: 1))
            try sheet.write(.string(pair.1), at: CellReference(row: index + 1, column: 2))
        }
        try sheet.protect(password: password)
        try sheet.hide()
    }
}
