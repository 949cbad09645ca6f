/// Checks a submission against the framework and layout: scores, criteria, sums, units,
/// deadlines, the table's columns and the template's origin. Each rule group lives in its
/// own file (`ScoreRules`, `CriterionRules`, `SumRules`, `UnitRules`, `DeadlineRules`,
/// `LayoutRules`), which documents its rules' exact semantics.
public struct Validator: Sendable {
    public let framework: Framework
    public let layout: Layout?

    /// `layout` overrides the layout named by the template identity or the framework.
    /// What depends on the framework only, computed once per validator, not per file.
    let prepared: ValidationContext.Prepared

    public init(framework: Framework, layout: Layout? = nil) {
        self.init(index: FrameworkIndex(framework), layout: layout)
    }

    /// A validator for the framework of an index a run already built.
    public init(index: FrameworkIndex, layout: Layout? = nil) {
        self.framework = index.framework
        self.layout = layout
        self.prepared = ValidationContext.Prepared(index)
    }

    /// The layout the rules use for `submission`: the one given, else the template
    /// identity's (the layout stored in it, else the one it names), else the framework's;
    /// nil when none loads (layout rules are skipped).
    public func layout(for submission: Submission) -> Layout? {
        if let layout { return layout }
        if let stored = submission.identity?.layoutDefinition { return stored }
        // Built-in layouts are parsed once per validator, not per file.
        if let name = submission.identity?.layout, let loaded = prepared.layouts[name] ?? (try? LayoutLibrary.load(name)) { return loaded }
        if let name = framework.metadata.layout, let loaded = prepared.layouts[name] ?? (try? LayoutLibrary.load(name)) { return loaded }
        return nil
    }

    /// Every finding for one submission, sorted by sheet row, then column; findings
    /// without a cell last, in framework order, then by code.
    public func validate(_ submission: Submission) -> [Finding] {
        check(submission).findings
    }

    /// The findings, with the row matching and the sending unit the rules worked from
    /// (what a ``CheckedFile`` needs too, computed once).
    func check(_ submission: Submission) -> (findings: [Finding], match: CriterionMatch, unit: Unit?) {
        let context = ValidationContext(submission: submission, framework: framework,
                                        layout: layout(for: submission), prepared: prepared)
        var list = FindingList(file: submission.file, sheet: submission.table.sheet)
        LayoutRules.check(context, into: &list)
        CriterionRules.check(context, into: &list)
        ScoreRules.check(context, into: &list)
        SumRules.check(context, into: &list)
        UnitRules.check(context, into: &list)
        DeadlineRules.check(context, into: &list)
        return (list.sorted, context.match, context.unit)
    }
}
