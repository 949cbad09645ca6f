/// Every input row's fate, kept compactly and put into words only while the `Kiểm tra`
/// sheet is written: one ``Consolidation/Account`` per row (``forEach(_:)``), or the rows
/// of each file that fared alike gathered into one ``Consolidation/AccountRun``
/// (``forEachRun(_:)``, what the sheet shows).
public struct AccountLedger: Sendable {
    let records: [ConsolidationBuilder.InputRecord]
    let store: LedgerStore
    let chosen: [Int: SourceRef]
    let flat: [FlatCriterion]
    /// Plain-file returns replaced by a later return of the same unit → that later file.
    var replacedBy: [String: String] = [:]
    /// The submissions are peers: the `Phụ lục` shows the average of every file's scores.
    var peers = false
    /// Per criterion position: a group whose scores on the `Phụ lục` are computed from its
    /// children (``ConsolidationRules/computedGroups(_:roles:)``), not taken from a file.
    var computedGroups: [Bool] = []

    /// Number of input rows accounted for (a file with no rows — unreadable or skipped —
    /// counts as one).
    public var count: Int { records.reduce(0) { $0 + max(1, $1.count) } }

    /// How a criterion row fared, without the criterion: rows of one file with the same
    /// kind share one line of the account.
    enum Kind: Hashable {
        /// An earlier version of the unit's return (campaign store).
        case superseded
        /// The file has errors and is left out.
        case excluded
        /// The row's values went to the `Phụ lục`.
        case used(fromInvalid: Bool)
        /// The row has nothing to consolidate (a group row, or left empty).
        case empty
        /// A later return of the same unit gave the criterion.
        case replaced
        /// Another row gave the criterion (`source`: its file).
        case notUsed(source: String?)
        /// Peers: another file's row was taken, and this row's scores are in the average.
        case averaged
        /// A group row holding only scores: the `Phụ lục` computes the group's scores from
        /// its children, so nothing is taken from the row (whichever file it is in).
        case group
        /// A not-data row (see ``Fate/note(what:_:)``).
        case note(String)

        var status: Consolidation.Account.Status {
            switch self {
            case .superseded, .replaced: .superseded
            case .excluded: .excludedInvalid
            case .used, .averaged: .used
            case .empty, .note, .group: .skipped
            case .notUsed: .notUsed
            }
        }
    }

    /// One row's fate: its own words, or a criterion row of a kind.
    private enum Fate {
        case own(Consolidation.Account)
        case criterion(Int, Kind)
        /// A not-data row whose note reads `Dòng N <what>`: rows of a file with the same
        /// `<what>` (signature rows after the total…) share a line.
        case note(what: String, Consolidation.Account)
    }

    /// The line of a file that has no rows (unreadable or skipped), if it is one.
    private func wholeFile(_ record: ConsolidationBuilder.InputRecord) -> Consolidation.Account? {
        switch record.status {
        case .unreadable: .init(file: record.file, status: .unreadable, detail: "Không đọc được tệp: \(record.reason ?? "")")
        case .skipped: .init(file: record.file, status: .skipped, detail: record.reason ?? "")
        default: nil
        }
    }

    private func fate(_ r: RowRecord, in record: ConsolidationBuilder.InputRecord) -> Fate {
        let row = Int(r.row)
        let text = record.texts[r.row]
        switch r.kind {
        case .note:
            let account = Consolidation.Account(file: record.file, sheet: record.sheet, row: row, status: .skipped, detail: text ?? "")
            let prefix = "Dòng \(row) "
            guard let text, text.hasPrefix(prefix), text.utf8.count > prefix.utf8.count else { return .own(account) }
            return .note(what: String(text.dropFirst(prefix.count)), account)
        case .duplicate:
            let first = record.firstRows[r.row].map { String($0) } ?? ""
            return .own(.init(file: record.file, sheet: record.sheet, row: row, code: text,
                              status: record.status == .superseded ? .superseded : .notUsed,
                              detail: "Tiêu chí đã có ở dòng \(first) của cùng tệp: dòng trùng không được tổng hợp (xem lỗi criterion.duplicate)"))
        case .unknown:
            return .own(.init(file: record.file, sheet: record.sheet, row: row, code: text,
                              status: record.status == .superseded ? .superseded : .notUsed,
                              detail: "Mã \"\(text ?? "")\" không có trong bộ tiêu chí: không tổng hợp (xem lỗi criterion.unknown)"))
        case .explanation:
            let parts = (text ?? "").split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let explained = record.firstRows[r.row].map { String($0) } ?? ""
            return .own(.init(file: record.file, sheet: record.sheet, row: row, code: nil, status: .skipped,
                              detail: "Dòng giải trình của tiêu chí \(parts.first ?? "") (dòng \(explained)), không tổng hợp: \"\(parts.count > 1 ? parts[1] : "")\""))
        case .stale:
            let visible = record.firstRows[r.row].map { String($0) } ?? ""
            return .own(.init(file: record.file, sheet: record.sheet, row: row, code: text, status: .notUsed,
                              detail: "Dòng ẩn, bản cũ của dòng \(visible): không dùng, kể cả với --include-invalid (xem row.hidden-stale)"))
        case .criterion(let c):
            if record.status == .superseded { return .criterion(c, .superseded) }
            if r.excluded { return .criterion(c, .excluded) }
            // A group row gives the Phụ lục nothing when empty, nor when its scores are
            // computed from the children: the same fate in every file, chosen or not.
            if flat[c].criterion.isGroup && !r.hasValues { return .criterion(c, .empty) }
            if isComputedGroup(r, c) { return .criterion(c, .group) }
            if let pick = chosen[c], pick.file == record.file, pick.row == row {
                return .criterion(c, .used(fromInvalid: record.errors > 0))
            }
            if !r.hasValues { return .criterion(c, .empty) }
            if let newer = replacedBy[record.file], let pick = chosen[c], pick.file == newer { return .criterion(c, .replaced) }
            if isAveraged(r, c) { return .criterion(c, .averaged) }
            return .criterion(c, .notUsed(source: chosen[c]?.file))
        }
    }

    /// Peers: a scored leaf row of an included file, not the one whose other columns were
    /// taken, goes into the criterion's average (group rows are sums of their children).
    private func isAveraged(_ r: RowRecord, _ c: Int) -> Bool {
        peers && r.scored && !r.excluded && !flat[c].criterion.isGroup
    }

    /// A group row with values, none outside the score columns, whose `Phụ lục` scores are
    /// computed from the children: its fate is ``Kind/group`` in every file.
    private func isComputedGroup(_ r: RowRecord, _ c: Int) -> Bool {
        r.hasValues && !r.otherValues && c < computedGroups.count && computedGroups[c]
    }

    /// Peers: how many rows of a file the account shows as in the averages (``Kind/averaged``).
    func averagedRows(of record: ConsolidationBuilder.InputRecord) -> Int {
        guard peers, record.status == .used else { return 0 }
        var n = 0
        for r in store.read(record.start, record.count) {
            if case .criterion(_, .averaged) = fate(r, in: record) { n += 1 }
        }
        return n
    }

    /// The account line of one criterion row (its detail built once per criterion and kind).
    private func account(_ c: Int, _ kind: Kind, row: Int, record: ConsolidationBuilder.InputRecord,
                         details: inout DetailCache) -> Consolidation.Account {
        let criterion = flat[c].criterion
        let detail: String
        switch kind {
        case .superseded:
            detail = "Phiên bản cũ: \(record.reason ?? "đã có phiên bản mới hơn"); dòng không được tổng hợp"
        case .excluded:
            detail = "Tệp có lỗi: dòng không được tổng hợp (dùng --include-invalid để gộp)"
        case .used(let fromInvalid):
            detail = details.get(.used(fromInvalid: fromInvalid), c) {
                "Tổng hợp vào tiêu chí \(criterion.id)\(fromInvalid ? ", từ tệp có lỗi" : "")"
            }
        case .empty:
            detail = details.get(.empty, c) {
                "Dòng \(criterion.id) không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)"
            }
        case .replaced:
            detail = details.get(.replaced, c) { "Bản nộp sau thay thế bản trước: tiêu chí \(criterion.id) lấy từ \(chosen[c].map(\.description) ?? "")" }
        case .note(let what):
            detail = "Dòng \(row) \(what)"
        case .group:
            detail = details.get(.group, c) {
                "Dòng nhóm \(criterion.id): điểm ở Phụ lục được tính từ các tiêu chí con, không lấy từ dòng này"
            }
        case .averaged:
            detail = details.get(.averaged, c) {
                "Điểm tiêu chí \(criterion.id) được tính vào điểm trung bình của các tệp cùng cấp"
            }
        case .notUsed:
            detail = details.get(.notUsed, c) {
                let from = chosen[c].map { " đã lấy từ \($0)" } ?? ""
                return "Tiêu chí \(criterion.id)\(from); dòng này không được dùng"
            }
        }
        return .init(file: record.file, sheet: record.sheet, row: row, code: criterion.code, status: kind.status,
                     detail: detail, criterionIndex: c)
    }

    /// The words of a line gathering several criterion rows of one kind.
    private func runDetail(_ kind: Kind, record: ConsolidationBuilder.InputRecord) -> String {
        switch kind {
        case .superseded:
            "Phiên bản cũ: \(record.reason ?? "đã có phiên bản mới hơn"); các dòng không được tổng hợp"
        case .excluded:
            "Tệp có lỗi: các dòng không được tổng hợp (dùng --include-invalid để gộp)"
        case .used(let fromInvalid):
            "Tổng hợp vào các tiêu chí ở cột \"Dòng ở Phụ lục\", theo cùng thứ tự\(fromInvalid ? ", từ tệp có lỗi" : "")"
        case .empty:
            "Các dòng không có số liệu cần tổng hợp (dòng nhóm để tham khảo, hoặc để trống)"
        case .replaced:
            "Bản nộp sau thay thế bản trước: các tiêu chí này lấy từ \(replacedBy[record.file] ?? "bản nộp sau")"
        case .note(let what):
            "Các dòng \(what)"
        case .group:
            "Dòng nhóm: điểm ở Phụ lục được tính từ các tiêu chí con, không lấy từ các dòng này"
        case .averaged:
            "Điểm các tiêu chí này được tính vào điểm trung bình của các tệp cùng cấp (cột \"Dòng ở Phụ lục\", theo cùng thứ tự)"
        case .notUsed(let source):
            source.map { "Các tiêu chí này đã lấy từ \($0); các dòng này không được dùng" }
                ?? "Các dòng này không được dùng"
        }
    }

    /// Calls `body` with each input row's account line: by file in input order, then by row.
    public func forEach(_ body: (Consolidation.Account) throws -> Void) rethrows {
        // The details of criterion rows depend only on the criterion (and the file's
        // errors): built once per criterion, not once per row.
        var details = DetailCache(count: flat.count)
        for record in records {
            if let whole = wholeFile(record) { try body(whole); continue }
            for r in store.read(record.start, record.count) {
                switch fate(r, in: record) {
                case .own(let account), .note(_, let account): try body(account)
                case .criterion(let c, let kind): try body(account(c, kind, row: Int(r.row), record: record, details: &details))
                }
            }
        }
    }

    /// Calls `body` with the lines of the account: by file in input order, and within a
    /// file one line per kind of fate (rows used, rows left empty, rows taken from another
    /// file, not-data rows with the same note…) listing its rows, then one line for each
    /// row with words of its own (duplicates, unknown codes, explanations, stale copies),
    /// every line placed at its first row. A line of one row is that row's own ``Consolidation/Account``. Every
    /// input row is on exactly one line.
    public func forEachRun(_ body: (Consolidation.AccountRun) throws -> Void) rethrows {
        var details = DetailCache(count: flat.count)
        var lines: [Consolidation.AccountRun] = []
        var open: [Kind: Int] = [:]
        for record in records {
            if let whole = wholeFile(record) { try body(.init(whole)); continue }
            lines.removeAll(keepingCapacity: true)
            open.removeAll(keepingCapacity: true)
            // Row `row` joins the open line of its kind (which, once it holds two rows, takes
            // the kind's words and, for criteria, no single code), or opens one with `first`.
            func join(_ kind: Kind, row: Int, criterion: Int?, first: () -> Consolidation.Account) {
                if let i = open[kind] {
                    if lines[i].rowCount == 1 {
                        lines[i].detail = runDetail(kind, record: record)
                        if criterion != nil { lines[i].code = nil }
                    }
                    lines[i].append(row: row, criterion: criterion)
                } else {
                    open[kind] = lines.count
                    lines.append(.init(first()))
                }
            }
            for r in store.read(record.start, record.count) {
                switch fate(r, in: record) {
                case .own(let account):
                    lines.append(.init(account))
                case .note(let what, let account):
                    join(.note(what), row: Int(r.row), criterion: nil) { account }
                case .criterion(let c, let kind):
                    join(kind, row: Int(r.row), criterion: c) {
                        account(c, kind, row: Int(r.row), record: record, details: &details)
                    }
                }
            }
            for line in lines { try body(line) }
        }
    }
}

/// The detail texts of criterion rows in the account, built once per criterion and kind.
struct DetailCache {
    enum Kind: Int, CaseIterable {
        case used, usedFromInvalid, empty, replaced, notUsed, averaged, group
        static func used(fromInvalid: Bool) -> Kind { fromInvalid ? .usedFromInvalid : .used }
    }

    private var texts: [String?]
    private let count: Int

    init(count: Int) {
        self.count = count
        texts = Array(repeating: nil, count: count * Kind.allCases.count)
    }

    mutating func get(_ kind: Kind, _ criterion: Int, _ make: () -> String) -> String {
        let slot = kind.rawValue * count + criterion
        if let text = texts[slot] { return text }
        let text = make()
        texts[slot] = text
        return text
    }
}
