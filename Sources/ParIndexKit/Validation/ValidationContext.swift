import Synchronization
import XLSX

/// What every rule group reads: the submission's rows matched to the framework's
/// criteria (``CriterionMatch``), the unit directory and the layout in force.
struct ValidationContext {
    let submission: Submission
    let framework: Framework
    let layout: Layout?
    let directory: UnitDirectory
    /// Every criterion, depth first.
    let flat: [FlatCriterion]
    let criterionByID: [String: FlatCriterion]
    /// Position of each criterion id in framework order.
    let frameworkOrder: [String: Int]
    /// The rows matched to the framework (``CriterionMatch``), as the fields below give it.
    let match: CriterionMatch
    /// The criterion each row stands for; nil for unknown and duplicate rows.
    let matched: [FlatCriterion?]
    /// For a duplicate row, the index of the row that had the criterion first.
    let duplicateOf: [Int: Int]
    /// For an explanation row, the matched row it explains (``CriterionMatch``).
    let explanationOf: [Int: Int]
    /// For a hidden stale copy, the visible row that replaces it.
    let staleCopyOf: [Int: Int]
    /// The row standing for each criterion id present in the submission.
    let rowOfCriterion: [String: Int]
    /// Lead units of each row, a row with neither lead nor co-units taking its parent
    /// row's (group rows carry the unit for their children, as in the importer).
    let effectiveLead: [[String]]
    /// The unit that sent the submission (``Submission/unit(in:matched:)``).
    let unit: Unit?

    var table: RecognizedTable { submission.table }
    var rows: [TableRow] { submission.table.rows }

    /// What depends on the framework only.
    struct Prepared: Sendable {
        let hash: String
        let directory: UnitDirectory
        let flat: [FlatCriterion]
        let byID: [String: FlatCriterion]
        let order: [String: Int]
        /// The built-in layouts, each parsed on first use (a run uses one or two).
        let layouts = BuiltinLayoutMemo()
        /// Criterion id → folded title, for `criterion.title-changed`.
        let foldedTitles: [String: String]
        /// Criterion id → codes of its lead units, resolved once per validator on first use
        /// (a framework whose criteria each list 1,000 communes cost 69 % of validation
        /// when they were resolved on every row of every file).
        let leadCodes = LeadCodes()
        init(_ framework: Framework) { self.init(FrameworkIndex(framework)) }
        /// From the index a run already built (criteria, directory and hash computed once).
        init(_ index: FrameworkIndex) {
            hash = index.hash
            directory = index.directory
            flat = index.flat
            byID = index.byID
            order = index.position
            foldedTitles = index.byID.mapValues { TextNormalizer.foldKey($0.criterion.title) }
        }
    }
    let frameworkHash: String
    let prepared: Prepared

    /// The framework title of a criterion, folded once per validator.
    func foldedTitle(of criterion: Criterion) -> String {
        prepared.foldedTitles[criterion.id] ?? TextNormalizer.foldKey(criterion.title)
    }

    init(submission: Submission, framework: Framework, layout: Layout?, prepared: Prepared? = nil) {
        self.submission = submission
        self.framework = framework
        self.layout = layout
        let prepared = prepared ?? Prepared(framework)
        self.prepared = prepared
        frameworkHash = prepared.hash
        directory = prepared.directory
        flat = prepared.flat
        let byID = prepared.byID
        criterionByID = byID
        frameworkOrder = prepared.order

        let rows = submission.table.rows
        let match = CriterionMatch(table: submission.table, byID: byID, flat: flat)
        self.match = match
        let matched = match.matched
        self.matched = matched
        self.duplicateOf = match.duplicateOf
        self.explanationOf = match.explanationOf
        self.staleCopyOf = match.staleCopyOf
        var rowOfCriterion: [String: Int] = [:]
        for (i, item) in matched.enumerated() {
            if let item, rowOfCriterion[item.criterion.id] == nil { rowOfCriterion[item.criterion.id] = i }
        }
        self.rowOfCriterion = rowOfCriterion

        var lead: [[String]] = []
        for row in rows {
            if row.lead.isEmpty, row.coop.isEmpty, let p = row.parent { lead.append(lead[p]) } else { lead.append(row.lead) }
        }
        effectiveLead = lead
        unit = submission.unit(in: prepared.directory, matched: matched)
    }

    // MARK: - Helpers shared by the rules

    /// The cell of a role in row `i`, when the table has that column.
    func cell(_ role: ColumnRole, _ i: Int) -> CellReference? { table.cell(role, of: rows[i]) }

    /// The code as written, for ``Finding/code``; nil when the STT cell is empty.
    func code(_ i: Int) -> String? { rows[i].code.isEmpty ? nil : rows[i].code }

    /// How messages name row `i`: `tiêu chí 1.2.1`, or `tiêu chí ở dòng 14` for a row
    /// without a number of its own.
    func label(_ i: Int) -> String {
        let normalized = rows[i].parsedCode.normalized
        return normalized.isEmpty ? "tiêu chí ở dòng \(rows[i].row)" : "tiêu chí \(normalized)"
    }

    /// How messages name a framework criterion: `tiêu chí 1.2.1`, or its id for a row
    /// without a number (`tiêu chí 3.3-1`).
    static func label(_ criterion: Criterion) -> String {
        let normalized = CriterionCode(parsing: criterion.code).normalized
        return "tiêu chí \(normalized.isEmpty ? criterion.id : normalized)"
    }

    /// The text of a non-score role in row `i`, or, when empty, of the nearest ancestor
    /// row that has it (group rows carry tasks, deadline and person for their children).
    func inheritedText(_ role: ColumnRole, _ i: Int) -> String? {
        var index: Int? = i
        while let current = index {
            let row = rows[current]
            switch role {
            case .lead: if !row.lead.isEmpty { return row.lead.joined(separator: "; ") }
            case .coop: if !row.coop.isEmpty { return row.coop.joined(separator: "; ") }
            case .code: if !row.code.isEmpty { return row.code }
            case .title: if let t = row.title, !t.isEmpty { return t }
            default:
                if let t = row.texts[role], !TextNormalizer.isBlank(t) { return t }
            }
            // Only the row's own code and title count: they are not inherited.
            if role == .code || role == .title { return nil }
            index = row.parent
        }
        return nil
    }

    /// True when the unit that sent the file leads row `i`'s criterion, or when that
    /// cannot be told (unknown unit, criterion without a lead unit).
    func isOwnRow(_ i: Int) -> Bool {
        guard let unit, let criterion = matched[i]?.criterion, !criterion.lead.isEmpty else { return true }
        return prepared.leadCodes.codes(of: criterion, in: directory).contains(unit.code)
    }

    /// True when row `i` has a value in a column the unit fills (not given by the
    /// template), its own or from a merged range.
    func carriesData(_ i: Int) -> Bool {
        let row = rows[i]
        if !row.mergedFrom.isEmpty { return true }
        let roles = layout.map { $0.columns.filter { !$0.given }.map(\.role) }
            ?? [.target, .selfScore, .appraised, .tasks, .evidence, .note, .deadline, .person, .coop]
        for role in roles {
            switch role {
            case .code, .title: continue
            case .lead: if !row.lead.isEmpty { return true }
            case .coop: if !row.coop.isEmpty { return true }
            default: if row.scores[role] != nil || row.texts[role] != nil { return true }
            }
        }
        return false
    }

    /// The header of a column as the table writes it, else as the layout does.
    func header(_ role: ColumnRole) -> String {
        if let text = table.headerTexts[role] { return TextNormalizer.clean(text) }
        let year = table.year ?? framework.metadata.year
        if let column = layout?.column(role) { return column.headerText(year: year) }
        return role.defaultHeader(year: year)
    }

    /// `một số từ 0 đến 1`, or `một số không âm` when the điểm chuẩn is not known.
    static func expectedRange(_ max: Double?) -> String {
        max.map { "một số từ 0 đến \(ScoreFormat.vietnamese($0))" } ?? "một số không âm"
    }
}

/// Findings as the rules emit them, with what sorting needs.
struct FindingList {
    private struct Item {
        var finding: Finding
        var cell: CellReference?
        var order: Int?
        var sequence: Int
    }

    let file: String
    let sheet: String
    private var items: [Item] = []

    init(file: String, sheet: String) {
        self.file = file
        self.sheet = sheet
    }

    /// Adds a finding. `order` places findings without a cell (framework order).
    mutating func add(_ rule: RuleID, cell: CellReference?, code: String?, message: String,
                      found: String? = nil, expected: String? = nil, order: Int? = nil, severity: Severity? = nil) {
        let finding = Finding(rule: rule, file: file, sheet: sheet, cell: cell, code: code,
                              message: TextNormalizer.nfc(message), found: found.map(TextNormalizer.nfc),
                              expected: expected.map(TextNormalizer.nfc), severity: severity)
        items.append(Item(finding: finding, cell: cell, order: order, sequence: items.count))
    }

    /// Sheet row, then column; findings without a cell last, in framework order, then by code.
    var sorted: [Finding] {
        items.sorted { a, b in
            switch (a.cell, b.cell) {
            case let (x?, y?):
                if x.row != y.row { return x.row < y.row }
                if x.column != y.column { return x.column < y.column }
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil):
                let (p, q) = (a.order ?? Int.max, b.order ?? Int.max)
                if p != q { return p < q }
                let (c, d) = (a.finding.code ?? "", b.finding.code ?? "")
                if c != d { return c < d }
            }
            return a.sequence < b.sequence
        }.map(\.finding)
    }
}

/// The resolved lead-unit codes of each criterion, memoised (thread-safe: one validator
/// serves every worker).
final class LeadCodes: Sendable {
    private let memo = Mutex<[String: (lead: [String], codes: Set<String>)]>([:])

    /// The codes of `criterion`'s lead units known to `directory`.
    func codes(of criterion: Criterion, in directory: UnitDirectory) -> Set<String> {
        // The lead list is compared too (O(1) for the framework's own array), so two
        // criteria sharing an id never share an answer.
        if let known = memo.withLock({ $0[criterion.id] }), known.lead == criterion.lead { return known.codes }
        let codes = Set(criterion.lead.compactMap { directory.resolve($0)?.code })
        memo.withLock { $0[criterion.id] = (criterion.lead, codes) }
        return codes
    }
}

/// The built-in layouts by name, parsed on first use and kept (thread-safe).
final class BuiltinLayoutMemo: Sendable {
    private let memo = Mutex<[String: Layout?]>([:])

    /// The built-in layout `name`; nil for a name that is not built in (or does not parse).
    subscript(name: String) -> Layout? {
        guard BuiltinLayouts.sources[name] != nil else { return nil }
        if let known = memo.withLock({ $0[name] }) { return known }
        let layout = try? LayoutLibrary.load(name)
        memo.withLock { $0[name] = layout }
        return layout
    }
}
