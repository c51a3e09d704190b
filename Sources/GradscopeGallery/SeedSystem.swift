/// The systems of the seed post ("The exploding gradient problem: Why your neural
/// network gives NaNs"), S1–S8 in DESIGN.md, in the post's order.
public enum SeedSystem: String, CaseIterable, Sendable {
    case s1Relu = "S1", s2Tanh = "S2", s3Minefield = "S3", s4Sigmoid = "S4"
    case s5SigmoidBias = "S5", s6Product = "S6", s7Rnn = "S7", s8InitialState = "S8"

    /// The post's wording of the system.
    public var title: String {
        switch self {
        case .s1Relu: "relu(w·x) nested 1–3 times, w = 8"
        case .s2Tanh: "tanh(w·x) nested 1–3 times, w = 8"
        case .s3Minefield: "tanh(5·tanh(40x−5) − 5·tanh(40x) + 5·tanh(40x+5)): the minefield"
        case .s4Sigmoid: "sig(w·x) nested 1–3 times, w = 8, no bias"
        case .s5SigmoidBias: "sig(w·x), then sig(w·y − w/2), w = 8"
        case .s6Product: "the gradient is the product of the weights"
        case .s7Rnn: "an RNN over a long sentence: does a weight of 0.7 explode?"
        case .s8InitialState: "tanh RNN: the initial state keeps you off the slope"
        }
    }
}
