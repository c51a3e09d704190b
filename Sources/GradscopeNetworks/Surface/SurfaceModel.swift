import GradscopeNumerics
/// The single-unit recurrent network of Pascanu, Mikolov & Bengio (2013), whose loss
/// over the (w, b) plane has a "cliff": a wall where the gradient explodes.
///
///     x_t = w·φ(x_{t−1}) + b,   t = 1…T,   x_0 given
///     L(w, b) = (φ(x_T) − target)²   (.output)   or   (x_T − target)²   (.state)
///
/// The gradient is exact, by forward-mode accumulation of the tangents
///
///     dx_t/dw = φ(x_{t−1}) + w·φ'(x_{t−1})·dx_{t−1}/dw,    dx_0/dw = 0
///     dx_t/db = 1          + w·φ'(x_{t−1})·dx_{t−1}/db,    dx_0/db = 0
///     ∂L/∂θ   = 2(x_T − target)·dx_T/dθ                       (.state)
///             = 2(φ(x_T) − target)·φ'(x_T)·dx_T/dθ            (.output)
///
/// every operation rounded to the precision it runs in. NaN and ±Inf propagate.
///
/// ```swift
/// let point = SurfaceModel.pascanu.evaluate(w: 10.0, b: -5.7)
/// point.gradientNorm   // huge: (10, −5.7) sits on the wall
/// ```
///
/// [Pascanu et al. 2013](https://arxiv.org/abs/1211.5063), section 3 and Fig. 6.
public struct SurfaceModel: Hashable, Sendable {
    /// The activation φ.
    public let activation: Activation
    /// The initial state x_0.
    public let initialState: Double
    /// The target of the loss.
    public let target: Double
    /// The number of steps T (≥ 0).
    public let steps: Int
    /// Which quantity is compared with the target.
    public let loss: SurfaceLoss

    public init(activation: Activation = .sigmoid, initialState: Double = 0.5, target: Double = 0.7,
                steps: Int = 50, loss: SurfaceLoss = .output) {
        precondition(steps >= 0, "SurfaceModel needs T ≥ 0 steps, got \(steps).")
        self.activation = activation
        self.initialState = initialState
        self.target = target
        self.steps = steps
        self.loss = loss
    }

    /// Pascanu's Fig. 6 setting: sigmoid, x_0 = 0.5, target 0.7, T = 50, loss on the output.
    public static let pascanu = SurfaceModel()

    /// The W2 benchmark's model: x_0 = 0.5, target 0.7, T = 50, loss on the state.
    public static func benchmark(_ activation: Activation) -> SurfaceModel {
        SurfaceModel(activation: activation, loss: .state)
    }

    /// The loss, its exact gradient and x_T at (w, b), every operation rounded to `T`.
    @inlinable
    public func evaluate<T: GradFloat>(w: T, b: T) -> SurfacePoint<T> {
        var x = T(initialState), dxdw: T = 0, dxdb: T = 0
        for _ in 0..<steps {
            let (a, s) = activation.valueAndDerivative(at: x)
            let k = w * s
            dxdw = a + k * dxdw
            dxdb = 1 + k * dxdb
            x = w * a + b
        }
        let residual: T, slope: T
        switch loss {
        case .state:
            residual = x - T(target)
            slope = 2 * residual
        case .output:
            let (y, s) = activation.valueAndDerivative(at: x)
            residual = y - T(target)
            slope = 2 * residual * s
        }
        return SurfacePoint(loss: residual * residual, dLossDW: slope * dxdw, dLossDB: slope * dxdb, finalState: x)
    }

    /// The states x_0…x_T at (w, b) in Double.
    public func states(w: Double, b: Double) -> [Double] {
        var x = initialState
        var states = [x]
        for _ in 0..<steps {
            x = w * activation(x) + b
            states.append(x)
        }
        return states
    }
}
