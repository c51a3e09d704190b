import GradscopeNumerics
/// Pascanu's cliff experiment in one value: a ``SurfaceModel`` on a (w, b) window, gradient
/// descent from one start point with and without norm clipping, and the basin boundary
/// (the wall) located by bisection at several w. Every face (CLI, tour, report) runs this.
///
/// ```swift
/// let result = CliffExperiment.pascanu.run(in: Double.self)
/// result.unclipped.longestStep   // ≈ 7.2: thrown off the cliff
/// result.clipped.longestStep     // ≤ η·threshold = 1
/// ```
public struct CliffExperiment: Hashable, Sendable {
    public let model: SurfaceModel
    /// The window of weights (columns) and biases (rows).
    public let weights: ClosedRange<Double>
    public let biases: ClosedRange<Double>
    /// Grid points per axis.
    public let resolution: Int
    /// The descent's start point (w, b).
    public let startWeight: Double
    public let startBias: Double
    /// The learning rate η.
    public let learningRate: Double
    /// Pascanu's clipping threshold for the clipped run.
    public let clipThreshold: Double
    /// Descent steps of each run.
    public let iterations: Int
    /// The number of evenly spaced w at which the wall is searched for.
    public let wallSamples: Int

    public init(model: SurfaceModel = .pascanu, weights: ClosedRange<Double> = 2...14, biases: ClosedRange<Double> = -10...2,
                resolution: Int = 512, startWeight: Double = 5, startBias: Double = -2.4, learningRate: Double = 1,
                clipThreshold: Double = 1, iterations: Int = 40, wallSamples: Int = 13) {
        self.model = model
        self.weights = weights
        self.biases = biases
        self.resolution = resolution
        self.startWeight = startWeight
        self.startBias = startBias
        self.learningRate = learningRate
        self.clipThreshold = clipThreshold
        self.iterations = iterations
        self.wallSamples = wallSamples
    }

    /// Pascanu's Fig. 6 setting on the W2 window: sigmoid, x_0 = 0.5, target 0.7, T = 50,
    /// w ∈ [2, 14], b ∈ [−10, 2], 512 × 512, descent from (5, −2.4) with η = 1, clipping at 1.
    public static let pascanu = CliffExperiment()

    /// The grid, both descents (evaluated in `T`) and the walls (in Double).
    /// - Parameter isCancelled: asked before each chunk of grid rows and before each part; once true
    ///   the rest is skipped and the result is incomplete: the caller checks it again and discards it.
    public func run<T: GradFloat>(in type: T.Type = Double.self, threads: Int? = nil,
                                  isCancelled: (@Sendable () -> Bool)? = nil) -> CliffResult<T> {
        let grid = model.surface(w: weights, b: biases, columns: resolution, rows: resolution, in: type, threads: threads,
                                 isCancelled: isCancelled)
        let iterations = isCancelled?() == true ? 0 : iterations
        let start = (w: startWeight, b: startBias)
        let unclipped = model.descend(from: start, learningRate: learningRate, iterations: iterations, in: type)
        let clipped = model.descend(from: start, learningRate: learningRate, iterations: iterations,
                                    clipThreshold: clipThreshold, in: type)
        let walls = isCancelled?() == true ? [] : SurfaceGrid<Double>.samples(weights, count: wallSamples).compactMap {
            model.basinBoundary(atW: $0, b: biases)
        }
        return CliffResult(experiment: self, grid: grid, unclipped: unclipped, clipped: clipped, walls: walls)
    }
}

/// What ``CliffExperiment/run(in:threads:)`` computes.
public struct CliffResult<T: GradFloat>: Sendable {
    public let experiment: CliffExperiment
    public let grid: SurfaceGrid<T>
    /// Plain gradient descent.
    public let unclipped: DescentPath
    /// Descent with Pascanu's norm clipping.
    public let clipped: DescentPath
    /// The wall at each sampled w where x_T jumps (in increasing w).
    public let walls: [BasinBoundary]
}
