import GradscopeNumerics

extension MLPNetwork {
    /// The loss and gradients of ``lossAndGradients(_:data:lossScale:probe:)`` computed by whole
    /// matrix products instead of one watched operation at a time, or nil when the probe would
    /// have recorded something inside the network, so the caller replays the pass operation by
    /// operation (``probedLossAndGradients(_:data:lossScale:probe:)``).
    ///
    ///     A_l = Y_{l−1}·W_lᵀ + b_l,   Y_l = φ(A_l)                      (forward, n × fanOut)
    ///     G_l = ∂L/∂Y_l ⊙ φ'(A_l),   ∂L/∂W_l = G_lᵀ·Y_{l−1},   ∂L/∂b_l = Σ_i G_l[i],   ∂L/∂Y_{l−1} = G_l·W_l
    ///
    /// Every product runs through ``MatrixProduct/accumulateInOrder(_:m:n:k:_:lda:_:ldb:into:ldc:)``,
    /// which sums each element in the probed loop's order, so the numbers are bit-identical to it.
    /// Nil (replay) when the probe still waits for a first Inf or NaN and any value of the pass is
    /// non-finite (a sum that overflowed stays ±Inf or NaN to the end, so checking the finished
    /// sums is enough), or when it still waits for a first underflow and some product of two
    /// nonzero operands could round to 0 (min |x| · min |y| < the smallest subnormal of `T`) or a
    /// slope φ'(a) rounded to 0 while the exact one is not. The loss runs with the probe itself.
    func quietLossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                             probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>)? {
        var pass = QuietPass(watchesNonFinite: probe.firstInfinity == nil || probe.firstNaN == nil, watchesUnderflow: probe.firstUnderflow == nil)
        return run(&pass, parameters, data: data, lossScale: lossScale, probe: &probe)
    }

    /// The pass by whole products, giving up (nil) where the probe would have recorded something;
    /// what it watches is fixed before the pass (the loss may record into the probe on the way).
    struct QuietPass: MLPLayerPass {
        let watchesNonFinite: Bool
        let watchesUnderflow: Bool

        func mayUnderflow<T: GradFloat>(_ x: [T], _ y: ArraySlice<T>) -> Bool {
            watchesUnderflow && MLPNetwork.smallestMagnitude(x[...]) * MLPNetwork.smallestMagnitude(y) < Double(T.leastNonzeroMagnitude)
        }

        func hasNonFinite<T: GradFloat>(_ x: [T]) -> Bool { watchesNonFinite && !x.allSatisfy(\.isFinite) }

        func forward<T: GradFloat>(layer l: Int, _ p: [T], inputs: [T], of network: MLPNetwork, count n: Int,
                                   probe: inout OperationProbe) -> (y: [T], slope: [T])? {
            let (fanOut, fanIn) = network.shape(ofLayer: l)
            let weights = p[0..<(fanOut * fanIn)]
            if mayUnderflow(inputs, weights) { return nil }
            var transposed = [T](repeating: 0, count: fanIn * fanOut)
            for j in 0..<fanOut {
                for c in 0..<fanIn { transposed[c * fanOut + j] = p[j * fanIn + c] }
            }
            var a = [T](repeating: 0, count: n * fanOut)
            MLPNetwork.accumulate(.none, m: n, n: fanOut, k: fanIn, inputs, lda: fanIn, transposed, ldb: fanOut, into: &a)
            for i in 0..<n {
                for j in 0..<fanOut { a[i * fanOut + j] = a[i * fanOut + j] + p[fanOut * fanIn + j] }
            }
            if hasNonFinite(a) { return nil }
            guard l < network.depth else { return (a, []) }
            var y = a, slope = a
            let activation = network.activation
            for index in a.indices {
                let (value, derivative) = activation.valueAndDerivative(at: a[index])
                y[index] = value
                slope[index] = derivative
                if watchesUnderflow, derivative == 0, activation.logSlopeMagnitude(at: Double(a[index])).isFinite { return nil }
            }
            if hasNonFinite(y) || hasNonFinite(slope) { return nil }
            return (y, slope)
        }

        func backward<T: GradFloat>(layer l: Int, _ p: [T], inputs: [T], upstream: [T], slopes: [T], of network: MLPNetwork,
                                    count n: Int, gradient g: inout [T], probe: inout OperationProbe) -> [T]? {
            let (fanOut, fanIn) = network.shape(ofLayer: l)
            var gradA = upstream
            if l < network.depth {
                if mayUnderflow(upstream, slopes[...]) { return nil }
                for index in gradA.indices { gradA[index] = upstream[index] * slopes[index] }
            }
            if hasNonFinite(gradA) || mayUnderflow(gradA, inputs[...]) { return nil }
            g.withUnsafeMutableBufferPointer { g in
                gradA.withUnsafeBufferPointer { gradA in
                    inputs.withUnsafeBufferPointer { inputs in
                        MatrixProduct.accumulateInOrder(.transposed, m: fanOut, n: fanIn, k: n, gradA.baseAddress!, lda: fanOut,
                                                        inputs.baseAddress!, ldb: fanIn, into: g.baseAddress!, ldc: fanIn)
                    }
                    for i in 0..<n {
                        for j in 0..<fanOut { g[fanOut * fanIn + j] += gradA[i * fanOut + j] }
                    }
                }
            }
            if hasNonFinite(g) { return nil }
            guard l > 1 else { return [] }
            if mayUnderflow(gradA, p[0..<(fanOut * fanIn)]) { return nil }
            var next = [T](repeating: 0, count: n * fanIn)
            MLPNetwork.accumulate(.none, m: n, n: fanIn, k: fanOut, gradA, lda: fanOut, Array(p[0..<(fanOut * fanIn)]), ldb: fanIn, into: &next)
            if hasNonFinite(next) { return nil }
            return next
        }
    }

    /// `c ← c + op(a)·b` in the textbook loop's order (see ``MatrixProduct/accumulateInOrder(_:m:n:k:_:lda:_:ldb:into:ldc:)``).
    // swiftlint:disable:next function_parameter_count
    fileprivate static func accumulate<T: GradFloat>(_ opA: Transposition, m: Int, n: Int, k: Int, _ a: [T], lda: Int, _ b: [T], ldb: Int,
                                                 into c: inout [T]) {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    MatrixProduct.accumulateInOrder(opA, m: m, n: n, k: k, a.baseAddress!, lda: lda, b.baseAddress!, ldb: ldb,
                                                    into: c.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// The smallest |x| over the finite nonzero values, in Double (+∞ when there is none).
    fileprivate static func smallestMagnitude<T: GradFloat>(_ values: ArraySlice<T>) -> Double {
        var smallest = Double.infinity
        for value in values where value != 0 && value.isFinite { smallest = min(smallest, Double(value.magnitude)) }
        return smallest
    }
}
