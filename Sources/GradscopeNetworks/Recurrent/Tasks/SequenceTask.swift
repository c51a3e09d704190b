import GradscopeNumerics
/// A long-range sequence task with seeded data: what the inputs are, what the target is,
/// and what a predictor that ignores the inputs scores.
public protocol SequenceTask: Sendable {
    /// "adding problem, T = 100"
    var summary: String { get }
    /// T, the number of inputs per sequence.
    var length: Int { get }
    var inputSize: Int { get }
    var outputSize: Int { get }
    var loss: RecurrentLoss { get }
    /// The loss of the best predictor that ignores the inputs (1/6 for the adding problem).
    var baselineLoss: Double { get }
    /// `batchSize` fresh sequences drawn from `generator`.
    func batch<G: RandomNumberGenerator>(size batchSize: Int, using generator: inout G) -> SequenceBatch<Double>
}

extension SequenceTask {
    /// The fraction of sequences whose largest output is the target class (classification tasks).
    public func accuracy(outputs: [Double], batch: SequenceBatch<Double>) -> Double {
        let o = outputSize
        var right = 0
        for b in 0..<batch.batchSize {
            let row = Array(outputs[b * o..<(b + 1) * o]), target = Array(batch.targets[b * o..<(b + 1) * o])
            if row.indices.max(by: { row[$0] < row[$1] }) == target.indices.max(by: { target[$0] < target[$1] }) { right += 1 }
        }
        return Double(right) / Double(batch.batchSize)
    }
}
