/// Why a point of a series could not be drawn.
enum Gap: Sendable, Hashable, CaseIterable {
    case positiveInfinity, negativeInfinity, notANumber, zeroOnLogAxis

    init?(y: Double, on scale: AxisScale) {
        switch (y, scale) {
        case (let y, _) where y.isNaN: self = .notANumber
        case (.infinity, _), (-.infinity, .log10): self = .positiveInfinity
        case (-.infinity, _): self = .negativeInfinity
        case (0, .log10): self = .zeroOnLogAxis
        default: return nil
        }
    }

    /// The legend note for this kind of gap.
    var note: String {
        switch self {
        case .positiveInfinity: "▲ overflow to Inf"
        case .negativeInfinity: "▼ overflow to −Inf"
        case .notANumber: "✕ NaN"
        case .zeroOnLogAxis: "○ gap: y = 0 has no log"
        }
    }

    /// The plain-text glyph for terminals without colour.
    var asciiGlyph: Character {
        switch self {
        case .positiveInfinity: "^"
        case .negativeInfinity: "v"
        case .notANumber: "X"
        case .zeroOnLogAxis: "_"
        }
    }
}

/// A series resolved into drawable pieces: polylines clipped to the plot, and where gaps begin.
struct Trace: Sendable {
    /// Polylines in drawing space; a one-point run is an isolated point.
    var runs: [[Point]] = []
    /// The drawing x of each point where a run of Inf, NaN or log-zero values begins.
    var gapMarks: [(gap: Gap, x: Double)] = []
    /// How many negative values a log axis drew as |y|.
    var negativesOnLogAxis = 0

    init(series: Series, projection: Projection) {
        let bounds = projection.rect.insetBy(-1)
        var current: [Point] = []
        var previous: Point?
        var previousGap: Gap?
        func finishRun() {
            if !current.isEmpty { runs.append(current) }
            current = []
        }
        for (x, y) in zip(series.xs, series.ys) {
            if projection.yScale == .log10, y < 0 { negativesOnLogAxis += 1 }
            let gap = x.isFinite ? Gap(y: y, on: projection.yScale) : nil
            if let gap, gap != previousGap, let cx = projection.xScale.coordinate(of: x),
               projection.xDomain.contains(cx) {
                gapMarks.append((gap, projection.pixelX(cx)))
            }
            previousGap = gap
            guard let point = projection.point(x: x, y: y) else {
                if previous != nil, current.isEmpty, bounds.contains(previous!) { runs.append([previous!]) }
                finishRun()
                previous = nil
                continue
            }
            if let start = previous {
                if let piece = bounds.clip(start, point) {
                    if piece.cutStart || current.isEmpty {
                        finishRun()
                        current = [piece.start]
                    }
                    current.append(piece.end)
                    if piece.cutEnd { finishRun() }
                } else {
                    finishRun()
                }
            }
            previous = point
        }
        if let last = previous, current.isEmpty, bounds.contains(last),
           runs.last?.last != last { runs.append([last]) }
        finishRun()
    }
}
