/// The framework id each row of an imported table gets: its normalized code, or for rows with
/// a bullet or no code `<parent id>-<n>`, as ``FrameworkImporter`` numbers them.
enum CriterionIDs {
    static func ids(for rows: [TableRow]) -> [String] {
        var ids: [String] = []
        var bulletCount: [Int: Int] = [:]
        for row in rows {
            var id = row.parsedCode.normalized
            if id.isEmpty {
                let parentID = row.parent.map { ids[$0] } ?? "0"
                let n = (bulletCount[row.parent ?? -1] ?? 0) + 1
                bulletCount[row.parent ?? -1] = n
                id = "\(parentID)-\(n)"
            }
            ids.append(id)
        }
        return ids
    }
}
