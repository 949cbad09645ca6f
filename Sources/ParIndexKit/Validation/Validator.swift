/// Checks a submission against the framework and layout. (Rules are being implemented.)
public struct Validator: Sendable {
    public let framework: Framework
    public let layout: Layout?

    public init(framework: Framework, layout: Layout? = nil) {
        self.framework = framework
        self.layout = layout
    }

    /// Every finding for one submission, in sheet order (row, then column).
    public func validate(_ submission: Submission) -> [Finding] {
        []
    }
}
