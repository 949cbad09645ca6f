/// Levenshtein distance on Unicode scalars, used for typo tolerance on folded keys.
public enum EditDistance {
    /// The number of single-scalar insertions, deletions and substitutions turning `a`
    /// into `b`. With `limit`, returns `limit + 1` as soon as the distance must exceed it.
    public static func between(_ a: String, _ b: String, limit: Int? = nil) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let cap = limit.map { max(0, $0) + 1 } ?? Int.max
        if let limit, abs(x.count - y.count) > limit { return cap }
        if x.isEmpty { return min(y.count, cap) }
        if y.isEmpty { return min(x.count, cap) }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMin = min(rowMin, current[j])
            }
            if rowMin >= cap { return cap }
            swap(&previous, &current)
        }
        return min(previous[y.count], cap)
    }
}
