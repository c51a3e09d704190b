import GradscopeNumerics
/// The loss of a ``SurfaceModel`` at the last step T.
public enum SurfaceLoss: String, CaseIterable, Codable, Sendable {
    /// `L = (φ(x_T) − target)²`: the unit's output against the target (Pascanu et al. 2013, Fig. 6).
    case output
    /// `L = (x_T − target)²`: the state itself (the W2 benchmark and `surface.csv`).
    case state
}
