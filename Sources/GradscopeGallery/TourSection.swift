/// A part of the tour: a heading and, per figure, its id and how to compute it.
public struct TourSection: Sendable {
    /// One figure of a part: its id and how to compute it from the figures computed before it
    /// (the claims reuse the figures they cite instead of computing them again).
    public struct Entry: Sendable {
        public var id: String
        public var make: @Sendable (_ earlier: [String: Figure]) -> Figure
    }

    public var title: String
    public var entries: [Entry]

    /// The figures' ids, in order.
    public var figureIDs: [String] { entries.map(\.id) }

    /// Every figure of the part, computed in order.
    public func figures() -> [Figure] {
        var done: [String: Figure] = [:]
        return entries.map { entry in
            let figure = entry.make(done)
            done[entry.id] = figure
            return figure
        }
    }
}

extension Tour {
    /// Every part of the tour in order: the post's figures, where the tool goes beyond it, and the post's claims checked.
    public static let sections: [TourSection] = [
        section("The post's figures", seedFigureIDs, [SeedChainFigures.relu, SeedChainFigures.tanh, MinefieldFigure.make, SeedChainFigures.sigmoid,
                                                      SeedChainFigures.sigmoidWithBias, ProductFigure.make, { RecurrentClaimFigure.make() }, InitialStateFigure.make]),
        section("Why it gives NaNs", diagnosticFigureIDs, [{ AutopsyFigure.tanhChain().figure }]),
        section("Eight bits and fewer", EightBitsFigure.figureIDs, [EightBitsFigure.depthsFigure, EightBitsFigure.recipesFigure]),
        section("Recurrent networks over long sequences", ["cliff"] + recurrentFigureIDs,
                [{ CliffFigure.make() }, { TrainingFigure.models() }, { TrainingFigure.divergence() }]),
        section("From one unit to wide networks", wideNetworkFigureIDs,
                [WideNetworksFigure.chi1, WideNetworksFigure.phase, WideNetworksFigure.initialisations, WideNetworksFigure.trainability, WideNetworksFigure.isometry]),
        TourSection(title: "The post's claims, checked", entries: [TourSection.Entry(id: ClaimsFigure.id) { earlier in claimsFigure(reusing: earlier) }]),
    ]

    /// Every figure id of the tour, in order.
    public static var figureIDs: [String] { sections.flatMap(\.figureIDs) }

    /// "The post's claims, checked": every statement with its verdict (``ClaimsExperiment``), reading
    /// the cited figures from `earlier` where the tour has computed them already.
    public static func claimsFigure(reusing earlier: [String: Figure] = [:]) -> Figure {
        var figures = earlier.filter { PostClaims.figureIDs.contains($0.key) }
        for id in PostClaims.figureIDs where figures[id] == nil { figures[id] = PostClaims.figure(id) }
        return ClaimsFigure.make(PostClaims.check(figures))
    }

    private static func section(_ title: String, _ ids: [String], _ makers: [@Sendable () -> Figure]) -> TourSection {
        precondition(ids.count == makers.count, "A tour section needs one maker per figure id.")
        return TourSection(title: title, entries: zip(ids, makers).map { id, make in TourSection.Entry(id: id) { _ in make() } })
    }
}
