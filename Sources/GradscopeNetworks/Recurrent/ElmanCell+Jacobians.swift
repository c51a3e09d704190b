import GradscopeNumerics
import RealModule

extension ElmanCell {
    /// The Jacobians `∂h_t/∂h_0` for t = 1…T along one sequence, computed in `T` (so they
    /// overflow to ±Inf where `T` does):
    ///
    ///     ∂h_t/∂h_0 = diag(φ'(a_t))·W·∂h_{t−1}/∂h_0,   ∂h_0/∂h_0 = I
    ///
    /// - Parameters:
    ///   - h0: the initial state (hiddenSize values).
    ///   - inputs: x_1…x_T, each `inputSize` values (empty arrays for a cell without input).
    public func stateJacobians(from h0: [T], inputs: [[T]]) -> [Matrix<T>] {
        var state = h0
        var jacobian = Matrix<T>.identity(hiddenSize)
        var result: [Matrix<T>] = []
        for x in inputs {
            let (next, slopes) = step(x, state: state)
            jacobian = (recurrentWeights * jacobian).scalingRows(by: slopes)
            result.append(jacobian)
            state = next
        }
        return result
    }

    /// `log10 ‖∂h_t/∂h_0‖_F` for t = 1…T (see ``stateJacobians(from:inputs:)``), computed in
    /// Double and rescaled after every step, so it never overflows: the growth (or decay) of
    /// the gradient that reaches the initial state as the sequence gets longer. −Inf once it
    /// is exactly 0 (a dead relu), NaN after a NaN.
    public func log10StateJacobianNorms(from h0: [T], inputs: [[T]]) -> [Double] {
        let factors = jacobianFactors(from: h0, inputs: inputs)
        return JacobianProduct.log10Norms(factors, order: .newestOnLeft)
    }

    /// `log10 ‖∂h_T/∂h_t‖_F` for t = 0…T at the end T of one sequence: how much of the
    /// final state's gradient reaches each earlier state (the last value is log10 √H, the
    /// identity's norm).
    ///
    ///     ∂h_T/∂h_{t−1} = ∂h_T/∂h_t·diag(φ'(a_t))·W,   ∂h_T/∂h_T = I
    public func log10JacobianNormsToFinalState(from h0: [T], inputs: [[T]]) -> [Double] {
        let factors = jacobianFactors(from: h0, inputs: inputs)
        let norms = JacobianProduct.log10Norms(factors.reversed(), order: .newestOnRight)
        return norms.reversed() + [Double.log10(Double(hiddenSize).squareRoot())]
    }

    /// `diag(φ'(a_t))·W` for t = 1…T, in Double.
    private func jacobianFactors(from h0: [T], inputs: [[T]]) -> [Matrix<Double>] {
        let w = recurrentWeights.converted(to: Double.self)
        var state = h0
        return inputs.map { x in
            let (next, slopes) = step(x, state: state)
            state = next
            return w.scalingRows(by: slopes.map { Double($0) })
        }
    }
}

extension Matrix {
    /// Row r multiplied by `factors[r]`: `diag(factors)·self`.
    func scalingRows(by factors: [T]) -> Matrix {
        precondition(factors.count == rows, "Need one factor per row.")
        var m = self
        for r in 0..<rows { for c in 0..<columns { m.elements[r * columns + c] = factors[r] * m.elements[r * columns + c] } }
        return m
    }
}

/// Products of Jacobian factors tracked in log space.
enum JacobianProduct {
    enum Order { case newestOnLeft, newestOnRight }

    /// log10 of the Frobenius norm of `F_k ⋯ F_1` (newest on the left) or `F_1 ⋯ F_k`
    /// (newest on the right) for k = 1…n; the running product is divided by its norm after
    /// every factor and the logs of the divisors are summed.
    static func log10Norms(_ factors: [Matrix<Double>], order: Order) -> [Double] {
        guard let first = factors.first else { return [] }
        var product = Matrix<Double>.identity(first.rows)
        var logScale = 0.0
        var result: [Double] = []
        for f in factors {
            product = order == .newestOnLeft ? f * product : product * f
            let norm = product.frobeniusNorm
            if norm > 0, norm.isFinite {
                product = product.map { $0 / norm }
                logScale += Double.log10(norm)
                result.append(logScale)
            } else {
                result.append(norm == 0 ? -.infinity : .nan)
                if norm == 0 || norm.isNaN { product = product.map { _ in norm } }
            }
        }
        return result
    }
}
