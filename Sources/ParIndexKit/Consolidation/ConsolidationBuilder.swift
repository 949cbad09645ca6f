import Foundation

/// The incremental state behind ``Consolidator``: add inputs in any order (each with its
/// position in input order), then ``finish()``.
public struct ConsolidationBuilder: Sendable {
    public let framework: Framework
    public let layout: Layout
    public let options: Consolidator.Options

    private let directory: UnitDirectory
    private let flat: [FlatCriterion]
    private let indexByID: [String: Int]
    private let byID: [String: FlatCriterion]
    private let fillRoles: [ColumnRole]
    private let leadsByCriterion: [Set<String>]
    private let scoredCount: Int

    /// Ranking key of a candidate row: values first, valid files, the lead unit's, input order.
    private struct Key: Comparable {
        var noValues: Int, invalid: Int, notLead: Int, input: Int, row: Int
        static func < (a: Key, b: Key) -> Bool {
            (a.noValues, a.invalid, a.notLead, a.input, a.row) < (b.noValues, b.invalid, b.notLead, b.input, b.row)
        }
    }

    private struct Chosen {
        var key: Key
        var values: [ColumnRole: ScoreValue?]
        var hash: Int64
        var source: SourceRef
        var valid: Bool
    }

    /// Per input: what it was, in input order.
    struct InputRecord: Sendable {
        var file: String
        var sheet: String?
        var status: Consolidation.Account.Status
        var reason: String?
        var unit: Unit?
        var errors: Int
        var warnings: Int
        /// Where this input's row records are in the ledger store, and how many.
        var start: Int
        var count: Int
        /// Row → the code as written (unknown codes) or the note's message (skipped rows).
        var texts: [Int32: String]
        /// Points per score role over the scored criteria it covers, and their max.
        var points: [ColumnRole: Double]
        var coveredMax: Double
        var covered: Int
        var included: Bool
    }

    private var inputs: [Int: InputRecord] = [:]
    private let store = LedgerStore()
    private var chosen: [Int: Chosen] = [:]
    private var sums: [Int: [ColumnRole: (sum: Double, count: Int)]] = [:]
    private var findings: [(Int, [Finding])] = []

    public init(framework: Framework, layout: Layout, options: Consolidator.Options = .init()) {
        self.framework = framework
        self.layout = layout
        self.options = options
        let directory = UnitDirectory(units: framework.units)
        self.directory = directory
        let flat = framework.flattened
        self.flat = flat
        indexByID = Dictionary(flat.enumerated().map { ($1.criterion.id, $0) }, uniquingKeysWith: { a, _ in a })
        byID = Dictionary(flat.map { ($0.criterion.id, $0) }, uniquingKeysWith: { a, _ in a })
        fillRoles = layout.columns.filter { !$0.given }.map(\.role)
        leadsByCriterion = flat.map { Set($0.criterion.lead.compactMap { directory.resolve($0)?.code }) }
        scoredCount = flat.filter { !$0.criterion.isGroup && $0.criterion.max != nil }.count
    }

    /// Adds one input; `index` is its position in input order (ties are broken by it).
    public mutating func add(_ input: ConsolidationInput, at index: Int) {
        switch input {
        case .unreadable(let file, let reason):
            inputs[index] = InputRecord(file: file, status: .unreadable, reason: reason, errors: 0, warnings: 0,
                                        start: 0, count: 0, texts: [:], points: [:], coveredMax: 0, covered: 0, included: false)
        case .skipped(let file, let reason):
            inputs[index] = InputRecord(file: file, status: .skipped, reason: reason, errors: 0, warnings: 0,
                                        start: 0, count: 0, texts: [:], points: [:], coveredMax: 0, covered: 0, included: false)
        case .submission(let submission, let found):
            addSubmission(submission, findings: found, valid: input.isValid, at: index)
        }
    }

    private mutating func addSubmission(_ submission: Submission, findings found: [Finding], valid: Bool, at index: Int) {
        if !found.isEmpty { findings.append((index, found)) }
        let included = valid || options.includeInvalid
        let unit = submission.unit(in: directory)
        let table = submission.table
        var record = InputRecord(file: submission.file, sheet: table.sheet,
                                 status: included ? .used : .excludedInvalid, reason: nil, unit: unit,
                                 errors: found.filter { $0.severity == .error }.count,
                                 warnings: found.filter { $0.severity == .warning }.count,
                                 start: 0, count: 0, texts: [:], points: [:], coveredMax: 0, covered: 0, included: included)
        var rows: [RowRecord] = []
        for note in table.notes where note.kind != .joinedContinuation {
            rows.append(RowRecord(row: note.row, criterion: -2))
            record.texts[Int32(clamping: note.row)] = note.message
        }
        // The same matching as validation: by code, or by title without an STT column.
        let match = CriterionMatch(table: table, byID: byID, flat: flat)
        for (r, row) in table.rows.enumerated() {
            guard let c = match.matched[r].flatMap({ indexByID[$0.criterion.id] }) else {
                if let first = match.duplicateOf[r] {
                    rows.append(RowRecord(row: row.row, criterion: -3, excluded: !included))
                    record.texts[Int32(clamping: row.row)] = "\(row.code)|\(table.rows[first].row)"
                } else {
                    rows.append(RowRecord(row: row.row, criterion: -1, excluded: !included))
                    record.texts[Int32(clamping: row.row)] = row.code
                }
                continue
            }
            var values: [ColumnRole: ScoreValue?] = [:]
            var hasher = Hasher()
            var hasValues = false
            for role in fillRoles {
                let v = Consolidator.value(role, of: row)
                values[role] = v
                hasher.combine(v)
                if v != nil { hasValues = true }
            }
            let hash = hasher.finalize()
            rows.append(RowRecord(row: row.row, criterion: c, hash: hash, hasValues: hasValues, excluded: !included))
            let criterion = flat[c].criterion
            if !criterion.isGroup, let max = criterion.max {
                record.covered += 1
                record.coveredMax += max
                for role in [ColumnRole.appraised, .selfScore, .target] {
                    if let n = row.scores[role]?.number { record.points[role, default: 0] += n }
                }
            }
            guard included else { continue }
            for role in fillRoles where Consolidator.scoreRoles.contains(role) {
                if let n = row.scores[role]?.number {
                    var entry = sums[c, default: [:]][role] ?? (0, 0)
                    entry.sum += n; entry.count += 1
                    sums[c, default: [:]][role] = entry
                }
            }
            let key = Key(noValues: hasValues ? 0 : 1, invalid: valid ? 0 : 1,
                          notLead: unit.map { leadsByCriterion[c].contains($0.code) } == true ? 0 : 1,
                          input: index, row: row.row)
            if let current = chosen[c], current.key < key { continue }
            chosen[c] = Chosen(key: key, values: values, hash: Int64(hash),
                               source: SourceRef(file: submission.file, sheet: row.sheet, row: row.row), valid: valid)
        }
        rows.sort { $0.row < $1.row }
        record.start = store.append(rows)
        record.count = rows.count
        inputs[index] = record
    }

    /// Builds the appendix.
    public func finish() -> Consolidation {
        let order = inputs.keys.sorted()
        let records = order.map { inputs[$0]! }

        // Peers: every included submission covers ≥ 80 % of the scored criteria.
        let included = records.filter { $0.included }
        let peers = included.count >= 2 && scoredCount > 0
            && included.allSatisfy { Double($0.covered) >= 0.8 * Double(scoredCount) }

        var rows: [Consolidation.Row] = []
        for (index, item) in flat.enumerated() {
            let criterion = item.criterion
            var values = Consolidator.givenValues(criterion, layout: layout)
            var row = Consolidation.Row(criterion: criterion, depth: item.depth, isGroup: criterion.isGroup,
                                        max: criterion.max, values: values, source: nil, fromInvalid: false)
            if let pick = chosen[index], pick.key.noValues == 0 || criterion.isGroup == false {
                for (role, value) in pick.values { values[role] = value }
                if peers {
                    for (role, entry) in sums[index] ?? [:] where entry.count > 0 {
                        values[role] = .number(entry.sum / Double(entry.count))
                    }
                }
                row.values = values
                row.source = pick.source
                row.fromInvalid = !pick.valid
            }
            rows.append(row)
        }
        Consolidator.sumGroups(&rows)

        var totals: [ColumnRole: Double] = [:]
        var totalMax = 0.0
        for row in rows where row.depth == 0 {
            totalMax += row.max ?? 0
            for role in Consolidator.scoreRoles where role != .max {
                if let n = row.values[role]?.number { totals[role, default: 0] += n }
            }
        }
        totals[.max] = totalMax
        let pointsRole = [ColumnRole.appraised, .selfScore, .target].first { role in
            layout.column(role) != nil && rows.contains { !$0.isGroup && $0.values[role]?.number != nil }
        }

        // Conflicts: rows of the same criterion with other values than the chosen one.
        var conflicts: [Consolidation.Conflict] = []
        if !peers {
            // The first few differing rows are named; all are counted (each one's own line
            // in the account says where its criterion was taken from).
            var others: [Int: (shown: [SourceRef], count: Int, fromInvalid: Bool)] = [:]
            for record in records where record.included {
                for r in store.read(record.start, record.count) where r.criterion >= 0 && r.hasValues {
                    let c = Int(r.criterion)
                    guard let pick = chosen[c], pick.hash != r.hash,
                          !(pick.source.file == record.file && pick.source.row == Int(r.row)) else { continue }
                    var entry = others[c] ?? ([], 0, false)
                    if entry.shown.count < Consolidation.Conflict.shownLimit {
                        entry.shown.append(SourceRef(file: record.file, sheet: record.sheet ?? "", row: Int(r.row)))
                    }
                    entry.count += 1
                    entry.fromInvalid = entry.fromInvalid || record.errors > 0
                    others[c] = entry
                }
            }
            for c in others.keys.sorted() {
                let pick = chosen[c]!, entry = others[c]!
                let criterion = flat[c].criterion
                let why: String
                if pick.key.notLead == 0 { why = "dùng giá trị của đơn vị chủ trì (\(pick.source.file))" }
                else if pick.valid && entry.fromInvalid { why = "dùng giá trị của tệp hợp lệ (\(pick.source.file))" }
                else { why = "dùng giá trị của tệp đứng trước theo thứ tự đầu vào (\(pick.source.file))" }
                conflicts.append(.init(code: criterion.code.isEmpty ? criterion.id : criterion.code, used: pick.source,
                                       others: entry.shown, otherCount: entry.count,
                                       reason: "Tiêu chí \(criterion.id) có \(entry.count + 1) giá trị khác nhau: \(why)"))
            }
        }

        let submitted = Set(records.filter(\.included).compactMap { $0.unit?.code })
        let leadUnits = framework.units.filter { unit in leadsByCriterion.contains { $0.contains(unit.code) } }
        let unitSummaries = leadUnits.map { unit in
            var summary = Consolidation.UnitSummary(unit: unit, criteria: 0, max: 0, achieved: 0, submitted: submitted.contains(unit.code))
            for (i, row) in rows.enumerated() where !row.isGroup && leadsByCriterion[i].contains(unit.code) {
                summary.criteria += 1
                summary.max += row.max ?? 0
                summary.achieved += pointsRole.flatMap { row.values[$0]?.number } ?? 0
            }
            return summary
        }

        var ranking: [Consolidation.RankEntry] = []
        if peers, let pointsRole {
            ranking = included.map { r in
                let achieved = r.points[pointsRole] ?? 0
                let index = r.coveredMax > 0 ? (achieved / r.coveredMax * 100).rounded() / 100 : 0
                return .init(rank: 0, file: r.file, unit: r.unit?.name ?? r.file, max: r.coveredMax, achieved: achieved, index: index)
            }
            ranking.sort { ($0.index, $0.achieved) > ($1.index, $1.achieved) }
            for i in ranking.indices {
                ranking[i].rank = i > 0 && ranking[i].index == ranking[i - 1].index ? ranking[i - 1].rank : i + 1
            }
        }

        var usedPerFile: [String: Int] = [:]
        for pick in chosen.values { usedPerFile[pick.source.file, default: 0] += 1 }
        let summaries = records.map { r in
            Consolidation.InputSummary(file: r.file, unit: r.unit?.name, status: r.status, errors: r.errors,
                                       warnings: r.warnings, rowsUsed: usedPerFile[r.file] ?? 0, reason: r.reason)
        }

        return Consolidation(
            framework: framework, layout: layout, year: options.year ?? framework.metadata.year,
            rows: rows, totals: totals, totalMax: totalMax, pointsRole: pointsRole, peers: peers,
            fields: Consolidator.fieldSummaries(rows, pointsRole: pointsRole), units: unitSummaries,
            ranking: ranking, inputs: summaries,
            findings: findings.sorted { $0.0 < $1.0 }.flatMap(\.1),
            unitsNotSubmitted: leadUnits.filter { !submitted.contains($0.code) },
            criteriaNotSubmitted: zip(flat, rows).filter { !$0.0.criterion.isGroup && $0.1.source == nil }.map(\.0.criterion),
            conflicts: conflicts,
            ledger: AccountLedger(records: records, store: store, chosen: chosen.mapValues { $0.source }, flat: flat))
    }
}

/// Every input row's fate, kept compactly and expanded into ``Consolidation/Account``
/// lines only while the `Kiểm tra` sheet is written.
public struct AccountLedger: Sendable {
    let records: [ConsolidationBuilder.InputRecord]
    let store: LedgerStore
    let chosen: [Int: SourceRef]
    let flat: [FlatCriterion]

    /// Number of account lines.
    public var count: Int { records.reduce(0) { $0 + max(1, $1.count) } }

    /// Calls `body` with each account line: by file in input order, then by row.
    public func forEach(_ body: (Consolidation.Account) throws -> Void) rethrows {
        for record in records {
            switch record.status {
            case .unreadable:
                try body(.init(file: record.file, status: .unreadable, detail: "Không đọc được tệp: \(record.reason ?? "")"))
                continue
            case .skipped:
                try body(.init(file: record.file, status: .skipped, detail: record.reason ?? ""))
                continue
            default: break
            }
            for r in store.read(record.start, record.count) {
                let row = Int(r.row)
                let text = record.texts[r.row]
                if r.criterion == -2 {
                    try body(.init(file: record.file, sheet: record.sheet, row: row, status: .skipped, detail: text ?? ""))
                    continue
                }
                if r.criterion == -3 {
                    let parts = (text ?? "").split(separator: "|", omittingEmptySubsequences: false)
                    try body(.init(file: record.file, sheet: record.sheet, row: row, code: parts.first.map(String.init),
                                   status: .notUsed,
                                   detail: "Tiêu chí đã có ở dòng \(parts.last ?? "") của cùng tệp: dòng trùng không được tổng hợp (xem lỗi criterion.duplicate)"))
                    continue
                }
                if r.criterion == -1 {
                    try body(.init(file: record.file, sheet: record.sheet, row: row, code: text, status: .notUsed,
                                   detail: "Mã \"\(text ?? "")\" không có trong bộ tiêu chí: không tổng hợp (xem lỗi criterion.unknown)"))
                    continue
                }
                let c = Int(r.criterion)
                let criterion = flat[c].criterion
                if r.excluded {
                    try body(.init(file: record.file, sheet: record.sheet, row: row, code: criterion.code, status: .excludedInvalid,
                                   detail: "Tệp có lỗi: dòng không được tổng hợp (dùng --include-invalid để gộp)"))
                } else if let pick = chosen[c], pick.file == record.file, pick.row == row {
                    try body(.init(file: record.file, sheet: record.sheet, row: row, code: criterion.code, status: .used,
                                   detail: "Tổng hợp vào tiêu chí \(criterion.id) (dòng \(c + 1) của bảng tiêu chí)\(record.errors > 0 ? ", từ tệp có lỗi" : "")"))
                } else if !r.hasValues {
                    try body(.init(file: record.file, sheet: record.sheet, row: row, code: criterion.code, status: .skipped,
                                   detail: "Dòng \(criterion.id) không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)"))
                } else {
                    let from = chosen[c].map { " đã lấy từ \($0)" } ?? ""
                    try body(.init(file: record.file, sheet: record.sheet, row: row, code: criterion.code, status: .notUsed,
                                   detail: "Tiêu chí \(criterion.id)\(from); dòng này không được dùng"))
                }
            }
        }
    }
}
