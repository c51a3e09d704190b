import GradscopeCore

extension AutopsyExperiment {
    /// The network an autopsy trains, in the words every face shares (`model`, `activation`, `weight`,
    /// `bias`, `depth`, `width`, `init`, `formula`, `param`).
    ///
    /// ```swift
    /// var network = AutopsyExperiment.NetworkSettings()
    /// network.model = .mlp
    /// network.depth = 3
    /// let mlp = try network.network()   // a tanh MLP, 3 layers of width 8
    /// ```
    public struct NetworkSettings: Sendable {
        public enum Model: String, CaseIterable, Sendable {
            /// A single-unit chain y_l = φ(w_l·y_{l−1} + b_l).
            case chain
            /// A formula with named parameters.
            case formula
            /// A fully connected network of `width` units per hidden layer.
            case mlp
        }

        public var model = Model.chain
        /// φ of the chain or of the MLP's hidden layers.
        public var activation = Activation.tanh
        /// Every chain layer's starting weight; an MLP's σ_w of N(0, σ_w²/fan_in).
        public var weight = 8.0
        public var bias = 0.0
        /// Layers: a chain's 1…10000, an MLP's 2…1000.
        public var depth = 50
        /// Units per hidden layer of the MLP (1…256).
        public var width = 8
        /// Draws the MLP's weights instead of `weight`.
        public var initializer: Initializer?
        /// The formula network, e.g. `tanh(w*tanh(w*x + b))`.
        public var formula: String?
        /// A formula's starting parameters (``PlotExperiment/Settings/parameters(from:)`` reads `NAME=VALUE`).
        public var parameters: [String: Double] = [:]

        public init() {}

        /// The network, its settings checked.
        /// - Throws: ``SettingsError`` naming the first unusable setting; a formula's own error carries
        ///   the setting `formula` and the ``FormulaError``.
        public func network() throws(SettingsError) -> any TrainableNetwork {
            try SettingsCheck.finite("weight", weight)
            try SettingsCheck.finite("bias", bias)
            switch model {
            case .chain:
                guard (1...10_000).contains(depth) else { throw SettingsError(setting: "depth", "must be between 1 and 10000 for a chain, got \(depth).") }
                return ChainNetwork(chain: Chain(activation: activation, weight: weight, bias: bias, depth: depth))
            case .mlp:
                guard (2...1_000).contains(depth) else { throw SettingsError(setting: "depth", "must be between 2 and 1000 for an MLP, got \(depth).") }
                try SettingsCheck.value("width", width, within: 1...256)
                return MLPNetwork(width: width, depth: depth, activation: activation, weightScale: weight, bias: bias, initializer: initializer)
            case .formula:
                guard let formula else {
                    throw SettingsError(setting: "model", "formula needs \(setting: "formula"), e.g. \(setting: "formula", value: "tanh(w*x + b)") \(setting: "param", value: "w=8") \(setting: "param", value: "b=0").")
                }
                do { return try FormulaNetwork(formula: Formula(parsing: formula), initialValues: parameters) } catch {
                    throw SettingsError(error, setting: "formula")
                }
            }
        }

        /// The activation remedies may replace (nil for a formula).
        public var replaceableActivation: Activation? { model == .formula ? nil : activation }

        /// The initialiser called `text` (``Initializer/namesHelp`` lists them).
        /// - Throws: ``SettingsError`` listing the known names.
        public static func initializer(named text: String) throws(SettingsError) -> Initializer {
            guard let initializer = Initializer(named: text) else {
                throw SettingsError(setting: nil, "Unknown initialiser '\(text)'. Known: \(Initializer.namesHelp).")
            }
            return initializer
        }
    }
}

extension SettingsError {
    /// A formula's error as the error of the setting that holds the formula (`formula`, `target`).
    init(_ error: FormulaError, setting: String) {
        self.init(error)
        self.setting = setting
    }
}
