/// One node of the PAR INDEX tree: a field (lĩnh vực), criterion (tiêu chí) or
/// sub-criterion (tiêu chí thành phần), with what the plan says about it.
public struct Criterion: Codable, Equatable, Sendable {
    /// Stable identifier inside the framework: the normalized code (`1.2.3`, `III.1`, `A`),
    /// or for rows without a number the parent's id with a suffix (`3.3-1`).
    public var id: String
    /// The code as the appendix prints it in the STT column (`1.2.3`, `1.`, `-`, or empty).
    public var code: String
    public var title: String
    /// Điểm chuẩn: maximum points. Absent on group rows that carry no score of their own.
    public var max: Double?
    /// Score achieved last year.
    public var prev: Double?
    /// Score aimed for this year.
    public var target: Double?
    /// Tasks and solutions (several `- …` lines are kept as lines).
    public var tasks: String?
    /// Lead units (chủ trì), as written.
    public var lead: [String]
    /// Co-operating units (phối hợp), as written.
    public var coop: [String]
    public var deadline: String?
    public var person: String?
    /// Where the criterion does not apply (không áp dụng); nil: it applies everywhere.
    public var notApplicable: NotApplicable?
    public var children: [Criterion]

    public init(id: String, code: String, title: String, max: Double? = nil, prev: Double? = nil,
                target: Double? = nil, tasks: String? = nil, lead: [String] = [], coop: [String] = [],
                deadline: String? = nil, person: String? = nil, notApplicable: NotApplicable? = nil,
                children: [Criterion] = []) {
        self.id = id; self.code = code; self.title = title; self.max = max; self.prev = prev
        self.target = target; self.tasks = tasks; self.lead = lead; self.coop = coop
        self.deadline = deadline; self.person = person; self.notApplicable = notApplicable
        self.children = children
    }

    enum CodingKeys: String, CodingKey {
        case id, code, title, max, prev, target, tasks, lead, coop, deadline, person, notApplicable, children
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        code = try c.decodeIfPresent(String.self, forKey: .code) ?? ""
        title = try c.decode(String.self, forKey: .title)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        prev = try c.decodeIfPresent(Double.self, forKey: .prev)
        target = try c.decodeIfPresent(Double.self, forKey: .target)
        tasks = try c.decodeIfPresent(String.self, forKey: .tasks)
        lead = try c.decodeIfPresent([String].self, forKey: .lead) ?? []
        coop = try c.decodeIfPresent([String].self, forKey: .coop) ?? []
        deadline = try c.decodeIfPresent(String.self, forKey: .deadline)
        person = try c.decodeIfPresent(String.self, forKey: .person)
        if (try? c.decodeIfPresent(Bool.self, forKey: .notApplicable)) == false {
            notApplicable = nil
        } else {
            notApplicable = try c.decodeIfPresent(NotApplicable.self, forKey: .notApplicable)
        }
        children = try c.decodeIfPresent([Criterion].self, forKey: .children) ?? []
    }

    /// Omits empty lists and absent values so the YAML stays short and editable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(code, forKey: .code)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(max, forKey: .max)
        try c.encodeIfPresent(prev, forKey: .prev)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(tasks, forKey: .tasks)
        if !lead.isEmpty { try c.encode(lead, forKey: .lead) }
        if !coop.isEmpty { try c.encode(coop, forKey: .coop) }
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(person, forKey: .person)
        try c.encodeIfPresent(notApplicable, forKey: .notApplicable)
        if !children.isEmpty { try c.encode(children, forKey: .children) }
    }

    /// True for a group row (it has children).
    public var isGroup: Bool { !children.isEmpty }

    /// This node and all its descendants, depth first, in framework order.
    public func flattened(depth: Int = 0, parent: String? = nil) -> [FlatCriterion] {
        var out = [FlatCriterion(criterion: self, depth: depth, parentID: parent)]
        for child in children { out += child.flattened(depth: depth + 1, parent: id) }
        return out
    }
}

/// A criterion with its place in the tree, as produced by ``Criterion/flattened(depth:parent:)``.
public struct FlatCriterion: Equatable, Sendable {
    public let criterion: Criterion
    public let depth: Int
    public let parentID: String?
}
