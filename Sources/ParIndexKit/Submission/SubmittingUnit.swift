/// Which unit sent a submission, told from the file itself, in this order:
/// 1. the template identity's unit;
/// 2. a unit named after a label such as `Đơn vị:`, `Tên đơn vị:`, `Cơ quan:` on a cover
///    sheet or in the lines above the table;
/// 3. the rows that carry the unit's own values (a score to fill, or evidence): the single
///    most common lead unit of those rows — as written in the lead column, else the
///    framework's (a unit that copied the whole appendix fills only its own rows);
/// 4. the single most common lead unit of all rows;
/// 5. a single unit whose name appears in the cover sheet or the title lines (a free-form
///    file titled `PHÒNG TƯ PHÁP … BẢNG TỰ CHẤM ĐIỂM`).
/// Nil when it cannot be told (none, or a tie).
extension Submission {
    /// The unit that sent the file (see above). `matched` is the rows' criteria, when known.
    public func unit(in directory: UnitDirectory, matched: [FlatCriterion?]? = nil) -> Unit? {
        if let code = identity?.unitCode, let unit = directory.resolve(code) { return unit }
        if let unit = labelledUnit(in: directory) { return unit }
        let rows = table.rows
        // 3. Rows carrying the unit's own values.
        var counts: [String: Int] = [:]
        for (i, row) in rows.enumerated() where Self.carriesOwnValues(row) {
            var names = row.lead
            if names.isEmpty, let matched, i < matched.count, let criterion = matched[i]?.criterion,
               criterion.children.isEmpty {
                names = criterion.lead
            }
            for code in Set(names.compactMap { directory.resolve($0)?.code }) { counts[code, default: 0] += 1 }
        }
        if let unit = Self.single(counts, directory) { return unit }
        // 4. All rows' lead column.
        counts = [:]
        for row in rows {
            for name in row.lead { if let u = directory.resolve(name) { counts[u.code, default: 0] += 1 } }
        }
        if !counts.isEmpty { return Self.single(counts, directory) }
        // 5. A unit named in the cover or title lines.
        var named = Set<String>()
        for line in table.coverLines + table.titleLines {
            let key = " " + UnitName.key(line) + " "
            for unit in directory.units {
                let names = ([unit.name] + unit.aliases).map(UnitName.key).filter { $0.count >= 6 }
                if names.contains(where: { key.contains(" " + $0 + " ") }) { named.insert(unit.code) }
            }
        }
        return named.count == 1 ? directory.resolve(named.first!) : nil
    }

    /// A unit written after `Đơn vị:` (or `Tên đơn vị:`, `Đơn vị báo cáo:`, `Cơ quan:`,
    /// `Phòng:`) on the cover sheet or above the table.
    func labelledUnit(in directory: UnitDirectory) -> Unit? {
        var found = Set<String>()
        for line in table.coverLines + table.titleLines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = TextNormalizer.foldKey(String(line[..<colon]))
            guard Self.unitLabels.contains(where: { label == $0 || label.hasSuffix(" " + $0) }) else { continue }
            var value = String(line[line.index(after: colon)...])
            // `Đơn vị: Phòng Tư pháp   Năm: 2023` on one line: stop at the next label.
            if let next = value.range(of: "  ") { value = String(value[..<next.lowerBound]) }
            let cleaned = TextNormalizer.clean(value)
            if let unit = directory.resolve(cleaned) ?? directory.suggest(cleaned) { found.insert(unit.code); continue }
            let key = " " + UnitName.key(cleaned) + " "
            for unit in directory.units {
                let names = ([unit.name] + unit.aliases).map(UnitName.key).filter { $0.count >= 4 }
                if names.contains(where: { key.contains(" " + $0 + " ") }) { found.insert(unit.code) }
            }
        }
        return found.count == 1 ? directory.resolve(found.first!) : nil
    }

    static let unitLabels = ["don vi", "ten don vi", "don vi bao cao", "don vi thuc hien", "co quan", "ten co quan",
                             "co quan bao cao", "phong", "don vi tu cham", "don vi tu danh gia"]

    /// A row with a value the unit fills itself: a self-assessed, target or appraised
    /// score, or evidence.
    static func carriesOwnValues(_ row: TableRow) -> Bool {
        row.scores[.selfScore] != nil || row.scores[.target] != nil || row.scores[.appraised] != nil
            || row.texts[.evidence] != nil
    }

    /// The unit with the highest count, when a single one has it.
    static func single(_ counts: [String: Int], _ directory: UnitDirectory) -> Unit? {
        guard let best = counts.values.max() else { return nil }
        let leaders = counts.filter { $0.value == best }
        return leaders.count == 1 ? directory.resolve(leaders.first!.key) : nil
    }
}
