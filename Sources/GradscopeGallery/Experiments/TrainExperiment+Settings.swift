import GradscopeCore

extension TrainExperiment {
    public enum Task: String, CaseIterable, Sendable { case adding, order }
    public enum Model: String, CaseIterable, Sendable { case elman, lstm, gru }
    public enum Optimizer: String, CaseIterable, Sendable { case sgd, adam }
    /// Loss scaling of a 16-bit run: GradScaler's dynamic scaling, none, or auto (dynamic for float16, none for bfloat16).
    public enum LossScaling: String, CaseIterable, Sendable { case auto, dynamic, none }

    /// FP8 training (``RecurrentScaling``): the recipe, the forward format, and a spike.
    public struct Scaling: Sendable, Equatable {
        /// `none`, `current`, `delayed` or `mx`, with its margin and history.
        public var recipe: ScalingRecipe
        /// Weights and activations; gradients take float8_e5m2 when this is float8_e4m3fn (HYBRID).
        public var format: Precision
        public var spike: ScaledTrainingConfiguration.Spike?

        public init(recipe: ScalingRecipe, format: Precision = .float8E4M3FN, spike: ScaledTrainingConfiguration.Spike? = nil) {
            self.recipe = recipe
            self.format = format
            self.spike = spike
        }

        /// The core's value.
        public var recurrentScaling: RecurrentScaling { RecurrentScaling(recipe: recipe, format: format.narrowFormat ?? .float8E4M3FN, spike: spike) }

        /// The per-tensor recipes take the two FP8 formats; MX any of the five narrow ones.
        public static func formats(for recipe: ScalingRecipe) -> [Precision] {
            recipe == .mx ? [.float8E4M3FN, .float8E5M2, .float6E3M2FN, .float6E2M3FN, .float4E2M1FN] : [.float8E4M3FN, .float8E5M2]
        }
    }

    /// Everything `gradscope train` takes. Flags `--task adding --length 100 --model elman --hidden 64 …`;
    /// the setting names in errors are the flags' without the dashes.
    public struct Settings: Sendable, Equatable {
        public var task: Task = .adding
        public var length = 100
        public var model: Model = .elman
        public var hidden = 64
        /// The Elman cell's φ: tanh, sigmoid, relu or linear.
        public var activation: Activation = .tanh
        public var initialization: RecurrentInitialization = RecurrentInitialization(named: "xavier")!
        public var clip: Double?
        public var learningRate = 0.01
        public var optimizer: Optimizer = .sgd
        public var batch = 32
        public var steps = 1000
        public var seed: UInt64 = 0
        public var testSize = 1000
        public var evaluationInterval = 100
        /// float32, float64, or float16/bfloat16 (mixed, as PyTorch's AMP).
        public var precision: Precision = .float32
        public var lossScaling: LossScaling = .auto
        /// 0 picks by size; a scaled run uses one.
        public var threads = 0
        /// FP8 training (nil: none).
        public var scaling: Scaling?

        public init() {}

        public static let lengths = 2...100_000
        public static let hiddenSizes = 1...4096
        public static let stepCounts = 1...10_000_000
        public static let batchSizes = 1...100_000
        public static let margins = -64...64
        public static let histories = 1...100_000

        /// - Throws: ``SettingsError`` naming the first unusable setting, or the work over its limit.
        public func validate() throws(SettingsError) {
            try validateValues()
            try checkWorkLimits()
        }

        private func validateValues() throws(SettingsError) {
            let shortest = task == .order ? 10 : 2
            try SettingsCheck.value("length", length, within: shortest...Self.lengths.upperBound)
            try SettingsCheck.value("hidden", hidden, within: Self.hiddenSizes)
            try SettingsCheck.value("steps", steps, within: Self.stepCounts)
            try SettingsCheck.value("batch", batch, within: Self.batchSizes)
            try SettingsCheck.positive("lr", learningRate)
            if let clip { try SettingsCheck.positive("clip", clip) }
            try SettingsCheck.positive("test-size", testSize)
            try SettingsCheck.positive("eval-every", evaluationInterval)
            guard threads >= 0 else { throw SettingsError(setting: "threads", "must be 0 (pick by size) or more, got \(threads).") }
            guard Activation.recurrentCases.contains(activation) else {
                throw SettingsError(setting: "activation", "must be tanh, sigmoid, relu or linear, got '\(activation.name)'.")
            }
            guard [.float32, .float64, .float16, .bfloat16].contains(precision) else {
                throw SettingsError(setting: "precision", "must be float32, float64, float16 or bfloat16 for training, got \(precision.rawValue). "
                                    + "For FP8 training use \(setting: "scaling") with \(setting: "scaling-format", value: precision.rawValue).")
            }
            if lossScaling == .dynamic, !isMixedPrecision {
                throw SettingsError(setting: "loss-scale", "dynamic needs \(setting: "precision", value: "float16") or bfloat16.")
            }
            guard let scaling else { return }
            guard precision == .float32 else {
                throw SettingsError(setting: "scaling", "models FP8 training with Float32 master weights and accumulation: use \(setting: "precision", value: "float32"), got \(precision.rawValue).")
            }
            let formats = Scaling.formats(for: scaling.recipe)
            guard formats.contains(scaling.format) else {
                throw SettingsError(setting: "scaling-format", "must be \(formats.map(\.rawValue).joined(separator: " or ")) for \(setting: "scaling", value: scaling.recipe.name), got \(scaling.format.rawValue).")
            }
            switch scaling.recipe {
            case .current(let margin), .delayed(_, let margin, _):
                guard Self.margins.contains(margin) else { throw SettingsError(setting: "margin", "must be an integer between -64 and 64, got \(margin).") }
            case .none, .mx: break
            }
            if case .delayed(let history, _, _) = scaling.recipe { try SettingsCheck.value("history", history, within: Self.histories) }
            if let spike = scaling.spike, !(spike.factor.isFinite && (1...steps).contains(spike.step)) {
                throw SettingsError(setting: "spike", "must be \(ScaledTrainingConfiguration.Spike.expected(steps: 1...steps)); got \(spike.step):\(spike.factor).")
            }
        }

        /// Whether the run is mixed precision (Float32 master weights, 16-bit forward and backward).
        public var isMixedPrecision: Bool { precision == .float16 || precision == .bfloat16 }

        /// The scaler of a 16-bit run: PyTorch's defaults (S = 2^16, ×0.5 on Inf/NaN, ×2 after 2000 clean steps).
        public var gradScaler: GradScaler? {
            switch lossScaling {
            case .dynamic: GradScaler()
            case .none: nil
            case .auto: precision == .float16 ? GradScaler() : nil
            }
        }

        public var sequenceTask: any SequenceTask { task == .adding ? AddingProblem(length: length) : TemporalOrderProblem(length: length) }

        /// Gate matrices per step: 1 (Elman), 4 (LSTM), 3 (GRU).
        public var gates: Int { model == .lstm ? 4 : model == .gru ? 3 : 1 }

        /// Threads: one for a scaled run; both CPUs when a step has enough work to share.
        public func threadCount(processors: Int) -> Int {
            if scaling != nil { return 1 }
            if threads > 0 { return min(threads, batch) }
            return hidden * hidden * batch >= 64 * 64 * 32 && batch >= 16 ? min(2, processors) : 1
        }

        /// Reads `--spike STEP:FACTOR`.
        /// - Throws: ``SettingsError`` for anything but a step in 1…steps and a finite factor.
        public static func spike(from text: String, steps: Int) throws(SettingsError) -> ScaledTrainingConfiguration.Spike {
            guard let spike = ScaledTrainingConfiguration.Spike(parsing: text, steps: 1...max(steps, 1)) else {
                throw SettingsError(setting: "spike", "must be \(ScaledTrainingConfiguration.Spike.expected(steps: 1...max(steps, 1))); got '\(text)'.")
            }
            return spike
        }

        /// Reads `--scaling none|current|delayed|mx` with its margin and history.
        /// - Throws: ``SettingsError`` for another name.
        public static func recipe(named name: String, margin: Int, history: Int) throws(SettingsError) -> ScalingRecipe {
            guard let recipe = ScalingRecipe(named: name, margin: margin, history: history) else {
                throw SettingsError(setting: "scaling", "must be none, current, delayed or mx, got '\(name)'.")
            }
            return recipe
        }
    }
}
