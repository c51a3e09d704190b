/// A point in drawing space (pixels or terminal dots), y growing downwards.
struct Point: Sendable, Hashable {
    var x: Double
    var y: Double
}

/// A rectangle in drawing space.
struct Rect: Sendable, Hashable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    func contains(_ point: Point) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    /// The part of the segment a→b inside the rectangle (Liang–Barsky), with whether each end was cut.
    func clip(_ a: Point, _ b: Point) -> (start: Point, end: Point, cutStart: Bool, cutEnd: Bool)? {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - x), (dx, maxX - a.x), (-dy, a.y - y), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            }
        }
        guard t0 <= t1 else { return nil }
        return (Point(x: a.x + t0 * dx, y: a.y + t0 * dy), Point(x: a.x + t1 * dx, y: a.y + t1 * dy), t0 > 0, t1 < 1)
    }
}

/// Maps data (x, y) to drawing space through the axes' scales and domains.
struct Projection: Sendable {
    var xScale: AxisScale = .linear
    /// Domains in axis coordinates (log10 on a log axis).
    var xDomain: ClosedRange<Double>
    var yScale: AxisScale
    var yDomain: ClosedRange<Double>
    var rect: Rect

    func pixelX(_ coordinate: Double) -> Double {
        rect.x + (coordinate - xDomain.lowerBound) / span(xDomain) * rect.width
    }

    func pixelY(_ coordinate: Double) -> Double {
        rect.maxY - (coordinate - yDomain.lowerBound) / span(yDomain) * rect.height
    }

    /// The drawing position of (x, y), or nil when either has no coordinate (NaN, ±Inf, 0 on log).
    func point(x: Double, y: Double) -> Point? {
        guard let cx = xScale.coordinate(of: x), let cy = yScale.coordinate(of: y) else { return nil }
        return Point(x: pixelX(cx), y: pixelY(cy))
    }

    private func span(_ domain: ClosedRange<Double>) -> Double {
        domain.upperBound > domain.lowerBound ? domain.upperBound - domain.lowerBound : 1
    }
}
