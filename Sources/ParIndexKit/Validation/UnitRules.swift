/// Rules on the lead and co-unit cells: `unit.unknown`, `unit.not-lead`.
///
/// - `unit.unknown`: a name in a lead or co-unit cell that ``UnitDirectory/resolve(_:)``
///   does not know, one finding per name. Collective phrases (`Các phòng, đơn vị liên
///   quan`, ``UnitName/isCollective(_:)``) are fine. The expected value is the unit
///   ``UnitDirectory/suggest(_:)`` proposes, when there is one. Skipped when the framework
///   lists no units.
/// - `unit.not-lead` (warning): a matched row that names its own lead units, and whose
///   set of lead units differs from the framework's lead for that criterion. Units are
///   compared as resolved units (other names, such as collective phrases, by
///   ``UnitName/key(_:)``); names reported by `unit.unknown` are left out, and the rule
///   is skipped when none remains.
enum UnitRules {
    static func check(_ context: ValidationContext, into list: inout FindingList) {
        let directory = context.directory
        for (i, row) in context.rows.enumerated() where context.staleCopyOf[i] == nil {
            if !directory.units.isEmpty {
                for (role, names) in [(ColumnRole.lead, row.lead), (.coop, row.coop)] {
                    for name in names where !UnitName.isCollective(name) && directory.resolve(name) == nil {
                        let suggestion = directory.suggest(name)
                        let message = suggestion.map { "Đơn vị \"\(name)\" không có trong danh sách; có phải \"\($0.name)\"?" }
                            ?? "Đơn vị \"\(name)\" không có trong danh sách đơn vị của bộ tiêu chí"
                        list.add(.unitUnknown, cell: context.cell(role, i), code: context.code(i),
                                 message: message, found: name, expected: suggestion?.name)
                    }
                }
            }
            guard let criterion = context.matched[i]?.criterion, !row.lead.isEmpty else { continue }
            let known = row.lead.filter { UnitName.isCollective($0) || directory.resolve($0) != nil || directory.units.isEmpty }
            guard !known.isEmpty else { continue }
            if keys(known, directory) != keys(criterion.lead, directory) {
                let expected = criterion.lead.isEmpty ? "(không giao đơn vị chủ trì)" : criterion.lead.joined(separator: "; ")
                list.add(.unitNotLead, cell: context.cell(.lead, i), code: context.code(i),
                         message: "Đơn vị chủ trì \(context.label(i)) ghi là \"\(row.lead.joined(separator: "; "))\", khác với bộ tiêu chí: \(expected)",
                         found: row.lead.joined(separator: "; "), expected: expected)
            }
        }
    }

    /// Comparison keys of unit names: the resolved unit's code, else the name's key.
    static func keys(_ names: [String], _ directory: UnitDirectory) -> Set<String> {
        Set(names.map { name in directory.resolve(name).map { "unit:" + $0.code } ?? "name:" + UnitName.key(name) })
    }
}
