import GradscopeNumerics
import RealModule

/// Predicts and observes where a deep chain's gradients overflow or underflow
/// each format (see ``OverflowForecast`` for the formulas).
///
/// ```swift
/// let forecaster = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0)
/// forecaster.forecast(in: .float16).slope.observedOverflowDepth   // 6: 8^6 > 65504
/// ```
public struct OverflowForecaster: Sendable {
    /// The layer repeated at every depth.
    public var layer: ChainLayer
    /// A different first layer, if any.
    public var firstLayer: ChainLayer?
    /// The input x.
    public var input: Double
    /// The deepest chain examined.
    public var maxDepth: Int
    /// What rounding past the largest finite value gives in float8_e4m3fn and float8_e5m2
    /// (the other narrow formats always saturate, the wide ones always give ±Inf).
    public var overflow: OverflowRule = .nonfinite

    public init(layer: ChainLayer, firstLayer: ChainLayer? = nil, input: Double, maxDepth: Int = 10_000) {
        precondition(maxDepth >= 1, "maxDepth must be at least 1.")
        self.layer = layer
        self.firstLayer = firstLayer
        self.input = input
        self.maxDepth = maxDepth
    }

    /// The layer at 1-based depth l.
    func layer(at l: Int) -> ChainLayer { l == 1 ? (firstLayer ?? layer) : layer }

    /// `log10|dy_L/dx|` for L = 1…maxDepth, exact (Double forward pass, log space), so it is
    /// finite even where the value itself is beyond every format.
    public func log10SlopeMagnitudes() -> [Double] {
        ExactLogRun(self).logSlope.map { $0 / Double.log(10) }
    }

    /// Forecasts for each precision, in the order given.
    public func forecasts(in precisions: [Precision] = Precision.wideFormats) -> [OverflowForecast] {
        let exact = ExactLogRun(self)
        return precisions.map { forecast(in: $0, exact: exact) }
    }

    /// The forecast for one precision.
    public func forecast(in precision: Precision) -> OverflowForecast {
        forecast(in: precision, exact: ExactLogRun(self))
    }

    func forecast(in precision: Precision, exact: ExactLogRun) -> OverflowForecast {
        let observed = precision.visit(ObservedRunVisitor(forecaster: self), overflow: overflow)
        let over = precision.logOverflowThreshold, under = precision.logUnderflowThreshold
        func predicted(_ logs: [Double]) -> (overflow: Int?, underflow: Int?) {
            (logs.firstIndex { $0 >= over }.map { $0 + 1 },
             logs.firstIndex { $0 <= under && $0 > -.infinity }.map { $0 + 1 })
        }
        let slope = predicted(exact.logSlope), bias = predicted(exact.logFirstBias), weight = predicted(exact.logFirstWeight)
        var forecast = OverflowForecast(
            precision: precision,
            slope: .init(predictedOverflowDepth: slope.overflow, observedOverflowDepth: observed.slope.overflow,
                         predictedUnderflowDepth: slope.underflow, observedUnderflowDepth: observed.slope.underflow),
            firstBias: .init(predictedOverflowDepth: bias.overflow, observedOverflowDepth: observed.firstBias.overflow,
                             predictedUnderflowDepth: bias.underflow, observedUnderflowDepth: observed.firstBias.underflow),
            firstWeight: .init(predictedOverflowDepth: weight.overflow, observedOverflowDepth: observed.firstWeight.overflow,
                               predictedUnderflowDepth: weight.underflow, observedUnderflowDepth: observed.firstWeight.underflow),
            forwardOverflowDepth: observed.forwardOverflowDepth,
            exactZeroDepth: exact.exactZeroDepth,
            confirmedByBackprop: observed.confirmedByBackprop,
            notes: observed.notes)
        forecast.notes += explanations(forecast, exact: exact, observed: observed)
        return forecast
    }

    /// Why prediction and run disagree, in words, one note per disagreement.
    func explanations(_ f: OverflowForecast, exact: ExactLogRun, observed: ObservedRun) -> [String] {
        var notes: [String] = []
        let name = f.precision.displayName
        let quantities: [(String, OverflowForecast.Depths)] = [("dy/dx", f.slope), ("∂y/∂b₁", f.firstBias), ("∂y/∂w₁", f.firstWeight)]
        for (label, d) in quantities {
            for (kind, p, o) in [("overflow", d.predictedOverflowDepth, d.observedOverflowDepth),
                                 ("underflow", d.predictedUnderflowDepth, d.observedUnderflowDepth)] where p != o {
                let at = [p, o].compactMap { $0 }.min()!
                var why = "the \(name) run rounds each factor w·φ'(a) to \(f.precision.significandBitCount + 1) bits, which shifts the depth"
                if let l = observed.intermediateOverflowDepth, kind == "overflow", l == o {
                    why = "at depth \(l) the intermediate (dy/dx)·w overflowed before φ'(a_\(l)) could scale it back (the run multiplies in the order (d·w)·φ')"
                } else if let l = observed.slopeUnderflowDepth, l <= at + 1 {
                    why = "φ'(a_\(l)) ≈ \(Self.format(Double.exp(exact.logActivationSlope[l - 1]))) is below \(name)'s smallest subnormal \(Self.format(f.precision.leastNonzeroMagnitude)) and rounds to 0 on its own"
                } else if let l = observed.forwardDriftDepth, l <= at {
                    why = "the \(name) forward pass drifts from the exact one from depth \(l) on (a_\(l) differs by more than 1 %), so its factors differ"
                } else if kind == "underflow" {
                    why = "in the subnormal range the running product keeps fewer than \(f.precision.significandBitCount + 1) bits, so its rounding decides the last layer"
                }
                notes.append("\(label) \(kind): predicted \(p.map(String.init) ?? "never"), observed \(o.map(String.init) ?? "never") — \(why).")
            }
        }
        if f.exactZeroDepth != nil || input == 0 {
            if let z = f.exactZeroDepth {
                notes.append("From depth \(z) a factor is exactly zero (relu'(a) = 0 for a ≤ 0), so the gradients are exactly 0 there: not an underflow.")
            }
            if input == 0 {
                notes.append("∂y/∂w₁ = x·∂y/∂b₁ is exactly 0 at x = 0: it never overflows or underflows.")
            }
        }
        return notes
    }

    static func format(_ value: Double) -> String {
        value == 0 ? "0" : String(describing: Float(value))
    }
}

/// The exact log-magnitudes of the products, from a Double forward pass.
struct ExactLogRun: Sendable {
    var logSlope: [Double] = []
    var logFirstBias: [Double] = []
    var logFirstWeight: [Double] = []
    var logActivationSlope: [Double] = []
    var exactZeroDepth: Int?

    init(_ f: OverflowForecaster) {
        var y = f.input, sum = 0.0
        let first = f.layer(at: 1)
        let logFirstWeightMagnitude = Double.log(abs(first.weight)), logInput = Double.log(abs(f.input))
        for l in 1...f.maxDepth {
            let layer = f.layer(at: l)
            let a = layer.weight * y + layer.bias
            y = layer.activation(a)
            let logActivation = layer.activation.logSlopeMagnitude(at: a)
            sum += Double.log(abs(layer.weight)) + logActivation
            if sum == -.infinity, exactZeroDepth == nil { exactZeroDepth = l }
            logActivationSlope.append(logActivation)
            logSlope.append(sum)
            let bias = sum - logFirstWeightMagnitude
            logFirstBias.append(bias.isNaN ? -.infinity : bias)
            logFirstWeight.append(bias.isNaN ? -.infinity : bias + logInput)
        }
    }
}
