import Foundation

/// The incremental state behind ``Consolidator``: add inputs in any order (each with its
/// position in input order), then ``finish()``.
public struct ConsolidationBuilder: Sendable {
    public let framework: Framework
    public let layout: Layout
    public let options: ConsolidationOptions

    private let frameworkIndex: FrameworkIndex
    private let directory: UnitDirectory
    private let flat: [FlatCriterion]
    private let indexByID: [String: Int]
    private let byID: [String: FlatCriterion]
    private let fillRoles: [ColumnRole]
    private let leadsByCriterion: [Set<String>]
    private let scoredCount: Int
    /// Flat indices of the scored criteria (leaves with a điểm chuẩn).
    private let scoredLeaves: [Int]
    /// Per flat index: the framework says the criterion applies to nobody…
    private let notApplicableEverywhere: [Bool]
    /// …or not to these units (codes).
    private let notApplicableUnits: [Set<String>]

    /// Ranking key of a candidate row: values first, valid files, the lead unit's; between
    /// two plain-file returns of one unit the later one (``SubmissionVersion``); then input
    /// order.
    private struct Key {
        var noValues: Int, invalid: Int, notLead: Int, input: Int, row: Int
        var unit: String? = nil
        var version: SubmissionVersion? = nil
        static func < (a: Key, b: Key) -> Bool {
            if (a.noValues, a.invalid, a.notLead) != (b.noValues, b.invalid, b.notLead) {
                return (a.noValues, a.invalid, a.notLead) < (b.noValues, b.invalid, b.notLead)
            }
            if a.input != b.input, let unit = a.unit, unit == b.unit, let x = a.version, let y = b.version {
                return x.isLater(than: y)
            }
            return (a.input, a.row) < (b.input, b.row)
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
        /// Row → the code as written (unknown and duplicate rows) or the note's message
        /// (skipped rows).
        var texts: [Int32: String]
        /// Duplicate row → the row that had its criterion first.
        var firstRows: [Int32: Int32] = [:]
        /// Per score role, this file's own figures over the whole framework (for peers).
        var tallies: [ColumnRole: ScoreTally]
        /// Scored criteria the file has a row for.
        var covered: Int
        var included: Bool
        /// The plain-file version, for two returns of one unit.
        var version: SubmissionVersion? = nil
    }

    private var inputs: [Int: InputRecord] = [:]
    private let store = LedgerStore()
    private var chosen: [Int: Chosen] = [:]
    private var sums: [Int: [ColumnRole: (sum: Double, count: Int)]] = [:]
    private var findings: [(Int, [Finding])] = []

    public init(framework: Framework, layout: Layout, options: ConsolidationOptions = .init()) {
        self.init(index: FrameworkIndex(framework), layout: layout, options: options)
    }

    /// A builder for a framework already indexed (once per run).
    public init(index: FrameworkIndex, layout: Layout, options: ConsolidationOptions = .init()) {
        self.framework = index.framework
        self.layout = layout
        self.options = options
        frameworkIndex = index
        let directory = index.directory
        self.directory = directory
        let flat = index.flat
        self.flat = flat
        indexByID = index.position
        byID = index.byID
        fillRoles = layout.columns.filter { !$0.given }.map(\.role)
        leadsByCriterion = flat.map { Set($0.criterion.lead.compactMap { directory.resolve($0)?.code }) }
        let scoredLeaves = flat.indices.filter { !flat[$0].criterion.isGroup && flat[$0].criterion.max != nil }
        self.scoredLeaves = scoredLeaves
        scoredCount = scoredLeaves.count
        notApplicableEverywhere = flat.map { $0.criterion.notApplicable == .everywhere }
        notApplicableUnits = flat.map { item in
            guard case .units(let names)? = item.criterion.notApplicable else { return [] }
            return Set(names.compactMap { directory.resolve($0)?.code })
        }
    }

    /// True when the framework says criterion `c` does not apply to `unit` (or to anybody).
    private func frameworkExcludes(_ c: Int, unit: String?) -> Bool {
        notApplicableEverywhere[c] || unit.map { notApplicableUnits[c].contains($0) } == true
    }

    /// True when the framework excludes criterion `c` for every unit that leads it.
    private func frameworkExcludesLeads(_ c: Int) -> Bool {
        notApplicableEverywhere[c]
            || (!leadsByCriterion[c].isEmpty && leadsByCriterion[c].isSubset(of: notApplicableUnits[c]))
    }

    /// What scored criterion `c` contributes, given its value and whether the framework excludes it.
    private static func entry(_ value: ScoreValue?, excluded: Bool) -> ScoreTally.Entry {
        if excluded { return .notApplicable }
        if let n = value?.number { return .scored(n) }
        if value?.isNotApplicable == true { return .notApplicable }
        return .missing
    }

    /// Adds one input; `index` is its position in input order (ties are broken by it).
    public mutating func add(_ input: ConsolidationInput, at index: Int) {
        add(CheckedFile(input, index: frameworkIndex), at: index)
    }

    /// Adds one checked file (read now, or taken from the campaign store); `index` is its
    /// position in input order. `supersededBy` names the later version of the same unit's
    /// return that replaces it: its rows are then accounted as superseded, not merged.
    public mutating func add(_ file: CheckedFile, at index: Int, supersededBy: String? = nil) {
        switch file.status {
        case .unreadable, .skipped:
            inputs[index] = InputRecord(file: file.file, status: file.status == .unreadable ? .unreadable : .skipped,
                                        reason: file.reason, errors: 0, warnings: 0,
                                        start: 0, count: 0, texts: [:], tallies: [:], covered: 0, included: false)
        case .valid, .invalid:
            addSubmission(file, at: index, supersededBy: supersededBy)
        }
    }

    private mutating func addSubmission(_ file: CheckedFile, at index: Int, supersededBy: String?) {
        let valid = file.isValid
        if !file.findings.isEmpty { findings.append((index, file.findings)) }
        let included = (valid || options.includeInvalid) && supersededBy == nil
        let unit = file.unit.flatMap { directory.resolve($0) }
        let status: Consolidation.Account.Status = supersededBy != nil ? .superseded : included ? .used : .excludedInvalid
        var record = InputRecord(file: file.file, sheet: file.sheet, status: status,
                                 reason: supersededBy.map { "Đã có phiên bản mới hơn: \($0)" }, unit: unit,
                                 errors: file.errors, warnings: file.warnings,
                                 start: 0, count: 0, texts: [:], tallies: [:], covered: 0, included: included,
                                 version: file.version)
        var rows: [RowRecord] = []
        rows.reserveCapacity(file.rows.count)
        var ownValues: [Int: [ColumnRole: ScoreValue]] = [:]
        for row in file.rows {
            let rowKey = Int32(clamping: row.row)
            let c: Int
            switch row.fate {
            case .skipped(let reason):
                rows.append(RowRecord(row: row.row, kind: .note))
                record.texts[rowKey] = reason
                continue
            case .duplicate(let code, let firstRow):
                rows.append(RowRecord(row: row.row, kind: .duplicate, excluded: !included))
                record.texts[rowKey] = code
                record.firstRows[rowKey] = Int32(clamping: firstRow)
                continue
            case .unknown(let code):
                rows.append(RowRecord(row: row.row, kind: .unknown, excluded: !included))
                record.texts[rowKey] = code
                continue
            case .explanation(let of, let explained, let text):
                rows.append(RowRecord(row: row.row, kind: .explanation))
                record.texts[rowKey] = "\(of)|\(text)"
                record.firstRows[rowKey] = Int32(clamping: explained)
                continue
            case .hiddenStale(let code, let visibleRow):
                rows.append(RowRecord(row: row.row, kind: .stale))
                record.texts[rowKey] = code
                record.firstRows[rowKey] = Int32(clamping: visibleRow)
                continue
            case .criterion(let id):
                guard let found = indexByID[id] else {
                    // A stored row of a criterion the framework no longer has.
                    rows.append(RowRecord(row: row.row, kind: .unknown, excluded: !included))
                    record.texts[rowKey] = row.values[.code].map(Self.text) ?? id
                    continue
                }
                c = found
            }
            var values: [ColumnRole: ScoreValue?] = [:]
            var hasher = Hasher()
            var hasValues = false, scored = false, otherValues = false
            for role in fillRoles {
                let v = row.values[role]
                values[role] = v
                hasher.combine(v)
                if v != nil { hasValues = true }
                if role.isScore, v?.number != nil { scored = true }
                if !role.isScore, v != nil { otherValues = true }
            }
            let hash = hasher.finalize()
            rows.append(RowRecord(row: row.row, criterion: c, hash: hash, hasValues: hasValues, scored: scored, excluded: !included,
                                  otherValues: otherValues))
            let criterion = flat[c].criterion
            if !criterion.isGroup, criterion.max != nil {
                record.covered += 1
                ownValues[c] = row.values
            }
            guard included else { continue }
            for role in fillRoles where role.isScore {
                if let n = row.values[role]?.number {
                    var entry = sums[c, default: [:]][role] ?? (0, 0)
                    entry.sum += n; entry.count += 1
                    sums[c, default: [:]][role] = entry
                }
            }
            let key = Key(noValues: hasValues ? 0 : 1, invalid: valid ? 0 : 1,
                          notLead: unit.map { leadsByCriterion[c].contains($0.code) } == true ? 0 : 1,
                          input: index, row: row.row, unit: unit?.code, version: file.version)
            if let current = chosen[c], current.key < key { continue }
            chosen[c] = Chosen(key: key, values: values, hash: Int64(hash),
                               source: SourceRef(file: file.file, sheet: file.sheet ?? "", row: row.row), valid: valid)
        }
        // This file's own figures over the whole framework, for each role (peers are ranked by them).
        for role in ColumnRole.pointsRoles where layout.column(role) != nil || ownValues.values.contains(where: { $0[role] != nil }) {
            var tally = ScoreTally()
            for c in scoredLeaves {
                tally.add(max: flat[c].criterion.max ?? 0,
                          Self.entry(ownValues[c]?[role], excluded: frameworkExcludes(c, unit: unit?.code)))
            }
            record.tallies[role] = tally
        }
        record.start = store.append(rows)
        record.count = rows.count
        inputs[index] = record
    }

    private static func text(_ value: ScoreValue) -> String {
        switch value {
        case .text(let t), .notApplicable(let t): return t
        case .ambiguous(_, let original): return original
        case .number(let n): return ScoreFormat.vietnamese(n)
        }
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
            var values = ConsolidationRules.givenValues(criterion, layout: layout)
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
        ConsolidationRules.sumGroups(&rows)
        let computedGroups = ConsolidationRules.computedGroups(rows, roles: fillRoles.filter { $0.isScore && $0 != .max })

        var totals: [ColumnRole: Double] = [:]
        var totalMax = 0.0
        for row in rows where row.depth == 0 {
            totalMax += row.max ?? 0
            for role in ColumnRole.scoreRoles where role != .max {
                if let n = row.values[role]?.number { totals[role, default: 0] += n }
            }
        }
        totals[.max] = totalMax
        let pointsRole = ColumnRole.pointsRoles.first { role in
            layout.column(role) != nil && rows.contains { !$0.isGroup && $0.values[role]?.number != nil }
        }

        // Two plain-file returns of one unit: the later one replaces the earlier one for
        // the criteria both give (Key); the earlier one is told so.
        var lateFindings: [Finding] = []
        var latest: [String: InputRecord] = [:]
        for record in records where record.included {
            guard let unit = record.unit?.code, let version = record.version else { continue }
            if let current = latest[unit], let v = current.version, !version.isLater(than: v) { continue }
            latest[unit] = record
        }
        var replacedBy: [String: String] = [:]
        for record in records where record.included {
            guard let unit = record.unit, let newest = latest[unit.code], newest.file != record.file,
                  record.version != nil else { continue }
            replacedBy[record.file] = newest.file
            lateFindings.append(Finding(
                rule: .submissionSuperseded, file: record.file, sheet: record.sheet,
                message: "\(unit.name) nộp lại: bản nộp sau thay thế bản trước — tiêu chí có trong \(newest.file) lấy theo bản đó"))
        }

        // Conflicts: rows of the same criterion with other values than the chosen one.
        var conflicts: [Consolidation.Conflict] = []
        if !peers {
            // The first few differing rows are named; all are counted (each one's own line
            // in the account says where its criterion was taken from).
            var others: [Int: (shown: [SourceRef], count: Int, fromInvalid: Bool)] = [:]
            for record in records where record.included {
                for r in store.read(record.start, record.count) where r.hasValues {
                    guard case .criterion(let c) = r.kind else { continue }
                    guard let pick = chosen[c], pick.hash != r.hash,
                          !(pick.source.file == record.file && pick.source.row == Int(r.row)) else { continue }
                    let recordLeads = record.unit.map { leadsByCriterion[c].contains($0.code) } ?? false
                    if pick.key.notLead == 0, !recordLeads {
                        let criterion = flat[c].criterion
                        lateFindings.append(Finding(
                            rule: .valueDiffersFromLead, file: record.file, sheet: record.sheet, cell: nil,
                            code: criterion.code.isEmpty ? criterion.id : criterion.code,
                            message: "Tiêu chí \(criterion.id) ở dòng \(r.row) khác với bản của đơn vị chủ trì (\(pick.source)): dùng giá trị của đơn vị chủ trì, dòng này chỉ để tham khảo"))
                    }
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
                let sameUnitOnly = pick.key.unit != nil && entry.shown.allSatisfy { ref in
                    ref.file != pick.source.file && replacedBy[ref.file] == pick.source.file
                }
                if sameUnitOnly {
                    why = "bản nộp sau thay thế bản trước (dùng \(pick.source.file))"
                } else if pick.key.notLead == 0 { why = "dùng giá trị của đơn vị chủ trì (\(pick.source.file))" }
                else if pick.valid && entry.fromInvalid { why = "dùng giá trị của tệp hợp lệ (\(pick.source.file))" }
                else { why = "dùng giá trị của tệp đứng trước theo thứ tự đầu vào (\(pick.source.file))" }
                conflicts.append(.init(code: criterion.code.isEmpty ? criterion.id : criterion.code, criterionIndex: c, used: pick.source,
                                       others: entry.shown, otherCount: entry.count,
                                       reason: "Tiêu chí \(criterion.id) có \(entry.count + 1) giá trị khác nhau: \(why)"))
            }
        }

        let summary = scoreSummary(rows: rows, records: records, pointsRole: pointsRole, peers: peers)
        var usedPerFile: [String: Int] = [:]
        for (c, pick) in chosen {
            // A group row that is empty, or holds only scores computed from the children,
            // gives nothing (``AccountLedger``'s `empty` and `group` fates).
            if flat[c].criterion.isGroup {
                let onlyScores = !pick.values.contains { !$0.key.isScore && $0.value != nil }
                if pick.key.noValues != 0 || (computedGroups[c] && onlyScores) { continue }
            }
            usedPerFile[pick.source.file, default: 0] += 1
        }
        let ledger = AccountLedger(records: records, store: store, chosen: chosen.mapValues { $0.source }, flat: flat,
                                   replacedBy: replacedBy, peers: peers, computedGroups: computedGroups)
        if peers {
            // Peers: the other rows' scores are in the averages too.
            for record in records where record.included {
                usedPerFile[record.file, default: 0] += ledger.averagedRows(of: record)
            }
        }
        let summaries = records.map { r in
            Consolidation.InputSummary(file: r.file, unit: r.unit?.name, status: r.status, errors: r.errors,
                                       warnings: r.warnings, rowsUsed: usedPerFile[r.file] ?? 0, reason: r.reason)
        }

        return Consolidation(
            framework: framework, layout: layout, year: options.year ?? framework.metadata.year,
            rows: rows, totals: totals, totalMax: totalMax, pointsRole: pointsRole, peers: peers,
            summary: summary, inputs: summaries,
            findings: findings.sorted { $0.0 < $1.0 }.flatMap(\.1) + lateFindings,
            criteriaNotSubmitted: zip(flat, rows).filter { !$0.0.criterion.isGroup && $0.1.source == nil }.map(\.0.criterion),
            conflicts: conflicts,
            ledger: ledger)
    }

    /// The `Tổng hợp điểm` figures: only criteria with a value count as achieved or lost.
    private func scoreSummary(rows: [Consolidation.Row], records: [InputRecord], pointsRole: ColumnRole?,
                              peers: Bool) -> ScoreSummary {
        let bands = framework.bands
        func value(_ c: Int) -> ScoreValue? { pointsRole.flatMap { rows[c].values[$0] } }
        let isScored = { (c: Int) in !rows[c].isGroup && rows[c].criterion.max != nil }

        // Fields: the top-level rows (or the children of a single top-level section).
        let topDepth = rows.filter { $0.depth == 0 }.count == 1 && rows.count > 1 ? 1 : 0
        var fields: [ScoreSummary.Field] = []
        var total = ScoreTally()
        for (i, row) in rows.enumerated() where row.depth == topDepth && (row.max ?? 0) > 0 {
            var tally = ScoreTally()
            var j = i
            repeat {
                if isScored(j) {
                    tally.add(max: rows[j].criterion.max ?? 0, Self.entry(value(j), excluded: frameworkExcludesLeads(j)))
                }
                j += 1
            } while j < rows.count && rows[j].depth > row.depth
            fields.append(.init(code: row.criterion.code, title: row.criterion.title, figures: ScoreFigures(tally, bands: bands)))
        }
        for c in scoredLeaves { total.add(max: rows[c].criterion.max ?? 0, Self.entry(value(c), excluded: frameworkExcludesLeads(c))) }

        // Lead units: status from their files, figures over the criteria they lead.
        var status: [String: ScoreSummary.UnitStatus] = [:]
        var files: [String: [String]] = [:]
        for record in records {
            guard let code = record.unit?.code else { continue }
            files[code, default: []].append(record.file)
            if record.included { status[code] = .submitted }
            else if record.status == .excludedInvalid, status[code] != .submitted { status[code] = .excluded }
        }
        // Never `Chưa nộp` beside points that are counted: a unit whose criteria took values
        // from a file (one that names no unit, or another unit's copy) has submitted.
        for (c, pick) in chosen where pick.key.noValues == 0 && !rows[c].isGroup {
            for code in leadsByCriterion[c] where status[code] != .submitted { status[code] = .submitted }
        }
        let units = framework.units.filter { unit in leadsByCriterion.contains { $0.contains(unit.code) } }.map { unit in
            var tally = ScoreTally()
            for c in scoredLeaves where leadsByCriterion[c].contains(unit.code) {
                tally.add(max: rows[c].criterion.max ?? 0, Self.entry(value(c), excluded: frameworkExcludes(c, unit: unit.code)))
            }
            return ScoreSummary.UnitLine(code: unit.code, name: unit.name, status: status[unit.code] ?? .notSubmitted,
                                         files: files[unit.code] ?? [], figures: ScoreFigures(tally, bands: bands))
        }

        // Peers: each file by its own figures; equal indices share a rank.
        var ranking: [ScoreSummary.RankLine] = []
        if peers, let pointsRole {
            ranking = records.filter(\.included).map { r in
                .init(rank: 0, file: r.file, unit: r.unit?.name ?? r.file,
                      figures: ScoreFigures(r.tallies[pointsRole] ?? ScoreTally(), bands: bands))
            }
            ranking.sort { ($0.figures.index ?? -1, $0.figures.achieved) > ($1.figures.index ?? -1, $1.figures.achieved) }
            for i in ranking.indices {
                ranking[i].rank = i > 0 && ranking[i].figures.index == ranking[i - 1].figures.index ? ranking[i - 1].rank : i + 1
            }
        }
        return ScoreSummary(pointsRole: pointsRole, bands: bands, fields: fields, total: ScoreFigures(total, bands: bands),
                            units: units, ranking: ranking)
    }
}
