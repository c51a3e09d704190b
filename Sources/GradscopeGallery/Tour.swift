/// The tour: every figure of the seed post, in the post's order.
public enum Tour {
    /// The ids of the seed figures, in order (`s1-relu` … `s8-initial-state`).
    public static let seedFigureIDs = ["s1-relu", "s2-tanh", "s3-minefield", "s4-sigmoid", "s5-sigmoid-bias",
                                       "s6-product", "s7-rnn-weight-0-7", "s8-initial-state"]

    /// S1–S8 (S7 and S8 answer the post's closing RNN remarks).
    public static func seedFigures() -> [Figure] {
        [SeedChainFigures.relu(), SeedChainFigures.tanh(), MinefieldFigure.make(), SeedChainFigures.sigmoid(),
         SeedChainFigures.sigmoidWithBias(), ProductFigure.make(), RecurrentClaimFigure.make(), InitialStateFigure.make()]
    }
}
