import GradscopeNumerics
/// Watches every operation of a training run and keeps the first that produced an Inf,
/// a NaN, or an underflow to 0, with its operands and cause.
///
/// Networks call ``check(_:_:)`` on every result (forward, loss, backward, update); the
/// site is an autoclosure, built only when the result is not finite, so a healthy run
/// costs one `isFinite` test per operation. Because the checks run in computation order,
/// the first Inf found has finite operands and the first NaN has no NaN operand: they are
/// where the trouble started, not where it spread to.
public struct OperationProbe: Sendable {
    /// The run's precision, named in causes.
    public let precision: Precision
    /// The current step (set by the trainer).
    public var step = 0
    /// The current data points' x values, to name the input of an anomaly.
    public var inputs: [Double] = []
    public private(set) var firstInfinity: Anomaly?
    public private(set) var firstNaN: Anomaly?
    public private(set) var firstUnderflow: Anomaly?
    /// The step and value at which each parameter first became non-finite.
    public private(set) var parametersGoneNonFinite: [String: (step: Int, value: Double)] = [:]
    /// Set by the trainer for mixed precision (AMP): the loss scale S, as a Float32. The network's
    /// loss then runs in Float32 as PyTorch's autocast runs `mse_loss` (on its CUDA float32 op
    /// list), and only the seeds S·∂L/∂y are rounded to the run's precision (see ``MeanSquaredError``).
    public var autocastLossScale: Float?
    /// Under autocast: the latest loss as computed, in Float32 (the network returns it rounded to its precision).
    public var autocastLoss: Float?

    public init(precision: Precision) { self.precision = precision }

    /// Records `result` if it is the run's first Inf or NaN.
    @inline(__always)
    public mutating func check<T: GradFloat>(_ result: T, _ site: @autoclosure () -> OperationSite) {
        if result.isFinite { return }
        record(Double(result), site())
    }

    /// Like ``check(_:_:)`` for a product or quotient `a ∘ b`, also recording the first
    /// underflow: a result of 0 from two nonzero finite operands.
    @inline(__always)
    public mutating func checkProduct<T: GradFloat>(_ result: T, _ a: T, _ b: T, _ site: @autoclosure () -> OperationSite) {
        if result.isFinite {
            if result == 0, firstUnderflow == nil, a != 0, b != 0, a.isFinite, b.isFinite {
                record(0, site())
            }
            return
        }
        record(Double(result), site())
    }

    /// Records an activation slope φ'(a) that rounded to 0 while the exact slope is not
    /// (its log magnitude is finite).
    @inline(__always)
    public mutating func checkSlope<T: GradFloat>(_ slope: T, logExactMagnitude: @autoclosure () -> Double,
                                                  _ site: @autoclosure () -> OperationSite) {
        if slope == 0, firstUnderflow == nil, logExactMagnitude().isFinite { record(0, site()) }
        else { check(slope, site()) }
    }

    /// Notes a parameter's new value after an update, so later causes can say when it went bad.
    public mutating func noteParameter(_ name: String, _ value: Double) {
        if !value.isFinite, parametersGoneNonFinite[name] == nil { parametersGoneNonFinite[name] = (step, value) }
    }

    private mutating func record(_ result: Double, _ site: OperationSite) {
        let kind: Anomaly.Kind = result.isNaN ? .nan : result.isInfinite ? .infinity : .underflow
        switch kind {
        case .infinity where firstInfinity != nil, .nan where firstNaN != nil, .underflow where firstUnderflow != nil: return
        default: break
        }
        let input = site.sample.flatMap { inputs.indices.contains($0) ? inputs[$0] : nil }
        let parameterGoneBad = site.operands.contains { $0.parameter.map { parametersGoneNonFinite[$0] != nil } ?? false }
        let anomaly = Anomaly(kind: kind, step: step, pass: site.pass, layer: site.layer, operation: site.label,
                              operationKind: site.kind, operands: site.operands, result: result, sample: site.sample,
                              input: input, cause: AnomalyCause.describe(kind, site: site, precision: precision,
                                                                         history: parametersGoneNonFinite),
                              causeKind: AnomalyCauseKind(kind, site: site, nonFiniteParameter: parameterGoneBad))
        switch kind {
        case .infinity: firstInfinity = anomaly
        case .nan: firstNaN = anomaly
        case .underflow: firstUnderflow = anomaly
        }
    }
}
