import GradscopeNumerics
/// The regression loss, as PyTorch's `mse_loss` (reduction "mean") computes it:
///
///     r_i = y_i − t_i,   L = (Σ r_i²) / n
///     ∂L/∂y_i = (r_i · (2/n)) · S        (S: the loss scale, 1 without AMP)
///
/// Every operation is rounded to `T` and checked by the probe. Under mixed precision
/// (``OperationProbe/autocastLossScale`` set) the loss runs in Float32 instead, as PyTorch's
/// autocast runs `mse_loss` (it is on autocast's CUDA float32 op list): the outputs are widened
/// exactly to Float32, r, r², Σ r², L and the seeds `(r·(2/n))·S` are Float32 operations (S the
/// Float32 loss scale), and only the seeds are rounded to `T`, as the backward of autocast's cast
/// does. So a loss whose Σ r² passes 65504 is finite under AMP where a Float16 loss is +Inf; a
/// seed past `T`'s largest value still becomes ±Inf, which is what `GradScaler` finds and skips.
public enum MeanSquaredError {
    /// The loss and the seeds `∂L/∂y_i · S` of back-propagation. Under autocast the loss returned
    /// is the Float32 loss rounded to `T`; the Float32 value itself is in ``OperationProbe/autocastLoss``.
    public static func lossAndSeeds<T: GradFloat>(outputs: [T], targets: [Double], lossScale: T,
                                                  probe: inout OperationProbe) -> (loss: T, seeds: [T]) {
        if let scale = probe.autocastLossScale {
            let (loss, wide) = roundedLossAndSeeds(outputs: outputs.map { Float($0) }, targets: targets, lossScale: scale, probe: &probe)
            probe.autocastLoss = loss
            var seeds = [T](repeating: 0, count: wide.count)
            for (i, seed) in wide.enumerated() {
                seeds[i] = T(seed)
                probe.check(seeds[i], OperationSite(.backward, layer: nil, "S·∂L/∂y_L in \(T.precision.displayName) (autocast's cast back)",
                                                    kind: .conversion, operands: [Operand("S·∂L/∂y_L", Double(seed))], sample: i))
            }
            return (T(loss), seeds)
        }
        return roundedLossAndSeeds(outputs: outputs, targets: targets, lossScale: lossScale, probe: &probe)
    }

    /// Every operation in `T`.
    private static func roundedLossAndSeeds<T: GradFloat>(outputs: [T], targets: [Double], lossScale: T,
                                                          probe: inout OperationProbe) -> (loss: T, seeds: [T]) {
        let n = outputs.count
        let norm = T(2 / Double(n))
        var sum: T = 0
        var seeds = [T](repeating: 0, count: n)
        for i in 0..<n {
            let y = outputs[i], t = T(targets[i])
            let r = y - t
            probe.check(r, OperationSite(.loss, layer: nil, "r = y_L − t", kind: .subtract,
                                         operands: [Operand("y_L", Double(y)), Operand("t", Double(t))], sample: i))
            let square = r * r
            probe.checkProduct(square, r, r, OperationSite(.loss, layer: nil, "r²", kind: .square, operands: [Operand("r", Double(r))], sample: i))
            let previous = sum
            sum += square
            probe.check(sum, OperationSite(.loss, layer: nil, "Σ r²", kind: .add,
                                           operands: [Operand("Σ r² so far", Double(previous)), Operand("r²", Double(square))], sample: i))
            let seed = r * norm
            probe.checkProduct(seed, r, norm, OperationSite(.backward, layer: nil, "∂L/∂y_L = r·(2/n)", kind: .multiply,
                                                            operands: [Operand("r", Double(r)), Operand("2/n", Double(norm))], sample: i))
            let scaled = lossScale == 1 ? seed : seed * lossScale
            if lossScale != 1 {
                probe.checkProduct(scaled, seed, lossScale, OperationSite(.backward, layer: nil, "S·∂L/∂y_L (loss scaling)", kind: .multiply,
                                                                          operands: [Operand("∂L/∂y_L", Double(seed)), Operand("S", Double(lossScale))], sample: i))
            }
            seeds[i] = scaled
        }
        let loss = sum / T(n)
        probe.check(loss, OperationSite(.loss, layer: nil, "L = Σ r² / n", kind: .divide,
                                        operands: [Operand("Σ r²", Double(sum)), Operand("n", Double(n))]))
        return (loss, seeds)
    }
}
