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
        var bases: [String] = []
        var bulletCount: [Int: Int] = [:]
        var used: [String: Int] = [:]
        var out: [Identity] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            var base = row.parsedCode.normalized
            if base.isEmpty {
                let parentID = row.parent.map { bases[$0] } ?? "0"
                let n = (bulletCount[row.parent ?? -1] ?? 0) + 1
                bulletCount[row.parent ?? -1] = n
                base = "\(parentID)-\(n)"
            }
            bases.append(base)
            let occurrence = (used[base] ?? 0) + 1
            used[base] = occurrence
            out.append(Identity(base: base, occurrence: occurrence))
        }
        return out
    }

    /// Every row's id (with its repeat suffix), in row order.
    static func ids(for rows: [TableRow]) -> [String] { identities(for: rows).map(\.id) }
}
