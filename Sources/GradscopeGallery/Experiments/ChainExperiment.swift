import GradscopeCharts
import GradscopeCore

/// `gradscope chain` and `/api/chain`: the per-layer table of a single-unit chain
/// `y_l = φ(w·y_{l−1} + b)`, `y_0 = x`, traced in one precision, and its per-layer chart.
///
/// Every row is exact in its format: the forward values, `φ'(a_l)`, the running product
/// `dy_l/dx = Π w·φ'(a_k)` and, for the last layer L, `∂y_L/∂w_l` and `∂y_L/∂b_l` (reverse mode).
/// Overflow shows as ±Inf and propagates; NaN is reported, never hidden. In float8_e4m3fn and
/// float8_e5m2 the ``OverflowRule`` decides what rounding past the largest finite value gives:
/// NaN or ±Inf (`nonfinite`, the OCP rule) or ±max (`saturate`); float6/float4 always saturate.
///
/// ```swift
/// let report = try ChainExperiment(settings: .init(activation: .relu, weight: 8, at: 1, depth: 3)).run(progress: nil)
/// report.document.layers.map(\.dydx)   // [8, 64, 512]
/// ```
public struct ChainExperiment: Experiment {
    public static let name = "chain"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        if progress?.isCancelled == true { throw CancellationError() }
        return settings.precision.visit(Tracer(settings: settings), overflow: settings.overflow)
    }

    /// Traces the chain in the visited precision and builds every face's view of it.
    private struct Tracer: PrecisionVisitor {
        let settings: Settings

        func visit<T: GradFloat>(_ type: T.Type) -> ExperimentReport<Document> {
            let trace = settings.chain.trace(at: T(settings.input))
            var text = TextTable(["layer", "a_l", "y_l", "φ'(a_l)", "dy_l/dx", "∂y_L/∂w_l", "∂y_L/∂b_l"])
            var table = DataTable(columns: ["layer", "a", "y", "slope", "dydx", "dy_dw", "dy_db"])
            var layers: [Document.Layer] = []
            for l in trace.layers {
                let values = [l.preactivation, l.output, l.slope, l.dydx, l.outputGradientWeight, l.outputGradientBias]
                let wide = values.map(Double.init)
                layers.append(Document.Layer(layer: l.index, preactivation: wide[0], output: wide[1], slope: wide[2], dydx: wide[3],
                                             outputGradientWeight: wide[4], outputGradientBias: wide[5]))
                text.append([String(l.index)] + wide.map(TerminalNumber.short))
                // Each value as the shortest text that reads back in its own format (Float32's 0.1 is "0.1").
                table.append([.text(String(l.index))] + values.map { .text(CSVNumber.text($0)) })
            }
            let name = settings.precision.displayName
            let chart = ChainCharts.layerGradients(trace, title: "Per-layer gradients: \(settings.summary), \(name)")
            let figure = Figure(id: "chain", title: "Per-layer gradients", explanation: "|dy_l/dx|, |∂y_L/∂w_l| and |∂y_L/∂b_l| by layer l.",
                                charts: [chart], table: table, caption: "", data: table)
            let document = Document(activation: settings.activation.name, weight: settings.weight, bias: settings.bias,
                                    firstWeight: settings.firstWeight, firstBias: settings.firstBias, input: settings.input,
                                    precision: settings.precision, overflow: settings.overflow, layers: layers)
            let rule = settings.precision.narrowFormat == nil ? "" : ", overflow rule \(settings.overflow.rawValue)"
            return ExperimentReport(summary: "\(settings.summary), \(settings.depth) layers, \(name)\(rule)\n\n\(text.rendered)",
                                    figures: [figure], document: document, table: table)
        }
    }
}

extension ChainExperiment {
    /// The chain, the input and the format; the names are the flags' (`--first-weight`) and the
    /// query parameters' (`first-weight=`).
    public struct Settings: Sendable, Equatable {
        public var activation: Activation
        /// Weight w of every layer (layer 1's too unless `firstWeight` is set).
        public var weight: Double
        /// Bias b of every layer (layer 1's too unless `firstBias` is set).
        public var bias: Double
        public var firstWeight: Double?
        public var firstBias: Double?
        /// The input x (`at`).
        public var input: Double
        /// The number of layers L.
        public var depth: Int
        public var precision: Precision
        /// Past the largest finite value of float8_e4m3fn and float8_e5m2: NaN/±Inf or ±max. The formats
        /// without Inf and NaN always saturate; the wide ones always overflow to ±Inf.
        public var overflow: OverflowRule

        public init(activation: Activation = .tanh, weight: Double = 8, bias: Double = 0, firstWeight: Double? = nil,
                    firstBias: Double? = nil, at input: Double = 0, depth: Int = 10, precision: Precision = .float64,
                    overflow: OverflowRule = .nonfinite) {
            self.activation = activation
            self.weight = weight
            self.bias = bias
            self.firstWeight = firstWeight
            self.firstBias = firstBias
            self.input = input
            self.depth = depth
            self.precision = precision
            self.overflow = overflow
        }

        /// The deepest chain traced (a table of 100000 rows).
        public static let maximumDepth = 100_000

        /// - Throws: ``SettingsError`` for a non-finite number or a depth outside 1…``maximumDepth``.
        public func validate() throws(SettingsError) {
            for (name, value) in [("weight", weight), ("bias", bias), ("at", input), ("first-weight", firstWeight ?? 0),
                                  ("first-bias", firstBias ?? 0)] {
                try SettingsCheck.finite(name, value)
            }
            try SettingsCheck.value("depth", depth, within: 1...Self.maximumDepth)
        }

        /// The bias as both faces give it (`--bias`, `bias=`): a number (`-4`), or an expression in w such
        /// as `-w/2`, evaluated at `weight`. It is every layer's bias, layer 1's too unless ``firstBias`` is
        /// set: the post's S5 (`sig(w·x)`, then `sig(w·y − w/2)`) is `bias -w/2` with `first-bias 0`.
        ///
        /// ```swift
        /// try ChainExperiment.Settings.bias(from: "-w/2", weight: 8)   // -4
        /// ```
        /// - Throws: ``SettingsError`` for `bias` when the text is neither, or uses x or another name.
        public static func bias(from text: String, weight: Double) throws(SettingsError) -> Double {
            if let value = Double(text) { return value }
            do {
                let formula = try Formula(parsing: text)
                if let other = formula.parameters.first(where: { $0 != "w" }) {
                    throw SettingsError(setting: "bias", "'\(text)' may use only w, not '\(other)'. Write a number or an expression in w such as -w/2.")
                }
                let values = try formula.evaluate(at: [0.0, 1.0], parameters: formula.parameters.isEmpty ? [:] : ["w": weight]).y
                guard values[0] == values[1] || (values[0].isNaN && values[1].isNaN) else {
                    throw SettingsError(setting: "bias", "'\(text)' may not use x. Write a number or an expression in w such as -w/2.")
                }
                return values[0]
            } catch let error as SettingsError {
                throw error
            } catch let error as FormulaError {
                throw SettingsError(setting: "bias", "'\(text)': \(error.message)")
            } catch {
                throw SettingsError(setting: "bias", "'\(text)' is neither a number nor an expression in w such as -w/2.")
            }
        }

        public var layer: ChainLayer { ChainLayer(activation: activation, weight: weight, bias: bias) }

        /// Layer 1 when it differs from the others.
        public var firstLayer: ChainLayer? {
            guard firstWeight != nil || firstBias != nil else { return nil }
            return ChainLayer(activation: activation, weight: firstWeight ?? weight, bias: firstBias ?? bias)
        }

        public var chain: Chain {
            Chain(activation: activation, weight: weight, bias: bias, depth: depth, firstLayer: firstLayer)
        }

        /// "tanh, w = 8, b = 0, layer 1: w = 8, b = 0, x = 0.5"
        public var summary: String {
            var parts = ["\(activation)", "w = \(TerminalNumber.short(weight))", "b = \(TerminalNumber.short(bias))"]
            if let firstLayer { parts.append("layer 1: w = \(TerminalNumber.short(firstLayer.weight)), b = \(TerminalNumber.short(firstLayer.bias))") }
            parts.append("x = \(TerminalNumber.short(input))")
            return parts.joined(separator: ", ")
        }
    }

    /// `--format json` and `/api/chain`: the settings and one object per layer, each value widened exactly to Double.
    public struct Document: Codable, Sendable, Equatable {
        public struct Layer: Codable, Sendable, Equatable {
            public var layer: Int
            /// a_l, y_l, φ'(a_l), dy_l/dx, ∂y_L/∂w_l, ∂y_L/∂b_l.
            public var preactivation, output, slope, dydx, outputGradientWeight, outputGradientBias: Double
        }

        public var activation: String
        public var weight: Double
        /// The bias of every layer but the first when `firstBias` is set.
        public var bias: Double
        /// Layer 1's weight and bias when they differ (absent otherwise).
        public var firstWeight, firstBias: Double?
        public var input: Double
        public var precision: Precision
        /// The overflow rule the run used (it changes values only in float8_e4m3fn and float8_e5m2).
        public var overflow: OverflowRule
        public var layers: [Layer]
    }
}
