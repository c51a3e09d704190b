/// What one request may ask for, so that no request can take the server down.
///
/// The largest request (points × depth = 2,000,000 layer evaluations) takes about
/// a tenth of a second in a release build on one core.
public enum Limits {
    /// Layers of a chain or nestings of a formula.
    public static let depth = 1...1000
    /// Depths of the overflow forecast (cheap: one scalar run per format).
    public static let overflowDepth = 1...10_000
    /// Points of the x grid.
    public static let points = 2...5000
    /// points × depth: the layer evaluations of one request.
    public static let work = 2_000_000
    /// points × depth × the formula's operations per layer (a 4-operation layer such as
    /// `sigmoid(w*x - w/2)` at the largest points × depth is 8,000,000).
    public static let operations = 10_000_000
    /// Depths drawn or returned at once (`depths=`).
    public static let shownDepths = 20
    /// |x|, |w|, |b|, |at| and parameter values.
    public static let magnitude = 1e6
    /// Characters of a formula.
    public static let formulaLength = 500
    /// Characters of any other parameter value.
    public static let valueLength = 100
    /// Named formula parameters (`param.NAME=`).
    public static let formulaParameters = 10
    /// Grid points per axis of the (w, b) surface.
    public static let surfaceGrid = 2...128
    /// Time steps T of the recurrent unit.
    public static let surfaceSteps = 1...200
    /// Gradient-descent steps of each trajectory.
    public static let surfaceIterations = 1...200
    /// The largest learning rate of the descents.
    public static let learningRate = 100.0
    /// grid² × T: the recurrent steps of one surface (128² × 122 ≈ 2e6).
    public static let surfaceWork = 2_000_000
}
