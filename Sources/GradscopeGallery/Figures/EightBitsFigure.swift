import GradscopeCharts
import GradscopeCore

/// "Eight bits and fewer": the post's story in the formats large models train in now.
///
/// Two figures: the depth at which the post's chain (tanh, slope at x = 0) overflows with
/// w = 8 and underflows with w = 0.5 in all nine formats, predicted (Σ log|w·φ'|) and observed
/// (the chain run in each format); and a width-64 tanh MLP trained in FP8 (float8_e4m3fn
/// forward, float8_e5m2 gradients, Float32 accumulation and master weights) with each
/// scaling recipe, with an input spike at one step that the delayed recipe's amax history
/// has not seen.
///
/// ```swift
/// let eight = EightBitsFigure.make()
/// eight.depths.first { $0.precision == .float8E4M3FN }?.overflow.observed   // 3
/// eight.figures.map(\.id)   // ["eight-bits-depths", "eight-bits-recipes"]
/// ```
public struct EightBitsFigure: Sendable {
    /// One format's depths: overflow with w = 8, underflow (the slope rounds to 0) with w = 0.5.
    public struct Depths: Sendable, Equatable {
        public var precision: Precision
        public var overflow: (predicted: Int?, observed: Int?)
        public var underflow: (predicted: Int?, observed: Int?)

        public static func == (a: Depths, b: Depths) -> Bool {
            a.precision == b.precision && a.overflow == b.overflow && a.underflow == b.underflow
        }
    }

    /// The MLP run's settings (small enough for about a second in a release build).
    public struct RecipeSettings: Sendable, Hashable {
        public var width = 64
        public var depth = 4
        public var points = 64
        public var steps = 60
        public var learningRate = 0.1
        public var seed: UInt64 = 7
        /// The inputs of this step are multiplied by `spikeFactor`.
        public var spikeStep = 40
        public var spikeFactor = 100.0
        public init() {}
    }

    public var depths: [Depths]
    public var settings: RecipeSettings
    /// One run per recipe: none, current, delayed, mx.
    public var runs: [ScaledTrainingRun]

    /// The four recipes of the figure, in order.
    /// `current` and `delayed` keep a margin of one binade (2× headroom below the format's maximum).
    public static let recipes: [ScalingRecipe] = [.none, .current(margin: 1), .delayed(history: 1024, margin: 1, amax: .max), .mx]

    /// The depth limit: past Float64's underflow depth for w = 0.5 (1075).
    static let maxDepth = 1100

    public static func make(_ settings: RecipeSettings = RecipeSettings()) -> EightBitsFigure {
        EightBitsFigure(depths: chainDepths(), settings: settings, runs: recipeRuns(settings))
    }

    /// Overflow (w = 8) and underflow (w = 0.5) depths of tanh at x = 0 in the four wide and five narrow formats.
    public static func chainDepths() -> [Depths] {
        let precisions = Precision.wideFormats + Precision.narrowFormats
        let over = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0, maxDepth: maxDepth).forecasts(in: precisions)
        let under = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 0.5), input: 0, maxDepth: maxDepth).forecasts(in: precisions)
        return zip(over, under).map { o, u in
            Depths(precision: o.precision, overflow: (o.slope.predictedOverflowDepth, o.slope.observedOverflowDepth),
                   underflow: (u.slope.predictedUnderflowDepth, u.slope.observedUnderflowDepth))
        }
    }

    /// The MLP trained in FP8 with each of ``recipes`` from the same initial weights.
    public static func recipeRuns(_ s: RecipeSettings) -> [ScaledTrainingRun] {
        let network = MLPNetwork(width: s.width, depth: s.depth, activation: .tanh)
        let xs = (0..<s.points).map { -1 + 2 * Double($0) / Double(s.points - 1) }
        let data = try! RegressionData(xs: xs, target: Formula(parsing: "sin(3*x)"))
        var rng = Xoshiro256StarStar(seed: s.seed)
        let initial = network.initialParameters(using: &rng)
        let spike = ScaledTrainingConfiguration.Spike(step: s.spikeStep, factor: s.spikeFactor)
        return recipes.map { recipe in
            let configuration = ScaledTrainingConfiguration(recipe: recipe, format: .float8E4M3FN, steps: s.steps, learningRate: s.learningRate, spike: spike)
            return ScaledTrainer(network: network, data: data, configuration: configuration).run(from: initial)
        }
    }
}
