import GradscopeNumerics
import RealModule

/// The temporal-order problem (Hochreiter & Schmidhuber 1997, experiment 6a; Pascanu et al. 2013).
///
/// Each sequence is T one-hot symbols from {A, B, c, d, e, f}: distractors c–f everywhere
/// except two positions, t1 ∈ [T/10, 2T/10) and t2 ∈ [5T/10, 6T/10), which hold A or B.
/// The class is the order of the two relevant symbols (AA, AB, BA, BB), learnt with the
/// softmax cross-entropy. Guessing scores `log 4 ≈ 1.386` and 25 % accuracy.
///
/// Reference: [Hochreiter & Schmidhuber 1997](https://doi.org/10.1162/neco.1997.9.8.1735).
public struct TemporalOrderProblem: SequenceTask, Hashable {
    public let length: Int
    /// Symbols A, B (relevant) and c, d, e, f (distractors), one-hot.
    public var inputSize: Int { 6 }
    public var outputSize: Int { 4 }
    public var loss: RecurrentLoss { .softmaxCrossEntropy }
    /// log 4, the cross-entropy of guessing.
    public var baselineLoss: Double { Double.log(4) }
    public var summary: String { "temporal order, T = \(length)" }

    public init(length: Int) {
        precondition(length >= 10, "The temporal-order problem needs T ≥ 10.")
        self.length = length
    }

    public func batch<G: RandomNumberGenerator>(size batchSize: Int, using generator: inout G) -> SequenceBatch<Double> {
        var inputs = [Double](repeating: 0, count: length * batchSize * 6)
        var targets = [Double](repeating: 0, count: batchSize * 4)
        for b in 0..<batchSize {
            var symbols = (0..<length).map { _ in Int.random(in: 2..<6, using: &generator) }
            let first = Int.random(in: length / 10..<max(length / 10 + 1, 2 * length / 10), using: &generator)
            let second = Int.random(in: 5 * length / 10..<max(5 * length / 10 + 1, 6 * length / 10), using: &generator)
            let a = Int.random(in: 0..<2, using: &generator), c = Int.random(in: 0..<2, using: &generator)
            symbols[first] = a
            symbols[second] = c
            for t in 0..<length { inputs[(t * batchSize + b) * 6 + symbols[t]] = 1 }
            targets[b * 4 + 2 * a + c] = 1
        }
        return SequenceBatch(length: length, batchSize: batchSize, inputSize: 6, outputSize: 4, inputs: inputs, targets: targets)
    }
}
