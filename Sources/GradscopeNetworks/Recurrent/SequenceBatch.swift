import GradscopeNumerics
/// A batch of equally long input sequences with one target per sequence, in contiguous
/// time-major buffers (the layout of the W3 peers' dumps).
///
///     inputs[(t·batchSize + b)·inputSize + i]   input i of sequence b at time t (t = 0…length−1)
///     targets[b·outputSize + o]                 target o of sequence b
///
/// For a classification task the targets are one-hot rows.
public struct SequenceBatch<T: GradFloat>: Hashable, Sendable {
    public let length: Int
    public let batchSize: Int
    public let inputSize: Int
    public let outputSize: Int
    public var inputs: [T]
    public var targets: [T]

    public init(length: Int, batchSize: Int, inputSize: Int, outputSize: Int, inputs: [T], targets: [T]) {
        precondition(length >= 1 && batchSize >= 1 && inputSize >= 0 && outputSize >= 1, "A batch needs positive sizes.")
        precondition(inputs.count == length * batchSize * inputSize,
                     "\(length)×\(batchSize)×\(inputSize) inputs expected, got \(inputs.count).")
        precondition(targets.count == batchSize * outputSize, "\(batchSize)×\(outputSize) targets expected, got \(targets.count).")
        self.length = length
        self.batchSize = batchSize
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.inputs = inputs
        self.targets = targets
    }

    /// The same batch in another precision, each number rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> SequenceBatch<U> {
        SequenceBatch<U>(length: length, batchSize: batchSize, inputSize: inputSize, outputSize: outputSize,
                         inputs: inputs.map { U($0) }, targets: targets.map { U($0) })
    }

    /// Sequences `range` of the batch.
    public func sequences(_ range: Range<Int>) -> SequenceBatch {
        precondition(range.lowerBound >= 0 && range.upperBound <= batchSize && !range.isEmpty, "No such sequences: \(range).")
        var x: [T] = []
        x.reserveCapacity(length * range.count * inputSize)
        for t in 0..<length {
            let row = t * batchSize
            x.append(contentsOf: inputs[(row + range.lowerBound) * inputSize..<(row + range.upperBound) * inputSize])
        }
        return SequenceBatch(length: length, batchSize: range.count, inputSize: inputSize, outputSize: outputSize, inputs: x,
                             targets: Array(targets[range.lowerBound * outputSize..<range.upperBound * outputSize]))
    }

    /// The inputs of sequence `b` as x_1…x_T (for the single-sequence Jacobians).
    public func inputSequence(_ b: Int) -> [[T]] {
        (0..<length).map { t in Array(inputs[(t * batchSize + b) * inputSize..<(t * batchSize + b + 1) * inputSize]) }
    }
}
