import GradscopeGallery

/// The query of `/api/surface…` as ``SurfaceExperiment/Settings``: `gradscope surface`'s flags without
/// the dashes, within one request's budget (``Limits``), and with the explorer's defaults — a 96-point
/// grid, and no descent until the page sends a clicked `start=w,b` inside the window.
///
/// ```swift
/// let settings = try SurfaceSettings.read(QueryReader(query: "start=5,-2.4", allowed: SurfaceSettings.parameterNames))
/// ```
enum SurfaceSettings {
    static let parameterNames: Set<String> = [
        "activation", "w", "b", "grid", "start", "lr", "clip", "iterations", "steps", "x0", "target", "loss", "precision", "overflow",
    ]

    static func read(_ query: QueryReader) throws(APIError) -> SurfaceExperiment.Settings {
        let defaults = SurfaceExperiment.Settings()
        var settings = defaults
        settings.activation = try query.activation("activation", default: defaults.activation)
        settings.w = try query.interval("w", default: defaults.w)
        settings.b = try query.interval("b", default: defaults.b)
        settings.grid = try query.integer("grid", in: Limits.surfaceGrid, default: 96)
        settings.steps = try query.integer("steps", in: Limits.surfaceSteps, default: defaults.steps)
        settings.iterations = try query.integer("iterations", in: Limits.surfaceIterations, default: defaults.iterations)
        settings.lr = try query.number("lr", default: defaults.lr)
        guard settings.lr > 0, settings.lr <= Limits.learningRate else {
            throw .outOfRange("lr", "a learning rate with 0 < lr ≤ 100", got: query.text("lr") ?? "")
        }
        settings.clip = try query.number("clip", default: defaults.clip)
        guard settings.clip > 0 else {
            throw .outOfRange("clip", "a clipping threshold > 0 (at most 1e6)", got: query.text("clip") ?? "")
        }
        settings.x0 = try query.number("x0", default: defaults.x0)
        settings.target = try query.number("target", default: defaults.target)
        settings.loss = try query.choice("loss", default: defaults.loss)
        settings.precision = try query.choice("precision", default: defaults.precision)
        settings.overflow = try query.choice("overflow", default: defaults.overflow)
        let (grid, steps) = (settings.grid, settings.steps)
        guard grid * grid * steps <= Limits.surfaceWork else {
            throw APIError("grid² × steps must be at most \(Limits.surfaceWork) (the work of one request), got \(grid)² × \(steps) = \(grid * grid * steps). Lower grid or steps.",
                           parameter: "grid")
        }
        settings.start = nil
        if let text = query.text("start") {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            let (w, b) = (settings.w, settings.b)
            guard parts.count == 2, let startW = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let startB = Double(parts[1].trimmingCharacters(in: .whitespaces)),
                  w.contains(startW), b.contains(startB) else {
                throw .outOfRange("start", "a point w,b inside the window (w in \(w.lowerBound.windowText):\(w.upperBound.windowText), b in \(b.lowerBound.windowText):\(b.upperBound.windowText), e.g. 5,-2.4)", got: text)
            }
            settings.start = .init(w: startW, b: startB)
        }
        return settings
    }
}

private extension Double {
    /// "2" for a whole number below 1e15, else Swift's shortest text ("-2.4").
    var windowText: String { self == rounded() && magnitude < 1e15 ? String(Int(self)) : String(self) }
}
