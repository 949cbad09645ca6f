/// What every per-file step needs from a framework, computed once per run: the criteria
/// depth first, the first criterion of each id with its position, the unit directory and
/// the framework's version hash.
public struct FrameworkIndex: Sendable {
    public let framework: Framework
    public let flat: [FlatCriterion]
    /// Criterion id → the first criterion with that id.
    public let byID: [String: FlatCriterion]
    /// Criterion id → its position in ``flat``.
    public let position: [String: Int]
    public let directory: UnitDirectory
    /// ``FrameworkStore/versionHash(_:)``.
    public let hash: String

    public init(_ framework: Framework) {
        self.framework = framework
        flat = framework.flattened
        var byID: [String: FlatCriterion] = [:]
        var position: [String: Int] = [:]
        for (i, item) in flat.enumerated() where byID[item.criterion.id] == nil {
            byID[item.criterion.id] = item
            position[item.criterion.id] = i
        }
        self.byID = byID
        self.position = position
        directory = UnitDirectory(units: framework.units)
        hash = FrameworkStore.versionHash(framework)
    }
}
