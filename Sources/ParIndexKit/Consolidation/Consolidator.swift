import Foundation

/// Merges validated submissions into one appendix following the framework's order.
///
/// For each criterion the values of the layout's to-fill columns come from one submission
/// row: the row of the criterion's lead unit when several submissions have it, else the
/// first file in input order. Rows of invalid submissions are left out (and accounted for)
/// unless ``Options/includeInvalid`` is set. Group rows get the sum of their children.
public struct Consolidator: Sendable {
    public struct Options: Sendable {
        /// Merge the rows of submissions that have errors, marked as such.
        public var includeInvalid: Bool
        /// The year shown in headers; defaults to the framework's.
        public var year: Int?

        public init(includeInvalid: Bool = false, year: Int? = nil) {
            self.includeInvalid = includeInvalid
            self.year = year
        }
    }

    public let framework: Framework
    public let layout: Layout
    public let options: Options

    public init(framework: Framework, layout: Layout, options: Options = Options()) {
        self.framework = framework
        self.layout = layout
        self.options = options
    }

    static let scoreRoles: [ColumnRole] = [.max, .prev, .target, .selfScore, .appraised]

    /// A submission row matched to a criterion.
    private struct Candidate {
        var input: Int
        var row: TableRow
        var source: SourceRef
        var unitCode: String?
        var valid: Bool
    }

    public func consolidate(_ inputs: [ConsolidationInput]) -> Consolidation {
        let directory = UnitDirectory(units: framework.units)
        let flat = framework.flattened
        let indexByID = Dictionary(flat.enumerated().map { ($1.criterion.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fillRoles = layout.columns.filter { !$0.given }.map(\.role)

        var accounts: [Consolidation.Account] = []
        var candidates: [Int: [Candidate]] = [:]
        var inputSummaries: [Consolidation.InputSummary] = []
        var findings: [Finding] = []
        var submittedUnits = Set<String>()

        for (i, input) in inputs.enumerated() {
            switch input {
            case .unreadable(let file, let reason):
                accounts.append(.init(file: file, status: .unreadable, detail: "Không đọc được tệp: \(reason)"))
                inputSummaries.append(.init(file: file, unit: nil, status: .unreadable, errors: 0, warnings: 0,
                                            rowsUsed: 0, reason: reason))
            case .skipped(let file, let reason):
                accounts.append(.init(file: file, status: .skipped, detail: reason))
                inputSummaries.append(.init(file: file, unit: nil, status: .skipped, errors: 0, warnings: 0,
                                            rowsUsed: 0, reason: reason))
            case .submission(let submission, let found):
                findings += found
                let valid = input.isValid
                let unit = Self.unit(of: submission, directory: directory)
                if let unit, valid || options.includeInvalid { submittedUnits.insert(unit.code) }
                let table = submission.table
                for note in table.notes where note.kind != .joinedContinuation {
                    accounts.append(.init(file: submission.file, sheet: note.sheet, row: note.row, code: nil,
                                          status: .skipped, detail: note.message))
                }
                let ids = MatchIDs.ids(for: table.rows)
                for (r, row) in table.rows.enumerated() {
                    let source = SourceRef(file: submission.file, sheet: row.sheet, row: row.row)
                    guard let index = indexByID[ids[r]] else {
                        accounts.append(.init(file: submission.file, sheet: row.sheet, row: row.row, code: row.code,
                                              status: .notUsed, detail: "Mã \"\(row.code)\" không có trong bộ tiêu chí: không tổng hợp (xem lỗi criterion.unknown)"))
                        continue
                    }
                    if !valid && !options.includeInvalid {
                        accounts.append(.init(file: submission.file, sheet: row.sheet, row: row.row, code: row.code,
                                              status: .excludedInvalid, detail: "Tệp có lỗi: dòng không được tổng hợp (dùng --include-invalid để gộp)"))
                        continue
                    }
                    candidates[index, default: []].append(Candidate(input: i, row: row, source: source,
                                                                    unitCode: unit?.code, valid: valid))
                }
                inputSummaries.append(.init(file: submission.file, unit: unit?.name,
                                            status: valid ? .used : (options.includeInvalid ? .used : .excludedInvalid),
                                            errors: found.filter { $0.severity == .error }.count,
                                            warnings: found.filter { $0.severity == .warning }.count,
                                            rowsUsed: 0, reason: nil))
            }
        }

        // Choose one candidate per criterion and build the rows.
        var rows: [Consolidation.Row] = []
        var conflicts: [Consolidation.Conflict] = []
        var usedPerInput: [String: Int] = [:]
        var usedSources = Set<SourceRef>()
        for (index, item) in flat.enumerated() {
            let criterion = item.criterion
            var values = Self.givenValues(criterion, layout: layout)
            var source: SourceRef?
            var fromInvalid = false
            if let list = candidates[index], !list.isEmpty {
                let leads = Set(criterion.lead.compactMap { directory.resolve($0)?.code })
                // Rows with values first (a group row copied for context carries none), then
                // valid files, then the lead unit's file, then input order.
                func key(_ c: (offset: Int, element: Candidate)) -> (Int, Int, Int, Int) {
                    let hasValues = fillRoles.contains { Self.value($0, of: c.element.row) != nil }
                    return (hasValues ? 0 : 1, c.element.valid ? 0 : 1,
                            c.element.unitCode.map { leads.contains($0) } == true ? 0 : 1, c.offset)
                }
                let ranked = list.enumerated().sorted { key($0) < key($1) }.map(\.element)
                let chosen = ranked[0]
                for role in fillRoles {
                    if let v = Self.value(role, of: chosen.row) { values[role] = v } else { values[role] = nil }
                }
                source = chosen.source
                fromInvalid = !chosen.valid
                usedSources.insert(chosen.source)
                usedPerInput[chosen.source.file, default: 0] += 1
                let differing = ranked.dropFirst().filter { other in
                    fillRoles.contains { Self.value($0, of: other.row) != Self.value($0, of: chosen.row) }
                }
                if !differing.isEmpty {
                    let why: String
                    if let code = chosen.unitCode, leads.contains(code) {
                        why = "dùng giá trị của đơn vị chủ trì (\(chosen.source.file))"
                    } else if chosen.valid && differing.contains(where: { !$0.valid }) {
                        why = "dùng giá trị của tệp hợp lệ (\(chosen.source.file))"
                    } else {
                        why = "dùng giá trị của tệp đứng trước theo thứ tự đầu vào (\(chosen.source.file))"
                    }
                    conflicts.append(.init(code: criterion.code.isEmpty ? criterion.id : criterion.code,
                                           used: chosen.source, others: differing.map(\.source),
                                           reason: "Tiêu chí \(criterion.id) có \(differing.count + 1) giá trị khác nhau: \(why)"))
                }
                for other in ranked.dropFirst() {
                    let empty = !fillRoles.contains { Self.value($0, of: other.row) != nil }
                    accounts.append(.init(file: other.source.file, sheet: other.source.sheet, row: other.source.row,
                                          code: other.row.code, status: empty ? .skipped : .notUsed,
                                          detail: empty
                                            ? "Dòng \(criterion.id) không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)"
                                            : "Tiêu chí \(criterion.id) đã lấy từ \(chosen.source); dòng này không được dùng"))
                }
            }
            rows.append(.init(criterion: criterion, depth: item.depth, isGroup: criterion.isGroup,
                              max: criterion.max, values: values, source: source, fromInvalid: fromInvalid))
        }
        for (i, row) in rows.enumerated() {
            if let source = row.source {
                accounts.append(.init(file: source.file, sheet: source.sheet, row: source.row,
                                      code: row.criterion.code, status: .used,
                                      detail: "Tổng hợp vào tiêu chí \(row.criterion.id) (dòng \(i + 1) của bảng tiêu chí)\(row.fromInvalid ? ", từ tệp có lỗi" : "")"))
            }
        }
        Self.sumGroups(&rows)

        // Totals over top-level rows.
        var totals: [ColumnRole: Double] = [:]
        var totalMax = 0.0
        for row in rows where row.depth == 0 {
            totalMax += row.max ?? 0
            for role in Self.scoreRoles where role != .max {
                if let n = row.values[role]?.number { totals[role, default: 0] += n }
            }
        }
        totals[.max] = totalMax

        let pointsRole = [ColumnRole.appraised, .selfScore, .target].first { role in
            layout.column(role) != nil && rows.contains { !$0.isGroup && $0.values[role]?.number != nil }
        }
        for i in inputSummaries.indices { inputSummaries[i].rowsUsed = usedPerInput[inputSummaries[i].file] ?? 0 }

        let leadUnits = framework.units.filter { unit in
            flat.contains { f in f.criterion.lead.contains { directory.resolve($0)?.code == unit.code } }
        }
        let unitsNotSubmitted = leadUnits.filter { !submittedUnits.contains($0.code) }
        let criteriaNotSubmitted = zip(flat, rows).filter { !$0.0.criterion.isGroup && $0.1.source == nil }.map(\.0.criterion)

        return Consolidation(
            framework: framework, layout: layout, year: options.year ?? framework.metadata.year,
            rows: rows, totals: totals, totalMax: totalMax, pointsRole: pointsRole,
            fields: Self.fieldSummaries(rows, pointsRole: pointsRole),
            units: Self.unitSummaries(rows, units: leadUnits, directory: directory, pointsRole: pointsRole, submitted: submittedUnits),
            ranking: Self.ranking(inputs, framework: framework, directory: directory, pointsRole: pointsRole, includeInvalid: options.includeInvalid),
            inputs: inputSummaries, findings: findings, unitsNotSubmitted: unitsNotSubmitted,
            criteriaNotSubmitted: criteriaNotSubmitted, conflicts: conflicts,
            accounts: accounts.sorted { ($0.file, $0.row ?? 0) < ($1.file, $1.row ?? 0) })
    }

    // MARK: - Pieces

    static func unit(of submission: Submission, directory: UnitDirectory) -> Unit? {
        submission.unit(in: directory)
    }

    /// The framework's values for the layout's given columns.
    static func givenValues(_ c: Criterion, layout: Layout) -> [ColumnRole: ScoreValue] {
        var v: [ColumnRole: ScoreValue] = [:]
        for column in layout.columns {
            switch column.role {
            case .code: v[.code] = .text(c.code)
            case .title: v[.title] = .text(c.title)
            case .max: if let n = c.max { v[.max] = .number(n) }
            case .prev: if let n = c.prev { v[.prev] = .number(n) }
            case .target: if let n = c.target { v[.target] = .number(n) }
            case .tasks: if let t = c.tasks { v[.tasks] = .text(t) }
            case .lead: if !c.lead.isEmpty { v[.lead] = .text(c.lead.joined(separator: "; ")) }
            case .coop: if !c.coop.isEmpty { v[.coop] = .text(c.coop.joined(separator: "; ")) }
            case .deadline: if let t = c.deadline { v[.deadline] = .text(t) }
            case .person: if let t = c.person { v[.person] = .text(t) }
            default: break
            }
        }
        return v
    }

    /// A submission row's value for a role.
    static func value(_ role: ColumnRole, of row: TableRow) -> ScoreValue? {
        switch role {
        case .code: return row.code.isEmpty ? nil : .text(row.code)
        case .title: return row.title.map { .text($0) }
        case .lead: return row.lead.isEmpty ? nil : .text(row.lead.joined(separator: "; "))
        case .coop: return row.coop.isEmpty ? nil : .text(row.coop.joined(separator: "; "))
        default:
            if let s = row.scores[role] { return s }
            return row.texts[role].map { .text($0) }
        }
    }

    /// Group rows: max and scores are the sums of their children (bottom-up).
    static func sumGroups(_ rows: inout [Consolidation.Row]) {
        for i in rows.indices.reversed() where rows[i].isGroup {
            var maxSum: Double?
            var sums: [ColumnRole: Double] = [:]
            var j = i + 1
            while j < rows.count, rows[j].depth > rows[i].depth {
                if rows[j].depth == rows[i].depth + 1 {
                    if let m = rows[j].max { maxSum = (maxSum ?? 0) + m }
                    for role in scoreRoles where role != .max {
                        if let n = rows[j].values[role]?.number { sums[role, default: 0] += n }
                    }
                }
                j += 1
            }
            rows[i].max = maxSum ?? rows[i].criterion.max
            if let m = rows[i].max { rows[i].values[.max] = .number(m) }
            for (role, sum) in sums { rows[i].values[role] = .number(sum) }
        }
    }

    /// Top-level fields; when the framework has a single top-level section, its children.
    static func fieldSummaries(_ rows: [Consolidation.Row], pointsRole: ColumnRole?) -> [Consolidation.FieldSummary] {
        let topDepth = rows.filter { $0.depth == 0 }.count == 1 && rows.count > 1 ? 1 : 0
        return rows.filter { $0.depth == topDepth && ($0.max ?? 0) > 0 }.map { row in
            Consolidation.FieldSummary(code: row.criterion.code, title: row.criterion.title, max: row.max ?? 0,
                                       achieved: pointsRole.flatMap { row.values[$0]?.number } ?? 0)
        }
    }

    static func unitSummaries(_ rows: [Consolidation.Row], units: [Unit], directory: UnitDirectory,
                              pointsRole: ColumnRole?, submitted: Set<String>) -> [Consolidation.UnitSummary] {
        units.map { unit in
            var summary = Consolidation.UnitSummary(unit: unit, criteria: 0, max: 0, achieved: 0,
                                                    submitted: submitted.contains(unit.code))
            for row in rows where !row.isGroup && row.criterion.lead.contains(where: { directory.resolve($0)?.code == unit.code }) {
                summary.criteria += 1
                summary.max += row.max ?? 0
                summary.achieved += pointsRole.flatMap { row.values[$0]?.number } ?? 0
            }
            return summary
        }
    }

    /// When every submission covers at least 80 % of the scored criteria, they are peers
    /// (communes, departments) assessed on the whole framework: rank them by index.
    static func ranking(_ inputs: [ConsolidationInput], framework: Framework, directory: UnitDirectory,
                        pointsRole: ColumnRole?, includeInvalid: Bool) -> [Consolidation.RankEntry] {
        guard let pointsRole else { return [] }
        let scored = framework.flattened.filter { !$0.criterion.isGroup && $0.criterion.max != nil }
        guard !scored.isEmpty else { return [] }
        let maxByID = Dictionary(scored.map { ($0.criterion.id, $0.criterion.max ?? 0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Consolidation.RankEntry] = []
        var count = 0
        for input in inputs {
            guard case .submission(let s, _) = input, input.isValid || includeInvalid else { continue }
            count += 1
            let ids = MatchIDs.ids(for: s.table.rows)
            var achieved = 0.0, maxSum = 0.0, covered = 0
            for (r, row) in s.table.rows.enumerated() {
                guard let m = maxByID[ids[r]] else { continue }
                covered += 1
                maxSum += m
                achieved += row.scores[pointsRole]?.number ?? 0
            }
            guard Double(covered) >= 0.8 * Double(scored.count) else { return [] }
            let name = unit(of: s, directory: directory)?.name ?? s.identity?.unitName ?? s.file
            let index = maxSum > 0 ? (achieved / maxSum * 100).rounded() / 100 : 0
            entries.append(.init(rank: 0, file: s.file, unit: name, max: maxSum, achieved: achieved, index: index))
        }
        guard count >= 2 else { return [] }
        entries.sort { ($0.index, $0.achieved) > ($1.index, $1.achieved) }
        for i in entries.indices {
            entries[i].rank = i > 0 && entries[i].index == entries[i - 1].index ? entries[i - 1].rank : i + 1
        }
        return entries
    }
}
