/// What `inspect --table --json` prints: the recognised criteria table. Like
/// ``WorkbookListing`` its bytes are exactly ``ReportJSON/compactEncoder()``'s encoding of
/// this value with a line break before each row (keys sorted; absent values as `null`,
/// except `joinedRows`, present only when a row continues on others).
public struct TableListing: Codable, Equatable, Sendable {
    /// Column roles recognised (`code`, `title`, `self`…) → the header text of their column.
    public var columns: [String: String]
    public var file: String
    /// Row number of the header row, from 1.
    public var headerRow: Int
    /// What recognition noticed (repeated headers, a total row…), in sheet order.
    public var notes: [Note]
    /// The criteria rows, in sheet order.
    public var rows: [Row]
    public var sheet: String

    /// One criterion row.
    public struct Row: Codable, Equatable, Sendable {
        public var appraised: WorkbookListing.Scalar?
        public var code: String
        /// Co-operating units as written.
        public var coop: [String]
        public var deadline: String?
        public var evidence: String?
        /// Further sheet rows this row's text continues on.
        public var joinedRows: [Int]?
        /// Lead units as written.
        public var lead: [String]
        public var max: WorkbookListing.Scalar?
        public var note: String?
        /// The code of the parent row.
        public var parent: String?
        public var person: String?
        public var prev: WorkbookListing.Scalar?
        public var row: Int
        public var selfScore: WorkbookListing.Scalar?
        public var sheet: String
        public var target: WorkbookListing.Scalar?
        public var tasks: String?
        public var title: String?

        enum CodingKeys: String, CodingKey {
            case appraised, code, coop, deadline, evidence, joinedRows, lead, max, note, parent, person, prev, row
            case selfScore = "self"
            case sheet, target, tasks, title
        }

        /// Absent values are written as `null` (not left out), as the command streams them.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(appraised, forKey: .appraised)
            try c.encode(code, forKey: .code)
            try c.encode(coop, forKey: .coop)
            try c.encode(deadline, forKey: .deadline)
            try c.encode(evidence, forKey: .evidence)
            try c.encodeIfPresent(joinedRows, forKey: .joinedRows)
            try c.encode(lead, forKey: .lead)
            try c.encode(max, forKey: .max)
            try c.encode(note, forKey: .note)
            try c.encode(parent, forKey: .parent)
            try c.encode(person, forKey: .person)
            try c.encode(prev, forKey: .prev)
            try c.encode(row, forKey: .row)
            try c.encode(selfScore, forKey: .selfScore)
            try c.encode(sheet, forKey: .sheet)
            try c.encode(target, forKey: .target)
            try c.encode(tasks, forKey: .tasks)
            try c.encode(title, forKey: .title)
        }
    }

    /// One note of recognition.
    public struct Note: Codable, Equatable, Sendable {
        /// `repeatedHeader`, `columnNumbering`, `total`, `joinedContinuation`, `outsideTable`, `duplicateRole`.
        public var kind: String
        /// Vietnamese explanation.
        public var message: String
        public var row: Int
    }
}
