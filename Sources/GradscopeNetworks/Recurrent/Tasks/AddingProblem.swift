import GradscopeNumerics
/// The adding problem (Hochreiter & Schmidhuber 1997; Pascanu et al. 2013; Le et al. 2015).
///
/// Each input x_t has two channels: a value v_t ~ U[0, 1] and a marker m_t ∈ {0, 1}. Exactly
/// one marker is 1 in the first half (t < T/2) and one in the second (t ≥ T/2); the target
/// is the sum of the two marked values, learnt with the mean squared error.
///
///     target = v_{t1} + v_{t2},   t1 ∈ [0, T/2),  t2 ∈ [T/2, T)
///
/// Predicting the mean 1 for every sequence scores `Var(v_{t1} + v_{t2}) = 2·(1/12) = 1/6`:
/// a model has learnt something only well below that.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 1)
/// let batch = AddingProblem(length: 100).batch(size: 32, using: &rng)
/// ```
///
/// Reference: [Hochreiter & Schmidhuber 1997](https://doi.org/10.1162/neco.1997.9.8.1735), experiment 4.
public struct AddingProblem: SequenceTask, Hashable {
    public let length: Int
    public var inputSize: Int { 2 }
    public var outputSize: Int { 1 }
    public var loss: RecurrentLoss { .meanSquaredError }
    /// 1/6, the MSE of always predicting 1.
    public var baselineLoss: Double { 1.0 / 6 }
    public var summary: String { "adding problem, T = \(length)" }

    public init(length: Int) {
        precondition(length >= 2, "The adding problem needs T ≥ 2.")
        self.length = length
    }

    /// Per sequence: T values, then the first marker's position, then the second's.
    public func batch<G: RandomNumberGenerator>(size batchSize: Int, using generator: inout G) -> SequenceBatch<Double> {
        var inputs = [Double](repeating: 0, count: length * batchSize * 2)
        var targets = [Double](repeating: 0, count: batchSize)
        let half = length / 2
        for b in 0..<batchSize {
            for t in 0..<length { inputs[(t * batchSize + b) * 2] = Double.random(in: 0..<1, using: &generator) }
            let first = Int.random(in: 0..<half, using: &generator)
            let second = Int.random(in: half..<length, using: &generator)
            for t in [first, second] {
                inputs[(t * batchSize + b) * 2 + 1] = 1
                targets[b] += inputs[(t * batchSize + b) * 2]
            }
        }
        return SequenceBatch(length: length, batchSize: batchSize, inputSize: 2, outputSize: 1, inputs: inputs, targets: targets)
    }
}
