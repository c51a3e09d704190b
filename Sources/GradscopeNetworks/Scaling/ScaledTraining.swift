import GradscopeNumerics

/// The three kinds of tensor cast to a narrow format in FP8 training.
public enum TensorKind: String, CaseIterable, Codable, Sendable {
    /// W_l, the weights (forward format).
    case weights
    /// y_{l−1}, a layer's input (forward format).
    case activations
    /// ∂L/∂a_l, the gradient at a layer's output (backward format).
    case gradients
}

/// Settings of a run in the training model FP8 training uses.
public struct ScaledTrainingConfiguration: Hashable, Sendable {
    public var recipe: ScalingRecipe
    /// The format of weights and activations (forward): float8_e4m3fn by default.
    public var forwardFormat: NarrowFormat
    /// The format of gradients (backward): float8_e5m2 when the forward one is
    /// float8_e4m3fn (Transformer Engine's HYBRID), otherwise the forward one.
    public var backwardFormat: NarrowFormat
    public var steps: Int
    public var learningRate: Double
    /// Multiply the inputs x of one step by a factor, to show a spike the history has not seen.
    public var spike: Spike?

    public struct Spike: Hashable, Sendable {
        public var step: Int
        public var factor: Double
        public init(step: Int, factor: Double) { self.step = step; self.factor = factor }
    }

    public init(recipe: ScalingRecipe, format: NarrowFormat = .float8E4M3FN, steps: Int, learningRate: Double, spike: Spike? = nil) {
        precondition(steps >= 1, "Training needs at least one step.")
        self.recipe = recipe
        self.forwardFormat = format
        self.backwardFormat = format.exponentBitCount == 4 && format.bitCount == 8 ? NarrowFormat.float8E5M2.with(overflow: format.overflow) : format
        self.steps = steps
        self.learningRate = learningRate
        self.spike = spike
    }
}

/// One step: its loss and the scale of every per-tensor cast (1 for `none`, empty for `mx`).
public struct ScaledTrainingStep: Hashable, Sendable, Codable {
    public var step: Int
    public var loss: Double
    /// Tensor name (`W_2`, `y_1`, `∂L/∂a_3`) → the scale s its cast used.
    public var scales: [String: Float]
}

/// A finished run: each step, what the casts did to each kind of tensor, and what happened.
public struct ScaledTrainingRun: Sendable {
    /// The names of the per-tensor casts of an MLP of `depth` layers, in the order a step casts
    /// them: `W_l`, `y_{l−1}` (forward), `∂L/∂a_l` (backward) for l = 1…depth.
    public static func tensorNames(depth: Int) -> [String] {
        (1...depth).flatMap { ["W_\($0)", "y_\($0 - 1)", "∂L/∂a_\($0)"] }
    }

    public var recipe: ScalingRecipe
    public var steps: [ScaledTrainingStep]
    public var counts: [TensorKind: CastCounts]
    /// What a reader should know: non-finite amaxes skipped, MX padding, the first NaN loss.
    public var events: [String]
    /// The same run as the ``Trainer``'s report, for the autopsy's tables.
    public var run: TrainingRun

    public var finalLoss: Double { steps.last?.loss ?? .nan }
}

/// Trains an ``MLPNetwork`` the way FP8 training runs: the two inputs of every matrix product
/// are cast to a narrow format with a ``ScalingRecipe`` (forward: weights and activations in
/// the forward format; backward: the gradient ∂L/∂a in the backward format), products are
/// accumulated in Float32, and everything else — biases, activations φ, the loss, the update,
/// the master weights — is Float32.
///
///     a_l = q(W_l)·q(y_{l−1}) + b_l            y_l = φ(a_l)
///     ∂L/∂W_l = q(g_l)ᵀ·q(y_{l−1})             ∂L/∂y_{l−1} = q(g_l)·q(W_l),   g_l = ∂L/∂a_l
///
/// Per-tensor recipes cast each tensor once per step (the backward pass reuses the forward
/// casts, as Transformer Engine does); MX casts each tensor along the reduction dimension of
/// each product it enters, so W and y are cast twice (row blocks and column blocks).
/// The steps (θ ← θ − η·g in Float32, the NaN-loss stop) are the ``TrainingLoop``'s.
public struct ScaledTrainer: Sendable {
    public var network: MLPNetwork
    public var data: RegressionData
    public var configuration: ScaledTrainingConfiguration

    public init(network: MLPNetwork, data: RegressionData, configuration: ScaledTrainingConfiguration) {
        self.network = network
        self.data = data
        self.configuration = configuration
    }

    /// Trains from `initial` (rounded to Float32 master weights); stops after a NaN loss.
    public func run(from initial: ParameterGroups<Double>, observer: (ScaledTrainingStep) -> TrainingControl = { _ in .proceed }) -> ScaledTrainingRun {
        train(from: initial, observer: { observer(ScaledTrainingStep(step: $0.step, loss: $0.loss, scales: $0.castScales ?? [:])) })
    }

    /// The same run, its observer told the ``Trainer``-style reports (the autopsy's CSV log and progress bar).
    func train(from initial: ParameterGroups<Double>, observer: (TrainingStep) -> TrainingControl) -> ScaledTrainingRun {
        var loop = TrainingLoop(problem: Problem(state: State(trainer: self), parameters: initial.converted(to: Float.self)),
                                steps: configuration.steps, rule: UpdateRule(learningRate: configuration.learningRate), stopRule: .nanLoss)
        let run = loop.run(observer: observer)
        var problem = loop.problem
        if run.ending == .nanLoss { problem.state.events.append("The loss was NaN at step \(run.records.count); training stopped.") }
        let trainingRun = TrainingRun(run, initialParameters: initial.converted(to: Float.self).converted(to: Double.self),
                                      finalParameters: problem.parameters.converted(to: Double.self), gradients: problem.gradients)
        return ScaledTrainingRun(recipe: configuration.recipe, steps: run.records.map { ScaledTrainingStep(step: $0.step, loss: $0.loss, scales: $0.castScales ?? [:]) },
                                 counts: problem.state.counts, events: problem.state.events, run: trainingRun)
    }

    /// The run as the ``TrainingLoop`` drives it: a step's input is the spike's factor on x (1 on other steps).
    struct Problem: TrainingProblem {
        var state: State
        var parameters: ParameterGroups<Float>
        var gradients = TrainingRun.KeptGradients()

        func inputs(forStep step: Int) -> Float {
            state.trainer.configuration.spike.map { $0.step == step ? Float($0.factor) : 1 } ?? 1
        }

        mutating func lossAndGradients(on factor: Float, step: Int, lossScale: Double?) -> (loss: Double, gradients: ParameterGroups<Float>) {
            state.scales = [:]
            let (loss, gradients) = state.lossAndGradients(parameters, inputScale: factor, step: step)
            return (Double(loss), gradients)
        }

        mutating func update(along direction: ParameterGroups<Float>, scale: Float) {
            parameters.subtract(direction, scaledBy: scale)
        }

        var parametersAreFinite: Bool { parameters.isFinite }

        mutating func record(of outcome: StepOutcome<Float>, inputs: Float) -> TrainingStep {
            gradients.note(outcome.gradients, step: outcome.step)
            var step = TrainingStep(outcome, parameters: parameters)
            if !state.scales.isEmpty { step.castScales = state.scales }
            return step
        }
    }

    /// The mutable part of a run: scalers, counts, events.
    struct State {
        let trainer: ScaledTrainer
        var scalers: [String: TensorScaler] = [:]
        var counts: [TensorKind: CastCounts] = Dictionary(uniqueKeysWithValues: TensorKind.allCases.map { ($0, CastCounts()) })
        var scales: [String: Float] = [:]
        var events: [String] = []
        var notedPadding = false

        init(trainer: ScaledTrainer) { self.trainer = trainer }

        var recipe: ScalingRecipe { trainer.configuration.recipe }

        /// A per-tensor cast of `values` named `name` (its own scaler), counted under `kind`.
        mutating func cast(_ values: [Float], name: String, kind: TensorKind, step: Int) -> [Float] {
            let format = kind == .gradients ? trainer.configuration.backwardFormat : trainer.configuration.forwardFormat
            var scaler = scalers[name] ?? TensorScaler(recipe: recipe, format: format)
            let scale = scaler.scale(for: values)
            scales[name] = scale
            let result = NarrowCast.cast(values, scale: scale, to: format, counts: &counts[kind]!)
            let skipped = scaler.skippedAmaxes
            scaler.record(NarrowCast.amax(values))
            if scaler.skippedAmaxes > skipped {
                events.append("Step \(step): the amax of \(name) was \(NarrowCast.amax(values)); it was not recorded and the scale stays \(scaler.scale).")
            }
            scalers[name] = scaler
            return result
        }

        /// An MX cast of a rows × columns matrix along rows or columns.
        mutating func castMX(_ values: [Float], rows: Int, columns: Int, alongRows: Bool, kind: TensorKind) -> [Float] {
            let format = kind == .gradients ? trainer.configuration.backwardFormat : trainer.configuration.forwardFormat
            if !notedPadding, (alongRows ? columns : rows) % ScalingRecipe.blockLength != 0 {
                notedPadding = true
                events.append("MX: a reduction dimension of \(alongRows ? columns : rows) is not a multiple of 32; its last block is padded with zeros.")
            }
            return NarrowCast.castMX(values, rows: rows, columns: columns, alongRows: alongRows, to: format, counts: &counts[kind]!)
        }

        /// Loss and gradients of one step (see ``ScaledTrainer``).
        mutating func lossAndGradients(_ parameters: ParameterGroups<Float>, inputScale: Float, step: Int) -> (Float, ParameterGroups<Float>) {
            let network = trainer.network, data = trainer.data, n = data.count, depth = network.depth
            let mx = recipe == .mx
            var outputs: [[Float]] = [data.xs.map { Float($0) * inputScale }]
            var slopes: [[Float]] = []
            var castWeights: [[Float]] = [], castInputs: [[Float]] = []
            for l in 1...depth {
                let (fanOut, fanIn) = network.shape(ofLayer: l)
                let p = parameters.values[l - 1]
                let weights = Array(p[0..<(fanOut * fanIn)])
                let w = mx ? castMX(weights, rows: fanOut, columns: fanIn, alongRows: true, kind: .weights)
                           : cast(weights, name: "W_\(l)", kind: .weights, step: step)
                let y = mx ? castMX(outputs[l - 1], rows: n, columns: fanIn, alongRows: true, kind: .activations)
                           : cast(outputs[l - 1], name: "y_\(l - 1)", kind: .activations, step: step)
                castWeights.append(w)
                castInputs.append(y)
                var transposed = [Float](repeating: 0, count: fanIn * fanOut)
                for j in 0..<fanOut {
                    for c in 0..<fanIn { transposed[c * fanOut + j] = w[j * fanIn + c] }
                }
                let sums = Self.product(.none, m: n, n: fanOut, k: fanIn, y, lda: fanIn, transposed)
                var next = [Float](repeating: 0, count: n * fanOut), slope = [Float](repeating: 1, count: n * fanOut)
                for i in 0..<n {
                    for j in 0..<fanOut {
                        let a = sums[i * fanOut + j] + p[fanOut * fanIn + j]
                        if l < depth {
                            let (value, derivative) = network.activation.valueAndDerivative(at: a)
                            next[i * fanOut + j] = value
                            slope[i * fanOut + j] = derivative
                        } else {
                            next[i * fanOut + j] = a
                        }
                    }
                }
                outputs.append(next)
                slopes.append(slope)
            }
            var loss: Float = 0
            var upstream = [Float](repeating: 0, count: n)
            for i in 0..<n {
                let error = outputs[depth][i] - Float(data.targets[i])
                loss += error * error
                upstream[i] = 2 * error / Float(n)
            }
            loss /= Float(n)

            var gradients = ParameterGroups(repeating: Float(0), like: parameters)
            for l in stride(from: depth, through: 1, by: -1) {
                let (fanOut, fanIn) = network.shape(ofLayer: l)
                var g = upstream
                if l < depth { for k in g.indices { g[k] *= slopes[l - 1][k] } }
                // ∂L/∂W = gᵀ·y: the reduction runs over the n samples.
                let gForWeights = mx ? castMX(g, rows: n, columns: fanOut, alongRows: false, kind: .gradients)
                                     : cast(g, name: "∂L/∂a_\(l)", kind: .gradients, step: step)
                let yForWeights = mx ? castMX(outputs[l - 1], rows: n, columns: fanIn, alongRows: false, kind: .activations) : castInputs[l - 1]
                var result = Self.product(.transposed, m: fanOut, n: fanIn, k: n, gForWeights, lda: fanOut, yForWeights)
                for j in 0..<fanOut {
                    var bias: Float = 0
                    for i in 0..<n { bias += g[i * fanOut + j] }
                    result.append(bias)
                }
                gradients.values[l - 1] = result
                guard l > 1 else { break }
                // ∂L/∂y_{l−1} = g·W: the reduction runs over the fanOut outputs.
                let gForInputs = mx ? castMX(g, rows: n, columns: fanOut, alongRows: true, kind: .gradients) : gForWeights
                let wForInputs = mx ? castMX(Array(parameters.values[l - 1][0..<(fanOut * fanIn)]), rows: fanOut, columns: fanIn, alongRows: false, kind: .weights)
                                    : castWeights[l - 1]
                upstream = Self.product(.none, m: n, n: fanIn, k: fanOut, gForInputs, lda: fanOut, wForInputs)
            }
            return (loss, gradients)
        }

        /// `op(A)·B` (m × n, row-major; B is k × n) summed in the textbook loop's order, each product and sum
        /// rounded to Float (``MatrixProduct/accumulateInOrder(_:m:n:k:_:lda:_:ldb:into:ldc:)``).
        // swiftlint:disable:next function_parameter_count
        static func product(_ opA: Transposition, m: Int, n: Int, k: Int, _ a: [Float], lda: Int, _ b: [Float]) -> [Float] {
            var c = [Float](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        MatrixProduct.accumulateInOrder(opA, m: m, n: n, k: k, a.baseAddress!, lda: lda, b.baseAddress!, ldb: n,
                                                        into: c.baseAddress!, ldc: n)
                    }
                }
            }
            return c
        }
    }
}
