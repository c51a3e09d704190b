import GradscopeCharts
import GradscopeCore

/// `gradscope overflow` and `/api/overflow`: the depth at which the chain's gradients
/// dy_L/dx, ∂y_L/∂b_1 and ∂y_L/∂w_1 leave each format, predicted and observed.
///
/// The predicted depth comes from `Σ ln|w·φ'(a_l)|` (exact, log space, Double forward pass)
/// against the format's limits; the observed depth from running the chain in the format, every
/// operation rounded to it (see ``OverflowForecast``). Depths that never happen up to
/// `maxDepth` are `nil` (JSON `null`, an empty CSV cell, "never" in the terminal).
///
/// ```swift
/// let report = try OverflowExperiment(settings: .init(weight: 8, precisions: [.float16])).run(progress: nil)
/// report.document.forecasts[0].slope.observedOverflowDepth   // 6: 8^6 > 65504
/// ```
public struct OverflowExperiment: Experiment {
    public static let name = "overflow"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let forecaster = settings.forecaster
        var forecasts: [OverflowForecast] = []
        for (done, precision) in settings.precisions.enumerated() {
            if progress?.isCancelled == true { throw CancellationError() }
            progress?.update(stage: "formats", done: done, total: settings.precisions.count)
            forecasts.append(forecaster.forecast(in: precision))
        }
        let chain = settings.chain
        let document = Document(activation: chain.activation.name, weight: chain.weight, bias: chain.bias, firstWeight: chain.firstWeight,
                                firstBias: chain.firstBias, input: chain.input, maxDepth: settings.maxDepth, overflow: settings.overflow,
                                forecasts: forecasts)
        let table = Self.table(forecasts)
        let chart = depthChart(forecaster, forecasts)
        let figure = Figure(id: "overflow", title: "Depth at which each format overflows",
                            explanation: "log10 |dy_L/dx| against depth L, exact, with each format's largest finite and smallest subnormal value.",
                            charts: [chart], table: table, caption: "", data: table)
        return ExperimentReport(summary: summary(forecasts), figures: [figure], document: document, table: table)
    }

    /// The chart spans a fifth past the deepest observed event (at least 10), or the whole range when nothing happens.
    func depthChart(_ forecaster: OverflowForecaster, _ forecasts: [OverflowForecast]) -> LineChart {
        let events = forecasts.flatMap { [$0.slope.observedOverflowDepth, $0.slope.observedUnderflowDepth] }.compactMap { $0 }
        let through = events.max().map { min(settings.maxDepth, max(10, $0 + $0 / 5)) } ?? settings.maxDepth
        let narrow = forecasts.contains { $0.precision.narrowFormat != nil }
        return ChainCharts.overflowDepths(forecaster, through: through, title: "log10 |dy_L/dx| against depth: \(settings.chain.summary)",
                                          precisions: narrow ? forecasts.map(\.precision) : Precision.wideFormats)
    }

    /// One row per format: the slope's four depths (as the JSON's top level), then ∂y/∂b₁'s and ∂y/∂w₁'s,
    /// the forward overflow and the exact-zero depth; an empty cell where it never happens.
    static func table(_ forecasts: [OverflowForecast]) -> DataTable {
        let kinds = ["predicted_overflow_depth", "observed_overflow_depth", "predicted_underflow_depth", "observed_underflow_depth"]
        var table = DataTable(columns: ["precision"] + kinds + kinds.map { "first_bias_" + $0 } + kinds.map { "first_weight_" + $0 }
                              + ["forward_overflow_depth", "exact_zero_depth", "confirmed_by_backprop"])
        for f in forecasts {
            let depths = [f.slope, f.firstBias, f.firstWeight].flatMap {
                [$0.predictedOverflowDepth, $0.observedOverflowDepth, $0.predictedUnderflowDepth, $0.observedUnderflowDepth]
            } + [f.forwardOverflowDepth, f.exactZeroDepth]
            table.append([.text(f.precision.rawValue)] + depths.map { .text($0.map(String.init) ?? "") } + [.text(String(f.confirmedByBackprop))])
        }
        return table
    }

    /// The depth table ("N ✓" when prediction and run agree, "P → O" otherwise) and the notes, each printed once.
    func summary(_ forecasts: [OverflowForecast]) -> String {
        func pair(_ p: Int?, _ o: Int?) -> String {
            let text = { (v: Int?) in v.map(String.init) ?? "never" }
            return p == o ? text(o) + " ✓" : "\(text(p)) → \(text(o))"
        }
        var table = TextTable(["precision", "dy/dx overflow", "underflow", "∂y/∂b₁ overflow", "underflow", "∂y/∂w₁ overflow", "underflow", "y overflow"])
        for f in forecasts {
            table.append([f.precision.displayName] + [f.slope, f.firstBias, f.firstWeight].flatMap {
                [pair($0.predictedOverflowDepth, $0.observedOverflowDepth), pair($0.predictedUnderflowDepth, $0.observedUnderflowDepth)]
            } + [f.forwardOverflowDepth.map(String.init) ?? "never"])
        }
        var text = "\(settings.chain.summary), depths 1…\(settings.maxDepth)"
        if forecasts.contains(where: { $0.precision.narrowFormat != nil }) { text += ", overflow rule \(settings.overflow.rawValue)" }
        text += "\nDepth at which each gradient leaves the format: \"N ✓\" predicted and observed agree, \"P → O\" they differ.\n\n"
        text += table.rendered
        // A note that holds for several formats is printed once, naming them.
        var order: [String] = [], formats: [String: [String]] = [:]
        for f in forecasts {
            for note in f.notes {
                if formats[note] == nil { order.append(note) }
                formats[note, default: []].append(f.precision.displayName)
            }
        }
        let notes = order.map { note in
            let names = formats[note]!
            return (names.count == forecasts.count && forecasts.count > 1 ? "All formats" : names.joined(separator: ", ")) + ": " + note
        }
        if !notes.isEmpty { text += "\n\n" + notes.map { "• " + $0 }.joined(separator: "\n") }
        return text
    }
}

extension OverflowExperiment {
    /// The chain (as `gradscope chain` takes it), the deepest depth examined, the formats and the
    /// overflow rule. Flags `--max-depth --precision --narrow --overflow`; query `max-depth=`
    /// (or `depth=`), `precision=`, `narrow=true`, `overflow=`.
    public struct Settings: Sendable, Equatable {
        /// The chain as ``ChainExperiment`` describes it (depth 1, Float64: only its layers and input are used).
        public var chain: ChainExperiment.Settings
        /// The deepest chain examined.
        public var maxDepth: Int
        /// The formats examined, in this order.
        public var precisions: [Precision]
        /// Past the largest finite value of float8_e4m3fn and float8_e5m2 (the other narrow formats always
        /// saturate; the wide ones always give ±Inf).
        public var overflow: OverflowRule

        public init(activation: Activation = .tanh, weight: Double = 8, bias: Double = 0, firstWeight: Double? = nil,
                    firstBias: Double? = nil, at input: Double = 0, maxDepth: Int = 10_000,
                    precisions: [Precision] = Precision.wideFormats, overflow: OverflowRule = .nonfinite) {
            self.init(chain: ChainExperiment.Settings(activation: activation, weight: weight, bias: bias, firstWeight: firstWeight,
                                                      firstBias: firstBias, at: input),
                      maxDepth: maxDepth, precisions: precisions, overflow: overflow)
        }

        /// The same chain with other settings kept from `chain` (its depth and precision are not used).
        public init(chain: ChainExperiment.Settings, maxDepth: Int = 10_000, precisions: [Precision] = Precision.wideFormats,
                    overflow: OverflowRule = .nonfinite) {
            self.chain = ChainExperiment.Settings(activation: chain.activation, weight: chain.weight, bias: chain.bias,
                                                  firstWeight: chain.firstWeight, firstBias: chain.firstBias, at: chain.input, depth: 1)
            self.maxDepth = maxDepth
            self.precisions = precisions
            self.overflow = overflow
        }

        public static let maximumDepth = 1_000_000

        /// `precision` alone when given; otherwise the five narrow formats when `narrow`, else the four wide ones.
        public static func precisions(only precision: Precision?, narrow: Bool) -> [Precision] {
            precision.map { [$0] } ?? (narrow ? Precision.narrowFormats : Precision.wideFormats)
        }

        public var forecaster: OverflowForecaster {
            var forecaster = OverflowForecaster(layer: chain.layer, firstLayer: chain.firstLayer, input: chain.input, maxDepth: maxDepth)
            forecaster.overflow = overflow
            return forecaster
        }

        /// - Throws: ``SettingsError`` for a non-finite number, a depth outside 1…``maximumDepth`` or no format.
        public func validate() throws(SettingsError) {
            try chain.validate()
            try SettingsCheck.value("max-depth", maxDepth, within: 1...Self.maximumDepth)
            guard !precisions.isEmpty else { throw SettingsError(setting: "precision", "must name at least one format, got none.") }
        }
    }

    /// `--format json` and `/api/overflow`: the chain, the settings and one forecast per format.
    public struct Document: Codable, Sendable, Equatable {
        /// The chain, as in ``ChainExperiment/Document``.
        public var activation: String
        public var weight, bias: Double
        public var firstWeight, firstBias: Double?
        public var input: Double
        public var maxDepth: Int
        public var overflow: OverflowRule
        public var forecasts: [OverflowForecast]
    }
}
