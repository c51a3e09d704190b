import GradscopeNumerics
import RealModule

/// The loss a recurrent network's outputs `y = V·h_T + d` are trained on, and its seed `∂L/∂y`.
///
///     meanSquaredError     L = (1/(B·O))·Σ_b Σ_o (y_bo − t_bo)²          ∂L/∂y_bo = 2(y_bo − t_bo)/(B·O)
///     softmaxCrossEntropy  L = −(1/B)·Σ_b log softmax(y_b)[class_b]      ∂L/∂y_bo = (softmax(y_b)_o − t_bo)/B
///
/// (targets one-hot for cross-entropy). The softmax subtracts each row's maximum first;
/// a NaN output gives a NaN loss, an infinite one NaN or Inf as IEEE arithmetic gives.
///
/// In Float16 and BFloat16 the loss and its seed are computed in Float32 from the 16-bit outputs,
/// and the seed rounded back, as PyTorch's autocast does (`mse_loss`, `log_softmax`, `nll_loss` are
/// on its float32 list); with a loss scale S (mixed precision) the seed is `S·∂L/∂y`, the
/// returned loss unscaled.
public enum RecurrentLoss: String, Hashable, Sendable, Codable, CaseIterable {
    case meanSquaredError
    case softmaxCrossEntropy

    /// The loss of `outputs` (batch × outputSize) against `targets`, and ∂L/∂outputs written to `seed`.
    /// - Parameter normalizer: the batch size B to average over (a part of a batch passes the whole batch's).
    func evaluate<T: GradFloat>(outputs: UnsafePointer<T>, targets: UnsafePointer<T>, batchSize: Int, outputSize: Int,
                                normalizer: Int, seed: UnsafeMutablePointer<T>, scale: Double = 1) -> T {
        if T.self == Float.self || T.self == Double.self {
            let loss = core(outputs: outputs, targets: targets, batchSize: batchSize, outputSize: outputSize, normalizer: normalizer, seed: seed)
            if scale != 1 { for i in 0..<batchSize * outputSize { seed[i] *= T(scale) } }
            return loss
        }
        let count = batchSize * outputSize
        let y = (0..<count).map { Float(outputs[$0]) }, t = (0..<count).map { Float(targets[$0]) }
        var wide = [Float](repeating: 0, count: count)
        let loss = y.withUnsafeBufferPointer { y in
            t.withUnsafeBufferPointer { t in
                wide.withUnsafeMutableBufferPointer { w in
                    core(outputs: y.baseAddress!, targets: t.baseAddress!, batchSize: batchSize, outputSize: outputSize, normalizer: normalizer, seed: w.baseAddress!)
                }
            }
        }
        let s = Float(scale)
        for i in 0..<count { seed[i] = T(s * wide[i]) }
        return T(loss)
    }

    private func core<T: GradFloat>(outputs: UnsafePointer<T>, targets: UnsafePointer<T>, batchSize: Int, outputSize: Int,
                                    normalizer: Int, seed: UnsafeMutablePointer<T>) -> T {
        var loss: T = 0
        switch self {
        case .meanSquaredError:
            let n = T(normalizer * outputSize)
            for i in 0..<batchSize * outputSize {
                let r = outputs[i] - targets[i]
                loss += r * r
                seed[i] = 2 / n * r
            }
            return loss / n
        case .softmaxCrossEntropy:
            let n = T(normalizer)
            for b in 0..<batchSize {
                let row = b * outputSize
                let top = Self.largest(outputs + row, count: outputSize)
                var sum: T = 0
                for o in 0..<outputSize { sum += T.exp(outputs[row + o] - top) }
                let logSum = T.log(sum) + top
                for o in 0..<outputSize {
                    loss -= targets[row + o] * (outputs[row + o] - logSum)
                    seed[row + o] = (T.exp(outputs[row + o] - logSum) - targets[row + o]) / n
                }
            }
            return loss / n
        }
    }

    /// The largest of `count` values (the first when `count` ≤ 1), the softmax's shift; NaN when
    /// any value is NaN (the one found last), so that a NaN output gives a NaN loss.
    static func largest<T: GradFloat>(_ values: UnsafePointer<T>, count: Int) -> T {
        var top = values[0]
        for k in 1..<max(count, 1) where values[k] > top || values[k].isNaN { top = values[k] }
        return top
    }

    /// The loss only (for evaluation on a test set).
    public func value<T: GradFloat>(outputs: [T], targets: [T], batchSize: Int) -> T {
        precondition(outputs.count == targets.count && outputs.count % batchSize == 0, "Outputs and targets differ in shape.")
        var seed = outputs
        return outputs.withUnsafeBufferPointer { y in
            targets.withUnsafeBufferPointer { t in
                seed.withUnsafeMutableBufferPointer { s in
                    evaluate(outputs: y.baseAddress!, targets: t.baseAddress!, batchSize: batchSize, outputSize: outputs.count / batchSize,
                             normalizer: batchSize, seed: s.baseAddress!)
                }
            }
        }
    }

    /// The share of rows whose largest output is the class of their one-hot target:
    /// `(1/B)·#{b : argmax_o y_bo = argmax_o t_bo}`. A row with a NaN output counts as wrong
    /// (NaN is never the largest); ties go to the first largest output.
    public static func accuracy<T: GradFloat>(outputs: [T], oneHotTargets targets: [T], batchSize: Int) -> Double {
        precondition(outputs.count == targets.count && batchSize > 0 && outputs.count % batchSize == 0, "Outputs and targets differ in shape.")
        let width = outputs.count / batchSize
        var correct = 0
        for b in 0..<batchSize {
            let row = b * width
            var best: Int?
            for o in 0..<width where !outputs[row + o].isNaN {
                if best == nil || outputs[row + o] > outputs[row + best!] { best = o }
            }
            let target = (0..<width).first { targets[row + $0] == 1 }
            if let best, best == target { correct += 1 }
        }
        return Double(correct) / Double(batchSize)
    }
}
