/// A part of the tour: a heading, its figures' ids, and how to compute them.
public struct TourSection: Sendable {
    public var title: String
    public var figureIDs: [String]
    public var figures: @Sendable () -> [Figure]
}

extension Tour {
    /// Every part of the tour in order: the post's figures, then where the tool goes beyond it.
    public static let sections: [TourSection] = [
        TourSection(title: "The post's figures", figureIDs: seedFigureIDs, figures: seedFigures),
        TourSection(title: "Why it gives NaNs", figureIDs: diagnosticFigureIDs, figures: diagnosticFigures),
        TourSection(title: "Recurrent networks over long sequences", figureIDs: ["cliff"] + recurrentFigureIDs,
                    figures: { [CliffFigure.make()] + recurrentFigures() }),
        TourSection(title: "From one unit to wide networks", figureIDs: wideNetworkFigureIDs, figures: wideNetworkFigures),
        TourSection(title: "The post's claims, checked", figureIDs: [ClaimsFigure.id], figures: claimsFigures),
    ]

    /// "The post's claims, checked": every statement with its verdict (``ClaimsExperiment``).
    public static func claimsFigures() -> [Figure] {
        let report = try! ClaimsExperiment(settings: .init()).run(progress: nil)
        return [ClaimsFigure.make(report.document.claims)]
    }

    /// Every figure id of the tour, in order.
    public static var figureIDs: [String] { sections.flatMap(\.figureIDs) }
}
