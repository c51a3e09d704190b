import GradscopeNumerics
/// The order-to-chaos phase diagram of φ over (σ_w², σ_b²) (Poole et al. 2016;
/// Schoenholz et al. 2017): χ₁ (and optionally ξ_c) at every grid point, and the
/// critical line χ₁ = 1. Rows are split across the cores.
///
/// ```swift
/// let diagram = PhaseDiagram(activation: .tanh, sigmaW2s: [0.5, 1, 2], sigmaB2s: [0, 0.1], quantities: .depthScales)
/// diagram.points[1][2].chi1   // σ_b² = 0.1, σ_w² = 2
/// ```
public struct PhaseDiagram: Sendable {
    public let activation: Activation
    public let sigmaW2s: [Double]
    public let sigmaB2s: [Double]
    /// What each grid point gets.
    public enum Quantities: Sendable {
        /// q* and χ₁ (one-unit integrals); c*, χ_c, ξ_q and ξ_c are NaN.
        case orderParameter
        /// Everything of ``MeanFieldPoint`` (two-unit integrals in the chaotic phase: slower).
        case depthScales
    }

    /// `points[b][w]` at (sigmaW2s[w], sigmaB2s[b]); with `.orderParameter` c*, χ_c, ξ_q, ξ_c are NaN.
    public let points: [[MeanFieldPoint]]
    /// The critical σ_w² at each σ_b² of `criticalSigmaB2s` (nil where χ₁ < 1 up to σ_w² = 10⁴).
    public let criticalLine: [(sigmaB2: Double, sigmaW2: Double)]

    /// - Parameters:
    ///   - criticalSigmaB2s: where to sample the critical line (default: `sigmaB2s`).
    ///   - progress: called once per grid point and per critical-line sample, from any thread.
    ///   - isCancelled: asked before each grid point and critical-line sample; once true the rest are
    ///     skipped (NaN points, no critical σ_w²): the caller checks it again and discards the diagram.
    public init(activation: Activation, sigmaW2s: [Double], sigmaB2s: [Double], quantities: Quantities,
                criticalSigmaB2s: [Double]? = nil, progress: (@Sendable () -> Void)? = nil,
                isCancelled: (@Sendable () -> Bool)? = nil) {
        self.activation = activation
        self.sigmaW2s = sigmaW2s
        self.sigmaB2s = sigmaB2s
        let cells = ParallelGrid.map(sigmaW2s.count * sigmaB2s.count) { i -> MeanFieldPoint in
            let field = MeanField(activation: activation, sigmaW2: sigmaW2s[i % sigmaW2s.count], sigmaB2: sigmaB2s[i / sigmaW2s.count])
            defer { progress?() }
            if isCancelled?() == true {
                return MeanFieldPoint(sigmaW2: field.sigmaW2, sigmaB2: field.sigmaB2, qStar: .nan, chi1: .nan, chiQ: .nan,
                                      cStar: .nan, chiC: .nan, xiQ: .nan, xiC: .nan)
            }
            if quantities == .depthScales { return field.fixedPoint() }
            let (q, chi1) = field.orderParameter()
            return MeanFieldPoint(sigmaW2: field.sigmaW2, sigmaB2: field.sigmaB2, qStar: q, chi1: chi1, chiQ: .nan,
                                  cStar: .nan, chiC: .nan, xiQ: .nan, xiC: .nan)
        }
        points = sigmaB2s.indices.map { b in Array(cells[b * sigmaW2s.count ..< (b + 1) * sigmaW2s.count]) }
        let samples = criticalSigmaB2s ?? sigmaB2s
        criticalLine = zip(samples, ParallelGrid.map(samples.count) { i -> Double? in
            defer { progress?() }
            if isCancelled?() == true { return nil }
            return MeanField.criticalSigmaW2(activation: activation, sigmaB2: samples[i])
        })
            .compactMap { b2, w2 in w2.map { (b2, $0) } }
    }
}
