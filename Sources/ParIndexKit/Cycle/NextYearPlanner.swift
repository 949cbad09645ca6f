import Foundation

/// What changed between this year's criteria and next year's, as
/// ``NextYearPlanner/plan(framework:scores:newCriteria:)`` merged them.
public struct NextYearReport: Codable, Sendable {
    /// A criterion of one year.
    public struct Entry: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
    }
    /// A criterion present in both years whose điểm chuẩn changed.
    public struct Reweighted: Codable, Equatable, Sendable {
        public var code: String
        public var title: String
        public var oldMax: Double?
        public var newMax: Double?
    }
    /// A criterion matched by its title under another code (renumbered).
    public struct Renumbered: Codable, Equatable, Sendable {
        public var oldCode: String
        public var newCode: String
        public var title: String
    }

    public var year: Int?
    /// New criteria (no score last year).
    public var added: [Entry]
    /// This year's criteria that next year's set no longer has.
    public var removed: [Entry]
    public var reweighted: [Reweighted]
    public var renumbered: [Renumbered]
    /// Leaf criteria whose last-year score was filled.
    public var filled: Int
    /// Leaf criteria present last year without a final score.
    public var withoutScore: [Entry]

    /// Vietnamese lines for the terminal.
    public var lines: [String] {
        var out: [String] = []
        out.append("Điền điểm đạt năm trước cho \(filled) tiêu chí; mục tiêu mặc định bằng điểm chuẩn.")
        for e in added { out.append("Tiêu chí mới: \(e.code) \(e.title)") }
        for e in removed { out.append("Tiêu chí bỏ: \(e.code) \(e.title)") }
        for r in reweighted {
            out.append("Đổi điểm chuẩn: \(r.code) \(r.title): \(r.oldMax.map(ScoreFormat.vietnamese) ?? "—") → \(r.newMax.map(ScoreFormat.vietnamese) ?? "—")")
        }
        for r in renumbered { out.append("Đổi số thứ tự: \(r.oldCode) → \(r.newCode) \(r.title)") }
        for e in withoutScore { out.append("Chưa có điểm năm trước: \(e.code) \(e.title)") }
        return out
    }
}

/// Next year's plan framework from this year's: the same criteria (or a new year's set,
/// merged by title and code) with `prev` (Điểm đạt năm …) set to this year's final
/// scores and `target` (Mục tiêu năm …) defaulting to điểm chuẩn. Its layout is `plan`
/// (seeds 000 and 003), so `template --all` writes next year's plan templates.
public enum NextYearPlanner {
    public static func plan(framework: Framework, scores: ScoreSheet,
                            newCriteria: Framework? = nil) -> (framework: Framework, report: NextYearReport) {
        let thisYear = scores.year ?? framework.metadata.year
        let nextYear = newCriteria?.metadata.year ?? thisYear.map { $0 + 1 }
        var next = newCriteria ?? framework
        if newCriteria == nil {
            next.metadata.title = replaceYear(in: framework.metadata.title, from: thisYear, to: nextYear)
            next.metadata.document = nil
        }
        next.metadata.year = nextYear
        next.metadata.layout = "plan"
        next.metadata.source = scores.source.map { "Kết quả năm \(thisYear.map(String.init) ?? "trước"): \($0)" }
            ?? next.metadata.source
        if newCriteria == nil, next.units.isEmpty { next.units = framework.units }

        // Old criteria by folded title and by id.
        let oldFlat = framework.flattened.map(\.criterion)
        var oldByTitle: [String: [Criterion]] = [:]
        for c in oldFlat { oldByTitle[TextNormalizer.foldKey(c.title), default: []].append(c) }
        let oldByID = Dictionary(oldFlat.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scoreByID = Dictionary(scores.scores.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        var report = NextYearReport(year: nextYear, added: [], removed: [], reweighted: [], renumbered: [],
                                    filled: 0, withoutScore: [])
        var usedOld = Set<String>()
        // First pass: match every new criterion (title first, then id).
        var matchOf: [String: Criterion] = [:]
        let newFlat = next.flattened.map(\.criterion)
        for c in newFlat {
            if let candidates = oldByTitle[TextNormalizer.foldKey(c.title)],
               let old = candidates.first(where: { $0.id == c.id && !usedOld.contains($0.id) })
                ?? candidates.first(where: { !usedOld.contains($0.id) }) {
                matchOf[c.id] = old
                usedOld.insert(old.id)
            }
        }
        for c in newFlat where matchOf[c.id] == nil {
            if let old = oldByID[c.id], !usedOld.contains(old.id) {
                matchOf[c.id] = old
                usedOld.insert(old.id)
            }
        }

        func visit(_ c: inout Criterion) {
            for i in c.children.indices { visit(&c.children[i]) }
            let old = matchOf[c.id]
            if let old {
                if old.id != c.id, old.code != c.code {
                    report.renumbered.append(.init(oldCode: old.code, newCode: c.code, title: c.title))
                }
                let oldMax = old.isGroup ? AppraisalSheet.sumMax(old) : old.max
                let newMax = c.isGroup ? AppraisalSheet.sumMax(c) : c.max
                if !same(oldMax, newMax) {
                    report.reweighted.append(.init(code: c.code, title: c.title, oldMax: oldMax, newMax: newMax))
                }
            } else {
                report.added.append(.init(code: c.code, title: c.title))
            }
            if c.isGroup {
                let prevs = c.children.compactMap(\.prev)
                c.prev = prevs.isEmpty ? nil : prevs.reduce(0, +)
                let targets = c.children.compactMap(\.target)
                c.target = targets.isEmpty ? c.max : targets.reduce(0, +)
            } else {
                c.prev = nil
                if let old, !old.isGroup, let score = scoreByID[old.id] {
                    if let final = score.final {
                        c.prev = final
                        report.filled += 1
                    } else if !score.notApplicable {
                        report.withoutScore.append(.init(code: c.code, title: c.title))
                    }
                }
                c.target = c.max
            }
        }
        for i in next.criteria.indices { visit(&next.criteria[i]) }
        report.removed = oldFlat.filter { !usedOld.contains($0.id) }.map { .init(code: $0.code, title: $0.title) }
        return (next, report)
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) < 1e-9
        default: false
        }
    }

    /// `… năm 2023` → `… năm 2024`; without the year in the text, appends ` năm 2024`.
    static func replaceYear(in title: String, from old: Int?, to new: Int?) -> String {
        guard let new else { return title }
        if let old, title.contains(String(old)) {
            return title.replacingOccurrences(of: String(old), with: String(new))
        }
        return title + " năm \(new)"
    }
}
