/// One row of a unit's template: a criterion the unit leads, or a group above one.
public struct TemplateRow: Equatable, Sendable {
    public let criterion: Criterion
    /// Depth in the criteria tree (0 for a top-level field).
    public let depth: Int
    /// True when the unit leads this criterion.
    public let isLed: Bool
    /// True for a led criterion that is not a group: its to-fill cells are open for input.
    /// Group rows (with children) are shown for context, bold and locked.
    public var isInput: Bool { isLed && !criterion.isGroup }
}

/// Which criteria a unit leads, and the rows of its template.
public struct TemplateRowSelector: Sendable {
    public let framework: Framework
    public let directory: UnitDirectory
    /// Criterion id → codes of the units its lead names resolve to (resolved once).
    private let leadCodes: [String: Set<String>]

    public init(framework: Framework) {
        self.framework = framework
        let directory = UnitDirectory(units: framework.units)
        self.directory = directory
        var leadCodes: [String: Set<String>] = [:]
        for item in framework.flattened {
            leadCodes[item.criterion.id, default: []].formUnion(item.criterion.lead.compactMap { directory.resolve($0)?.code })
        }
        self.leadCodes = leadCodes
    }

    /// True when one of the criterion's lead names resolves to `unit`.
    public func leads(_ criterion: Criterion, unit: Unit) -> Bool {
        leadCodes[criterion.id]?.contains(unit.code)
            ?? criterion.lead.contains { directory.resolve($0)?.code == unit.code }
    }

    /// The criteria `unit` leads plus all their ancestors, in framework order (depth first).
    public func rows(for unit: Unit) -> [TemplateRow] {
        func visit(_ criterion: Criterion, depth: Int) -> [TemplateRow] {
            let below = criterion.children.flatMap { visit($0, depth: depth + 1) }
            let led = leads(criterion, unit: unit)
            guard led || !below.isEmpty else { return [] }
            return [TemplateRow(criterion: criterion, depth: depth, isLed: led)] + below
        }
        return framework.criteria.flatMap { visit($0, depth: 0) }
    }

    /// The units of the framework that lead at least one criterion, in the framework's order.
    public func leadUnits() -> [Unit] {
        let leading = leadCodes.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        return framework.units.filter { leading.contains($0.code) }
    }

    /// The unit written as `text` (code, name or alias, any spelling); throws a
    /// ``TemplateError`` listing the known codes when there is none.
    public func unit(named text: String) throws -> Unit {
        if let unit = directory.resolve(text) { return unit }
        let codes = framework.units.map(\.code).joined(separator: ", ")
        var reason = "không có đơn vị này trong bộ tiêu chí"
        if let guess = directory.suggest(text) { reason += " (có phải \(guess.code) — \(guess.name)?)" }
        reason += codes.isEmpty ? "; bộ tiêu chí chưa khai báo đơn vị nào" : "; các mã đơn vị đã biết: \(codes)"
        throw TemplateError(reason)
    }
}
