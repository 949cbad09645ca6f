import ParIndexKit

/// A unit of the framework (Foundation also has a `Unit`).
typealias Unit = ParIndexKit.Unit
