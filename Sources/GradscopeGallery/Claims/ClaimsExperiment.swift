import GradscopeCharts

/// `gradscope claims`: every factual statement of the post, checked by the tool.
///
/// Each ``Claim`` quotes the post (one sentence at most) or paraphrases it, names its paragraph,
/// gives a verdict — holds, holds with a condition, does not hold — decided from numbers the tool
/// computes, and names the figure that shows it. The report's figures are those figures.
///
/// ```swift
/// let report = try ClaimsExperiment(settings: .init()).run(progress: nil)
/// report.document.claims.filter { $0.verdict == .doesNotHold }.map(\.paragraph)   // [11]
/// ```
public struct ClaimsExperiment: Experiment {
    public static let name = "claims"
    public let settings: Settings

    /// - Throws: ``SettingsError`` when `paragraph` is not one of the post's paragraphs.
    public init(settings: Settings) throws(SettingsError) {
        if let paragraph = settings.paragraph, !(1...Self.paragraphs).contains(paragraph) {
            throw SettingsError(setting: "paragraph", "must be a paragraph of the post, between 1 and \(Self.paragraphs), got \(paragraph).")
        }
        self.settings = settings
    }

    /// The post's body has 11 paragraphs, from "Have you ever been training…" to "Note that with sigmoid…".
    public static let paragraphs = 11

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        var figures: [String: Figure] = [:]
        for (index, id) in PostClaims.figureIDs.enumerated() {
            if progress?.isCancelled == true { throw CancellationError() }
            progress?.update(stage: id, done: index, total: PostClaims.figureIDs.count)
            figures[id] = PostClaims.figure(id)
        }
        progress?.update(stage: "claims", done: PostClaims.figureIDs.count, total: PostClaims.figureIDs.count)
        let claims = PostClaims.check(figures).filter { settings.paragraph == nil || $0.paragraph == settings.paragraph }
        let cited = PostClaims.figureIDs.filter { id in claims.contains { $0.figure == id } }.map { figures[$0]! }
        return ExperimentReport(summary: Self.summary(claims), figures: cited, document: Document(claims: claims), table: Self.table(claims))
    }

    /// The claims for a person: a count per verdict, then each claim with its finding, numbers and figure.
    static func summary(_ claims: [Claim]) -> String {
        let counts = Claim.Verdict.allCases.map { verdict in "\(claims.filter { $0.verdict == verdict }.count) \(verdict.rawValue)" }
        var text = "The post's claims, checked: \(claims.count) statements — \(counts.joined(separator: ", ")).\n"
        for claim in claims {
            text += "\n¶\(claim.paragraph)  \(claim.verdict.rawValue.uppercased())\n"
            text += TextWrap.lines(claim.quote, width: 76).map { "    " + $0 }.joined(separator: "\n") + "\n"
            text += TextWrap.lines("→ " + claim.finding, width: 76).map { "    " + $0 }.joined(separator: "\n") + "\n"
            let numbers = claim.evidence.map { "\($0.name) = \(NumberText.caption($0.value))" }.joined(separator: "; ")
            text += TextWrap.lines("Numbers: " + numbers + ". Figure: " + claim.figure + ".", width: 76).map { "    " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// One row per claim; the evidence as "name = value" pairs joined by "; ", values in full.
    static func table(_ claims: [Claim]) -> DataTable {
        var table = DataTable(columns: ["paragraph", "verdict", "quote", "finding", "evidence", "figure"])
        for claim in claims {
            table.append([.text(String(claim.paragraph)), .text(claim.verdict.rawValue), .text(claim.quote), .text(claim.finding),
                          .text(claim.evidence.map { "\($0.name) = \($0.value)" }.joined(separator: "; ")), .text(claim.figure)])
        }
        return table
    }
}

extension ClaimsExperiment {
    /// Which claims to show; the flag and query names are `paragraph`.
    public struct Settings: Sendable, Equatable {
        /// Only the claims of this paragraph (1…11); nil for all.
        public var paragraph: Int?

        public init(paragraph: Int? = nil) { self.paragraph = paragraph }
    }

    /// `{"claims": [{"quote", "paragraph", "verdict", "finding", "evidence": [{"name", "value"}], "figure"}]}`.
    public struct Document: Codable, Sendable, Equatable {
        public var claims: [Claim]
    }
}
