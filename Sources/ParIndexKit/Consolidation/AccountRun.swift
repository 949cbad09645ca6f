extension Consolidation {
    /// One line of the account as the `Kiểm tra` sheet shows it: the rows of one file
    /// that fared alike (or one row, or one whole file that has no rows), with the
    /// criteria they stand for. See ``AccountLedger/forEachRun(_:)``.
    public struct AccountRun: Sendable, Equatable {
        public var file: String
        public var sheet: String?
        public var status: Account.Status
        /// The input rows in file order, as ranges of consecutive row numbers; empty for
        /// the line of a file that has no rows (unreadable or skipped).
        public var rows: [ClosedRange<Int>]
        /// The criterion each row stands for, in the order of ``rows``, as ranges of
        /// consecutive positions in framework order (a criterion's `Phụ lục` row is the
        /// first data row plus its position); empty when the rows stand for no criterion.
        public var criteria: [ClosedRange<Int>]
        /// The code of a line of one row.
        public var code: String?
        /// Vietnamese: where the rows went, or why they did not.
        public var detail: String
        /// How many input rows the line holds.
        public var rowCount: Int

        /// The line of one row (or one whole file).
        public init(_ account: Account) {
            file = account.file
            sheet = account.sheet
            status = account.status
            rows = account.row.map { [$0...$0] } ?? []
            criteria = account.criterionIndex.map { [$0...$0] } ?? []
            code = account.code
            detail = account.detail
            rowCount = account.row == nil ? 0 : 1
        }

        /// Adds a row (after the others) and the criterion it stands for (nil in a line
        /// whose rows stand for none).
        mutating func append(row: Int, criterion: Int?) {
            Self.append(row, to: &rows)
            if let criterion { Self.append(criterion, to: &criteria) }
            rowCount += 1
        }

        /// Appends `n` to `ranges`, extending the last range when `n` follows it.
        public static func append(_ n: Int, to ranges: inout [ClosedRange<Int>]) {
            if let last = ranges.last, last.upperBound < Int.max, last.upperBound + 1 == n {
                ranges[ranges.count - 1] = last.lowerBound...n
            } else {
                ranges.append(n...n)
            }
        }

        /// The ranges as a clerk reads them, each shifted by `offset`: `5–12, 14, 20–21`.
        public static func text(_ ranges: [ClosedRange<Int>], offset: Int = 0) -> String {
            var out = ""
            for (i, range) in ranges.enumerated() {
                if i > 0 { out += ", " }
                out += String(range.lowerBound + offset)
                if range.upperBound > range.lowerBound { out += "–" + String(range.upperBound + offset) }
            }
            return out
        }
    }

    /// The account lines, materialized (small runs and tests; the writer streams
    /// ``AccountLedger/forEachRun(_:)``).
    public var accountRuns: [AccountRun] {
        var all: [AccountRun] = []
        ledger.forEachRun { all.append($0) }
        return all
    }
}
