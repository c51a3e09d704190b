import GradscopeCharts

/// The claims as a figure of the tour and the report: where in the post each verdict falls,
/// and one row per statement.
enum ClaimsFigure {
    static let id = "claims"

    static func make(_ claims: [Claim]) -> Figure {
        let paragraphs = ClaimsExperiment.paragraphs
        let colours: [Claim.Verdict: Colour] = [.holds: "#2CA02C", .holdsWithCondition: "#FF7F0E", .doesNotHold: "#B22222"]
        let rows = Claim.Verdict.allCases.map { verdict in
            Histogram.Row(label: verdict.rawValue, counts: (1...paragraphs).map { p in claims.filter { $0.paragraph == p && $0.verdict == verdict }.count },
                          colour: colours[verdict]!)
        }
        let chart = Histogram(title: "Verdicts by paragraph of the post", xLabel: "paragraph", range: 0.5...Double(paragraphs) + 0.5, rows: rows)
        var table = DataTable(columns: ["paragraph", "verdict", "statement", "figure"], headers: ["¶", "verdict", "statement", "figure"])
        var data = ClaimsExperiment.table(claims)
        data.headers = data.columns
        for claim in claims {
            let words = claim.quote.count > 60 ? String(claim.quote.prefix(58)).split(separator: " ").dropLast().joined(separator: " ") + " …" : claim.quote
            table.append([.text(String(claim.paragraph)), .text(claim.verdict.rawValue), .text(words), .text(claim.figure)])
        }
        let counts = Claim.Verdict.allCases.map { v in "\(claims.filter { $0.verdict == v }.count) \(v.rawValue)" }
        let refuted = claims.filter { $0.verdict == .doesNotHold }.map { "¶\($0.paragraph): \($0.finding)" }
        return Figure(
            id: id, title: "The post's claims, checked one by one",
            explanation: "Every factual statement of the post, quoted or paraphrased with its paragraph, and the tool's answer: holds, holds with a condition, or does not hold, decided from the numbers of the figure named beside it. `gradscope claims` prints each with its finding and numbers; `--format json` gives them as data.",
            charts: [chart], table: table,
            caption: "\(claims.count) statements: \(counts.joined(separator: ", ")). " + refuted.joined(separator: " "),
            data: data)
    }
}
