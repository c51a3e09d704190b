import GradscopeNumerics
/// The loss of a ``SurfaceModel`` at one (w, b), its exact gradient, and the last state x_T.
public struct SurfacePoint<T: GradFloat>: Sendable, Hashable {
    /// L(w, b).
    public var loss: T
    /// ∂L/∂w.
    public var dLossDW: T
    /// ∂L/∂b.
    public var dLossDB: T
    /// The state after T steps, x_T.
    public var finalState: T

    public init(loss: T, dLossDW: T, dLossDB: T, finalState: T) {
        self.loss = loss
        self.dLossDW = dLossDW
        self.dLossDB = dLossDB
        self.finalState = finalState
    }

    /// ‖∇L‖ = √((∂L/∂w)² + (∂L/∂b)²), computed in Double (no overflow before Double's range).
    public var gradientNorm: Double {
        let dw = Double(dLossDW), db = Double(dLossDB)
        return (dw * dw + db * db).squareRoot()
    }

    /// Whether the loss and both partial derivatives are finite.
    public var isFinite: Bool { loss.isFinite && dLossDW.isFinite && dLossDB.isFinite }
}
