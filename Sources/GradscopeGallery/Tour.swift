/// The tour: every figure of the seed post, in the post's order.
public enum Tour {
    /// S1–S8 (S7 and S8 answer the post's closing RNN remarks).
    public static func seedFigures() -> [Figure] {
        [SeedChainFigures.relu(), SeedChainFigures.tanh(), MinefieldFigure.make(), SeedChainFigures.sigmoid(),
         SeedChainFigures.sigmoidWithBias(), ProductFigure.make(), RecurrentClaimFigure.make(), InitialStateFigure.make()]
    }
}
