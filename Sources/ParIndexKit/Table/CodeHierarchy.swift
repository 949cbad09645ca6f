/// The parent/child structure of a table's rows, derived from their STT codes in order.
///
/// Rules, applied row by row:
/// - a section (`A`) is a root; it contains what follows until the next section;
/// - a Roman group without parts (`I`, `V`) is a child of the current section (else a root);
///   `III.1` is a child of the nearest `III` in the same section, else of the section;
///   `III.1.2` of `III.1` when present;
/// - a numeric code `1.2.3` is a child of the nearest preceding `1.2`, else `1`, within the
///   current container (the latest section or Roman group), else of that container;
/// - a bullet, lettered item or empty code is a child of the nearest structural row above;
/// - free text (`Tổng cộng …`) is a root and ends the run bullets can attach to.
public struct CodeHierarchy: Sendable {
    /// The codes, one per row.
    public let codes: [CriterionCode]
    /// Each row's parent row index, nil for roots.
    public let parents: [Int?]
    /// Each row's depth: 0 for roots.
    public let depths: [Int]

    /// Builds the hierarchy of rows whose STT texts are `texts`, in table order.
    public init(parsing texts: [String]) {
        self.init(codes: texts.map(CriterionCode.init(parsing:)))
    }

    /// Builds the hierarchy of rows with the given codes, in table order.
    public init(codes: [CriterionCode]) {
        var parents: [Int?] = []
        var depths: [Int] = []
        var section: Int?
        var romanTops: [Int: Int] = [:]        // Roman value → row of `III`
        var romanPaths: [[Int]: Int] = [:]     // [value] + parts → row
        var group: Int?                        // latest Roman group in the current section
        var numbered: [[Int]: Int] = [:]       // numeric path → latest row, in the container
        var anchor: Int?                       // nearest structural row

        for (index, code) in codes.enumerated() {
            var parent: Int?
            switch code {
            case .section:
                parent = nil
                section = index
                romanTops = [:]; romanPaths = [:]; group = nil; numbered = [:]
                anchor = index
            case let .roman(value, parts):
                if parts.isEmpty {
                    parent = section
                    romanTops[value] = index
                } else {
                    parent = nil
                    for k in stride(from: parts.count - 1, through: 1, by: -1) {
                        if let row = romanPaths[[value] + parts.prefix(k)] { parent = row; break }
                    }
                    parent = parent ?? romanTops[value] ?? section
                }
                romanPaths[[value] + parts] = index
                group = index
                numbered = [:]
                anchor = index
            case let .numeric(path):
                for k in stride(from: path.count - 1, through: 1, by: -1) {
                    if let row = numbered[Array(path.prefix(k))] { parent = row; break }
                }
                parent = parent ?? group ?? section
                numbered[path] = index
                anchor = index
            case .bullet, .item, .none:
                parent = anchor
            case .text:
                parent = nil
                anchor = nil
            }
            parents.append(parent)
            depths.append(parent.map { depths[$0] + 1 } ?? 0)
        }
        self.codes = codes
        self.parents = parents
        self.depths = depths
    }

    /// The parent row of row `index`, nil for a root.
    public func parent(of index: Int) -> Int? { parents[index] }

    /// The depth of row `index`: 0 for a root.
    public func depth(of index: Int) -> Int { depths[index] }

    /// The rows whose parent is `index`, in order.
    public func children(of index: Int) -> [Int] {
        parents.indices.filter { parents[$0] == index }
    }

    /// The rows without a parent, in order.
    public var roots: [Int] {
        parents.indices.filter { parents[$0] == nil }
    }
}
