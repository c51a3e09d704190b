import GradscopeCharts

extension LineChart {
    /// The same chart with each series thinned to the points that change the picture by more
    /// than `tolerance` pixels (Ramer–Douglas–Peucker on the drawn coordinates, log axis
    /// included), so a 1000-point curve that is mostly flat costs tens of points to draw.
    ///
    /// Points that are not drawn (NaN, ±Inf, 0 on a log axis) are all kept, so gaps and the
    /// chart's notes about them are unchanged; the JSON and CSV endpoints always give every point.
    public func thinned(tolerance: Double = 0.25) -> LineChart {
        let drawable = series.flatMap { $0.ys.compactMap { self.yScale.coordinate(of: $0) } }
        let xs = series.flatMap(\.xs).filter(\.isFinite)
        guard let yLow = drawable.min(), let yHigh = drawable.max(), let xLow = xs.min(), let xHigh = xs.max() else { return self }
        // Pixels per unit of the plot area Charts draws into.
        let frame = plotFrame
        let xPixels: Double = xHigh > xLow ? frame.width / (xHigh - xLow) : 1
        let yPixels: Double = yHigh > yLow ? frame.height / (yHigh - yLow) : 1
        var copy = self
        copy.series = series.map { line in
            let kept = Self.keptIndices(xs: line.xs.map { $0 * xPixels }, ys: line.ys.map { self.yScale.coordinate(of: $0).map { $0 * yPixels } },
                                        tolerance: tolerance)
            var thin = line
            thin.xs = kept.map { line.xs[$0] }
            thin.ys = kept.map { line.ys[$0] }
            return thin
        }
        return copy
    }

    /// The indices to keep: every undrawn point, and within each run of drawn points the
    /// Ramer–Douglas–Peucker subset at `tolerance` (iterative, no recursion).
    package static func keptIndices(xs: [Double], ys: [Double?], tolerance: Double) -> [Int] {
        var keep = [Bool](repeating: false, count: xs.count)
        var start = 0
        while start < xs.count {
            guard ys[start] != nil, xs[start].isFinite else { keep[start] = true; start += 1; continue }
            var end = start
            while end + 1 < xs.count, ys[end + 1] != nil, xs[end + 1].isFinite { end += 1 }
            keep[start] = true
            keep[end] = true
            var pending = [(start, end)]
            while let (a, b) = pending.popLast() {
                guard b > a + 1 else { continue }
                let ax = xs[a], ay = ys[a]!, dx = xs[b] - ax, dy = ys[b]! - ay
                let length = (dx * dx + dy * dy).squareRoot()
                var worst = a, worstDistance = 0.0
                for i in (a + 1)..<b {
                    let px = xs[i] - ax, py = ys[i]! - ay
                    let distance = length > 0 ? abs(px * dy - py * dx) / length : (px * px + py * py).squareRoot()
                    if distance > worstDistance { worst = i; worstDistance = distance }
                }
                if worstDistance > tolerance {
                    keep[worst] = true
                    pending.append((a, worst))
                    pending.append((worst, b))
                }
            }
            start = end + 1
        }
        return keep.indices.filter { keep[$0] }
    }
}
