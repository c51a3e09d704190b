import GradscopeNumerics
/// Where x_T jumps between the basins of the two stable fixed points of `x ↦ w·φ(x) + b`,
/// found by bisection on b at a fixed w: the cliff of ``SurfaceModel``'s loss.
///
/// For T → ∞ the jump sits where x_0 is the unstable fixed point, `b* = x_0 − w·φ(x_0)`
/// (when w·φ'(x_0) > 1); at finite T the gradient there grows like (w·φ'(x_0))^T.
public struct BasinBoundary: Sendable, Hashable, Codable {
    /// The fixed weight.
    public var w: Double
    /// The bias of the jump (the midpoint of the final bracket).
    public var b: Double
    /// The width of the final bracket in b.
    public var bracketWidth: Double
    /// x_T at the lower and upper end of the final bracket.
    public var stateBelow: Double
    public var stateAbove: Double

    /// |x_T above − x_T below|: what is left of the jump across the final bracket.
    public var jump: Double { abs(stateAbove - stateBelow) }

    /// |Δx_T/Δb| across the final bracket: how steep the wall is.
    public var steepness: Double { jump / bracketWidth }
}

extension SurfaceModel {
    /// The basin boundary along b at fixed `w`, within `range`, or nil when x_T has no jump there.
    ///
    /// Scans `samples` biases for the largest change of x_T between neighbours, then bisects that
    /// bracket on `x_T(b) > level` (level = the midpoint of the bracket's two x_T) until it is
    /// `tolerance` wide. It is a wall when x_T still jumps across that final bracket — by at least
    /// half of the change across the scan's bracket, which a continuous x_T(b) cannot keep while the
    /// bracket shrinks some 2^35-fold — and changes at least `minimumSteepness` times faster than b
    /// there (|Δx_T/Δb| ≥ 100 by default; at the wall this grows like (w·φ'(x_0))^T). A steep but
    /// smooth x_T(b) (w = 5 in Pascanu's setting: x_T = −0.30709 on both sides) is no wall.
    /// Evaluated in Double.
    ///
    /// ```swift
    /// SurfaceModel.pascanu.basinBoundary(atW: 10, b: -10...2)?.b   // ≈ −5.7246 = 0.5 − 10·σ(0.5)
    /// ```
    public func basinBoundary(atW w: Double, b range: ClosedRange<Double>, samples: Int = 257,
                              tolerance: Double = 1e-12, minimumSteepness: Double = 100) -> BasinBoundary? {
        precondition(samples >= 2, "The scan needs at least 2 samples.")
        func state(_ b: Double) -> Double { evaluate(w: w, b: b).finalState }
        let bs = SurfaceGrid<Double>.samples(range, count: samples)
        let xs = bs.map(state)
        var widest: (index: Int, change: Double)?
        for i in 0..<samples - 1 {
            let change = abs(xs[i + 1] - xs[i])
            if change.isFinite, change > widest?.change ?? 0 { widest = (i, change) }
        }
        guard let widest else { return nil }
        var low = bs[widest.index], high = bs[widest.index + 1]
        var stateLow = xs[widest.index], stateHigh = xs[widest.index + 1]
        let level = (stateLow + stateHigh) / 2, lowIsBelow = stateLow < level
        while high - low > tolerance {
            let middle = low + (high - low) / 2
            guard middle > low, middle < high else { break }
            let x = state(middle)
            if (x < level) == lowIsBelow {
                (low, stateLow) = (middle, x)
            } else {
                (high, stateHigh) = (middle, x)
            }
        }
        let boundary = BasinBoundary(w: w, b: low + (high - low) / 2, bracketWidth: high - low,
                                     stateBelow: stateLow, stateAbove: stateHigh)
        return boundary.jump >= widest.change / 2 && boundary.steepness >= minimumSteepness ? boundary : nil
    }
}
