import GradscopeCore

/// The parameters of `/api/surface…`, validated: Pascanu's single-unit RNN
/// x_t = w·φ(x_{t−1}) + b on a (w, b) window, and optionally a descent start.
///
/// ```swift
/// let settings = try SurfaceSettings(QueryReader(query: "start=5,-2.4", allowed: SurfaceSettings.parameterNames))
/// settings.experiment.run().clipped.longestStep   // ≤ lr·clip = 1
/// ```
struct SurfaceSettings: Sendable {
    /// The activations the surface is defined for (Pascanu's sigmoid, and tanh).
    enum SurfaceActivation: String, CaseIterable, Sendable {
        case sigmoid, tanh
        var activation: Activation { self == .sigmoid ? .sigmoid : .tanh }
    }

    static let parameterNames: Set<String> = [
        "activation", "w", "b", "grid", "start", "lr", "clip", "iterations", "steps", "x0", "target", "loss",
    ]

    var activation: SurfaceActivation
    var weights: ClosedRange<Double>
    var biases: ClosedRange<Double>
    var grid: Int
    /// Where both descents start; nil draws the surface alone.
    var start: (w: Double, b: Double)?
    var learningRate: Double
    var clipThreshold: Double
    var iterations: Int
    var steps: Int
    var initialState: Double
    var target: Double
    var loss: SurfaceLoss

    init(_ query: QueryReader) throws(APIError) {
        activation = try query.choice("activation", default: .sigmoid)
        weights = try query.interval("w", default: 2...14)
        biases = try query.interval("b", default: -10...2)
        grid = try query.integer("grid", in: Limits.surfaceGrid, default: 96)
        steps = try query.integer("steps", in: Limits.surfaceSteps, default: 50)
        iterations = try query.integer("iterations", in: Limits.surfaceIterations, default: 40)
        learningRate = try query.number("lr", default: 1)
        guard learningRate > 0, learningRate <= Limits.learningRate else {
            throw .outOfRange("lr", "a learning rate with 0 < lr ≤ 100", got: query.text("lr") ?? "")
        }
        clipThreshold = try query.number("clip", default: 1)
        guard clipThreshold > 0 else {
            throw .outOfRange("clip", "a clipping threshold > 0 (at most 1e6)", got: query.text("clip") ?? "")
        }
        initialState = try query.number("x0", default: 0.5)
        target = try query.number("target", default: 0.7)
        loss = try query.choice("loss", default: .output)
        guard grid * grid * steps <= Limits.surfaceWork else {
            throw APIError("grid² × steps must be at most \(Limits.surfaceWork) (the work of one request), got \(grid)² × \(steps) = \(grid * grid * steps). Lower grid or steps.",
                           parameter: "grid")
        }
        if let text = query.text("start") {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2, let w = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let b = Double(parts[1].trimmingCharacters(in: .whitespaces)),
                  weights.contains(w), biases.contains(b) else {
                throw .outOfRange("start", "a point w,b inside the window (w in \(weights.lowerBound.shortText):\(weights.upperBound.shortText), b in \(biases.lowerBound.shortText):\(biases.upperBound.shortText), e.g. 5,-2.4)", got: text)
            }
            start = (w, b)
        }
    }

    var model: SurfaceModel {
        SurfaceModel(activation: activation.activation, initialState: initialState, target: target, steps: steps, loss: loss)
    }

    /// The experiment of `gradscope surface` with these settings (the default start when none is given).
    var experiment: CliffExperiment {
        CliffExperiment(model: model, weights: weights, biases: biases, resolution: grid,
                        startWeight: start?.w ?? 5, startBias: start?.b ?? -2.4, learningRate: learningRate,
                        clipThreshold: clipThreshold, iterations: start == nil ? 0 : iterations)
    }
}
