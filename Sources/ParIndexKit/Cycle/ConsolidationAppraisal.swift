extension Consolidation {
    /// This consolidation with an appraisal applied (`consolidate --appraisal FILE`): a
    /// `Điểm thẩm định` column after the self-assessed one, the appraised scores on their
    /// criteria (groups and `Tổng cộng` summed), the `Tổng hợp điểm` figures over the final
    /// scores — appraised where present, else self-assessed — and the appraisal's findings
    /// (`appraisal.lowered` / `appraisal.raised` with both scores, unusable cells) added to
    /// `Kiểm tra`.
    public func applying(_ reading: AppraisalReading) -> Consolidation {
        var c = self
        let applied = AppraisalReader.apply(reading, to: ScoreSheetReader.sheet(from: self))
        let byID = Dictionary(applied.scores.scores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        if c.layout.column(.appraised) == nil {
            let at = c.layout.columns.firstIndex { $0.role == .selfScore }.map { $0 + 1 } ?? c.layout.columns.count
            let format = c.layout.column(.selfScore)?.numberFormat ?? "0.00"
            c.layout.columns.insert(LayoutColumn(role: .appraised, header: ColumnRole.appraised.headerTemplate,
                                                 width: 10, numberFormat: format), at: at)
        }
        for i in c.rows.indices where !c.rows[i].isGroup {
            if let a = byID[c.rows[i].criterion.id]?.appraised { c.rows[i].values[.appraised] = .number(a) }
        }
        // Groups: the sum of their children's appraised scores, bottom-up.
        for i in c.rows.indices.reversed() where c.rows[i].isGroup {
            var sum: Double?
            var j = i + 1
            while j < c.rows.count, c.rows[j].depth > c.rows[i].depth {
                if c.rows[j].depth == c.rows[i].depth + 1, let n = c.rows[j].values[.appraised]?.number { sum = (sum ?? 0) + n }
                j += 1
            }
            if let sum { c.rows[i].values[.appraised] = .number(sum) }
        }
        let topDepth = c.rows.filter { $0.depth == 0 }.count == 1 && c.rows.count > 1 ? 1 : 0
        c.totals[.appraised] = c.rows.filter { $0.depth == topDepth }.compactMap { $0.values[.appraised]?.number }.reduce(0, +)

        // Tổng hợp điểm over the final scores.
        let bands = framework.bands
        let directory = UnitDirectory(units: framework.units)
        func tally(_ ids: [String], unit: Unit? = nil) -> ScoreFigures {
            var t = ScoreTally()
            for id in ids {
                guard let s = byID[id], let max = s.max else { continue }
                let criterion = framework.flattened.first { $0.criterion.id == id }?.criterion
                let excluded = s.notApplicable || (unit != nil && criterion?.notApplicable?.excludes(unit, in: directory) == true)
                t.add(max: max, excluded ? .notApplicable : s.final.map { .scored($0) } ?? .missing)
            }
            return ScoreFigures(t, bands: bands)
        }
        let fields = ResultFields.fields(of: framework)
        c.summary.fields = fields.compactMap { field, _ in
            let ids = field.flattened().filter { !$0.criterion.isGroup }.map(\.criterion.id)
            let figures = tally(ids)
            return figures.max > 0 ? ScoreSummary.Field(code: field.code, title: field.title, figures: figures) : nil
        }
        c.summary.total = tally(applied.scores.scores.map(\.id))
        for k in c.summary.units.indices {
            guard let unit = directory.resolve(c.summary.units[k].code) else { continue }
            let led = framework.flattened.filter { item in
                !item.criterion.isGroup && item.criterion.lead.contains { directory.resolve($0)?.code == unit.code }
            }.map(\.criterion.id)
            c.summary.units[k].figures = tally(led, unit: unit)
        }
        if applied.scores.appraisedCount > 0 {
            c.pointsRole = .appraised
            c.summary.pointsRole = .appraised
        }
        c.findings += reading.findings + applied.findings
        return c
    }
}
