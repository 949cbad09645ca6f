/// The one criterion identity, shared by ``FrameworkImporter`` (which names the criteria
/// of an imported table) and ``CriterionMatch`` (which finds the criterion each row of a
/// submission stands for), so a table always matches the framework imported from it.
///
/// A row's id is its normalized code (`1.`, `1` → `1`); a row whose code is a bullet or
/// empty gets `<parent's id>-<n>`, `n` counting such rows under the same parent row in
/// order (`0-<n>` without a parent), the parent's id taken without its repeat suffix;
/// the k-th row with an id already used gets `<id>#<k>`. For codes `1, 1.2, -, 1.2, -`
/// the ids are `1, 1.2, 1.2-1, 1.2#2, 1.2-1#2`.
enum CriterionIDs {
    /// One row's identity.
    struct Identity: Hashable, Sendable {
        /// The id without the repeat suffix.
        var base: String
        /// 1 for the first row with this base, 2 for the second…
        var occurrence: Int
        /// `base`, or `base#occurrence` for a repeat.
        var id: String { occurrence == 1 ? base : "\(base)#\(occurrence)" }
    }

    /// Every row's identity, in row order.
    static func identities(for rows: [TableRow]) -> [Identity] {
        var generator = Generator()
        return rows.map { generator.take($0) }
    }

    /// Gives rows their identities one at a time, in row order; a row can be passed over
    /// (it then takes no bullet number and no id), as ``CriterionMatch`` does for rows it
    /// sets aside.
    struct Generator {
        private var bases: [String] = []
        private var bulletCount: [Int: Int] = [:]
        private var used: [String: Int] = [:]

        /// The identity the next row would take, without taking it.
        func peek(_ row: TableRow) -> Identity {
            var base = row.parsedCode.normalized
            if base.isEmpty {
                let parentID = row.parent.map { $0 < bases.count ? bases[$0] : "0" } ?? "0"
                base = "\(parentID)-\((bulletCount[row.parent ?? -1] ?? 0) + 1)"
            }
            return Identity(base: base, occurrence: (used[base] ?? 0) + 1)
        }

        /// The next row's identity.
        mutating func take(_ row: TableRow) -> Identity {
            let identity = peek(row)
            if row.parsedCode.isUnnumbered { bulletCount[row.parent ?? -1, default: 0] += 1 }
            bases.append(identity.base)
            used[identity.base] = identity.occurrence
            return identity
        }

        /// Passes over the next row.
        mutating func skip() { bases.append("") }
    }

    /// Every row's id (with its repeat suffix), in row order.
    static func ids(for rows: [TableRow]) -> [String] { identities(for: rows).map(\.id) }
}
