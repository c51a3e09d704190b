import GradscopeNumerics
import CVectorMath

extension Activation {
    /// The activations a recurrent cell accepts: tanh, sigmoid, relu and linear.
    public static let recurrentCases: [Activation] = [.tanh, .sigmoid, .relu, .linear]

    /// `value[i] = φ(a[i])` and `slope[i] = φ'(a[i])` for `count` pre-activations.
    ///
    /// Float and Double run through the vectorised chain kernel of `CVectorMath` as a
    /// one-layer chain `φ(1·a + 0)` (libmvec exp/tanh, the saturation-safe slopes
    /// tanh' = 4e/(1+e)², σ' = e/(1+e)², within 4 ulp); other formats, and activations
    /// the kernel does not cover, use ``valueAndDerivative(at:)`` one value at a time.
    /// NaN and ±Inf propagate as in ``valueAndDerivative(at:)``. `value` and `slope` must
    /// not overlap `a`.
    public func apply<T: GradFloat>(to a: UnsafePointer<T>, value: UnsafeMutablePointer<T>, slope: UnsafeMutablePointer<T>,
                                    count: Int) {
        guard count > 0 else { return }
        if let code = ChainKernels.activationCode(self), T.self == Double.self || T.self == Float.self {
            var layer = ChainLayerC(act: code, w: 1, b: 0)
            let status = withUnsafePointer(to: &layer) { layer in
                T.self == Double.self
                    ? gs_chain_sweep_f64(layer, 1, UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), count,
                                         UnsafeMutableRawPointer(value).assumingMemoryBound(to: Double.self),
                                         UnsafeMutableRawPointer(slope).assumingMemoryBound(to: Double.self), count, -1)
                    : gs_chain_sweep_f32(layer, 1, UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), count,
                                         UnsafeMutableRawPointer(value).assumingMemoryBound(to: Float.self),
                                         UnsafeMutableRawPointer(slope).assumingMemoryBound(to: Float.self), count, -1)
            }
            precondition(status == GS_OK, "gs_chain_sweep failed with status \(status).")
            return
        }
        for i in 0..<count {
            let (v, d) = valueAndDerivative(at: a[i])
            value[i] = v
            slope[i] = d
        }
    }
}
