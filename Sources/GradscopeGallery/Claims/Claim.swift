/// One factual statement of the post, checked: the post speaks, the tool answers.
///
/// ```swift
/// let claim = report.document.claims[0]
/// print(claim.paragraph, claim.verdict.rawValue, claim.quote)   // 1 holds "This is usually because of …"
/// ```
public struct Claim: Codable, Sendable, Equatable {
    /// How the numbers judge the statement.
    public enum Verdict: String, Codable, Sendable, CaseIterable {
        case holds = "holds"
        case holdsWithCondition = "holds with a condition"
        case doesNotHold = "does not hold"

        /// ``holds`` when `condition` is true, else ``doesNotHold``.
        static func holds(if condition: Bool) -> Verdict { condition ? .holds : .doesNotHold }

        /// ``holdsWithCondition`` when `condition` is true, else ``doesNotHold``.
        static func holdsWithCondition(if condition: Bool) -> Verdict { condition ? .holdsWithCondition : .doesNotHold }
    }

    /// One number that decides the verdict, computed by the tool.
    public struct Evidence: Codable, Sendable, Equatable {
        /// What the number is, for people: "|dy/dx| for x > 0, depth 3".
        public var name: String
        public var value: Double

        public init(_ name: String, _ value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// The post's words: a quotation of at most one sentence in “…”, or a paraphrase in plain text.
    public var quote: String
    /// The paragraph of the post's body, counted from 1 at "Have you ever been training…";
    /// an equation belongs to the paragraph it follows.
    public var paragraph: Int
    public var verdict: Verdict
    /// The answer in one or two sentences, with the condition when there is one.
    public var finding: String
    public var evidence: [Evidence]
    /// The id of the figure that shows it (`s1-relu`, `cliff`, …).
    public var figure: String

    public init(quote: String, paragraph: Int, verdict: Verdict, finding: String, evidence: [Evidence], figure: String) {
        self.quote = quote
        self.paragraph = paragraph
        self.verdict = verdict
        self.finding = finding
        self.evidence = evidence
        self.figure = figure
    }
}
