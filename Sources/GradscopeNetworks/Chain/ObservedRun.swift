import GradscopeNumerics
/// What actually happens when a chain runs in one format: the first depth at
/// which each product is ±Inf/NaN (overflow) or 0 (underflow of a nonzero product).
struct ObservedRun: Sendable {
    var slope: (overflow: Int?, underflow: Int?) = (nil, nil)
    var firstBias: (overflow: Int?, underflow: Int?) = (nil, nil)
    var firstWeight: (overflow: Int?, underflow: Int?) = (nil, nil)
    var forwardOverflowDepth: Int?
    /// The depth at which (dy/dx)·w overflowed although the finished factor would not have.
    var intermediateOverflowDepth: Int?
    /// The first layer whose φ'(a) rounds to 0 in this format although it is not exactly 0.
    var slopeUnderflowDepth: Int?
    /// The first layer whose pre-activation differs from the exact one by more than 1 %.
    var forwardDriftDepth: Int?
    var confirmedByBackprop = true
    var notes: [String] = []
}

/// Runs an ``OverflowForecaster``'s chain in the visited type.
struct ObservedRunVisitor: PrecisionVisitor {
    let forecaster: OverflowForecaster

    func visit<T: GradFloat>(_ type: T.Type) -> ObservedRun {
        var run = ObservedRun()
        let f = forecaster
        let x = T(f.input)
        var y = x, d: T = 1, g: T = 1
        var exactY = f.input
        var slopes: [T] = []
        slopes.reserveCapacity(f.maxDepth)
        var exactlyZero = false
        // A narrow format can round a value past its largest finite one and saturate it:
        // that is an overflow too, as is a weight that does not fit (nil for the wide formats).
        let narrow = T.precision.narrowFormat
        func roundsPast(_ exact: Double) -> Bool { narrow?.roundsPastGreatestFinite(exact) ?? false }
        for l in 1...f.maxDepth {
            let layer = f.layer(at: l)
            let kernel = ChainRecurrence<T>(layer)
            let w = kernel.weight
            let weightPast = roundsPast(layer.weight)
            let step = kernel.forward(y)
            y = step.output
            slopes.append(step.slope)
            let exactA = layer.weight * exactY + layer.bias
            exactY = layer.activation(exactA)
            if layer.activation.logSlopeMagnitude(at: exactA) == -.infinity || layer.weight == 0 { exactlyZero = true }
            if run.forwardDriftDepth == nil, exactA.isFinite, abs(Double(step.preactivation) - exactA) > 0.01 * abs(exactA) {
                run.forwardDriftDepth = l
            }
            if run.slopeUnderflowDepth == nil, step.slope == 0, !exactlyZero { run.slopeUnderflowDepth = l }
            if run.forwardOverflowDepth == nil, !y.isFinite { run.forwardOverflowDepth = l }

            let scaledPast = weightPast || roundsPast(Double(d) * Double(w))
            let (scaled, carried) = kernel.carry(d, slope: step.slope)
            let slopePast = scaledPast || roundsPast(Double(scaled) * Double(step.slope))
            d = carried
            // ∂y_l/∂b₁ starts at φ'(a₁) (b₁ enters a₁ directly, no weight), then carries as dy/dx does.
            let gStep = l == 1 ? (scaled: step.slope, carried: step.slope) : kernel.carry(g, slope: step.slope)
            let biasPast = (l > 1 && (weightPast || roundsPast(Double(g) * Double(w)))) || roundsPast(Double(gStep.scaled) * Double(step.slope))
            g = gStep.carried
            let gw = g * x
            let weightGradientPast = biasPast || roundsPast(Double(g) * Double(x))
            if run.slope.overflow == nil, !d.isFinite || slopePast {
                run.slope.overflow = l
                if !scaled.isFinite || (scaledPast && narrow != nil) { run.intermediateOverflowDepth = l }
            }
            if !exactlyZero {
                if run.slope.underflow == nil, d == 0 { run.slope.underflow = l }
                if run.firstBias.underflow == nil, g == 0 { run.firstBias.underflow = l }
                if f.input != 0, run.firstWeight.underflow == nil, gw == 0 { run.firstWeight.underflow = l }
            }
            if run.firstBias.overflow == nil, !g.isFinite || biasPast { run.firstBias.overflow = l }
            if f.input != 0, run.firstWeight.overflow == nil, !gw.isFinite || weightGradientPast { run.firstWeight.overflow = l }
            if run.slope.overflow != nil, run.firstBias.overflow != nil, run.firstWeight.overflow != nil || f.input == 0,
               run.forwardOverflowDepth != nil || !y.isFinite { break }
        }
        confirm(&run, slopes: slopes)
        return run
    }

    /// Re-derives ∂y_L/∂b_1 at the observed depths by an actual reverse pass,
    /// `∂y_L/∂a_l = (∂y_L/∂a_{l+1}·w_{l+1})·φ'(a_l)`, and notes any disagreement.
    func confirm<T: GradFloat>(_ run: inout ObservedRun, slopes: [T]) {
        // In a narrow format a product can round past the largest finite value and saturate:
        // `past` records that, so a saturated reverse pass counts as overflowed too.
        let narrow = T.precision.narrowFormat
        func backprop(depth: Int) -> (gradient: T, past: Bool) {
            var upstream: T = 1
            var gradient: T = 0
            var past = false
            for l in stride(from: depth, through: 1, by: -1) {
                let layer = forecaster.layer(at: l)
                let kernel = ChainRecurrence<T>(layer)
                if let narrow {
                    past = past || narrow.roundsPastGreatestFinite(Double(upstream) * Double(slopes[l - 1]))
                    if l > 1 { past = past || narrow.roundsPastGreatestFinite(layer.weight) }
                }
                (gradient, upstream) = kernel.backward(upstream, slope: slopes[l - 1])
                if let narrow, l > 1 { past = past || narrow.roundsPastGreatestFinite(Double(gradient) * Double(kernel.weight)) }
            }
            return (gradient, past)
        }
        for (kind, depth) in [("overflow", run.firstBias.overflow), ("underflow", run.firstBias.underflow)] {
            guard let depth, depth <= slopes.count else { continue }
            let (at, atPast) = backprop(depth: depth)
            let (before, beforePast) = depth > 1 ? backprop(depth: depth - 1) : (1, false)
            let hit = kind == "overflow" ? !at.isFinite || atPast : at == 0
            let clearBefore = kind == "overflow" ? before.isFinite && !beforePast : before != 0
            if !(hit && clearBefore) {
                run.confirmedByBackprop = false
                run.notes.append("∂y/∂b₁ \(kind): the reverse pass gives \(Double(at)) at depth \(depth) and \(Double(before)) at depth \(depth - 1); it multiplies in the opposite order to the forward accumulation.")
            }
        }
    }
}
