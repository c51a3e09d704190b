import GradscopeCharts
import GradscopeCore

/// `gradscope layers` and `/api/layers`: per-layer statistics of random wide networks beside the
/// mean-field prediction (Schoenholz et al. 2017), and per-layer histograms of activations and gradients.
///
/// `seeds` networks of `depth` layers of `width` units (weights from `initialization`, biases
/// N(0, σ_b²)) pass a batch x ~ N(0, I) forward and L = v·x_L (v ~ N(0, I)) backward. Per layer of
/// the first network: Var h_l beside the length map's q^l, Var φ(h_l), and ‖∂L/∂h_l‖ beside
/// χ₁^((L−l)/2)·‖∂L/∂h_L‖; the fitted growth of ln‖∂L/∂h_l‖² per layer (one fit per seed) beside ln χ₁.
/// The histograms are of the network with seed `seed` (bucket rule: ``Histograms``).
///
/// ```swift
/// let report = try LayersExperiment(settings: .init(width: 16, depth: 5, batch: 2, seeds: 2)).run(progress: nil)
/// report.document.layers.count           // 5
/// report.document.histograms.gradients.bucketEdges.count   // 31
/// ```
public struct LayersExperiment: Experiment {
    public static let name = "layers"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let scheme = try settings.initializer()
        if progress?.isCancelled == true { throw CancellationError() }
        progress?.update(stage: "networks", done: 0, total: 2)
        let cancelled: @Sendable () -> Bool = { progress?.isCancelled ?? false }
        let growth = GradientGrowth(width: settings.width, depth: settings.depth, activation: settings.activation, initialization: scheme,
                                    sigmaB2: settings.sigmaB2, batch: settings.batch, seeds: settings.seeds, seed: settings.seed,
                                    isCancelled: cancelled)
        if cancelled() { throw CancellationError() }
        progress?.update(stage: "networks", done: 1, total: 2)
        let network = WideNetwork(width: settings.width, depth: settings.depth, activation: settings.activation, initialization: scheme,
                                  sigmaB2: settings.sigmaB2, seed: settings.seed, isCancelled: cancelled)
        guard let pass = network.pass(batch: settings.batch, seed: settings.seed ^ 0x5EED_BA7C, isCancelled: cancelled)
        else { throw CancellationError() }
        return Self.report(settings, growth: growth, pass: pass)
    }

    /// Every face's view of a growth fit and the first network's pass.
    public static func report(_ settings: Settings, growth: GradientGrowth, pass: WideNetworkPass) -> ExperimentReport<Document> {
        let stats = growth.firstStatistics, rms = growth.meanNorms
        let predicted = growth.predictedNorms, byLayer = growth.predictedNormsByLayer
        let histograms = Document.LayerHistograms(activations: Histograms(pass.activations), gradients: Histograms(pass.gradients))
        let layers = stats.enumerated().map { i, s in
            Document.Layer(layer: s.layer, preactivationMean: s.preactivationMean, preactivationVariance: s.preactivationVariance,
                           predictedPreactivationVariance: growth.predictedLengths[i], activationMean: s.activationMean,
                           activationVariance: s.activationVariance, gradientNorm: s.gradientNorm, rmsGradientNorm: rms[i],
                           predictedGradientNorm: predicted[i], predictedGradientNormByLayer: byLayer[i])
        }
        let fit = Document.GrowthFit(fittedGrowth: growth.fittedGrowth, standardError: growth.standardError,
                                     predictedGrowth: growth.predictedGrowth, fitStartLayer: growth.fitStart, perSeed: growth.fittedGrowths)
        let document = Document(activation: settings.activation.name, width: settings.width, depth: settings.depth,
                                initialization: settings.initialization, sigmaW2: growth.point.sigmaW2, sigmaB2: settings.sigmaB2,
                                batch: settings.batch, seed: settings.seed, seeds: settings.seeds, theory: growth.point, fit: fit,
                                layers: layers, histograms: histograms)
        let table = Self.table(layers, histograms)
        let charts: [any SVGChart & TerminalChart] = [
            WideNetworkCharts.growth(growth),
            histograms.activations.chart(title: "Activations φ(h_l) per layer (seed \(settings.seed))", xLabel: "φ(h_l)"),
            histograms.gradients.chart(title: "Gradients ∂L/∂h_l per layer (seed \(settings.seed))", xLabel: "∂L/∂h_l"),
        ]
        let figure = Figure(id: "layers", title: "Per-layer statistics of random wide networks",
                            explanation: "‖∂L/∂h_l‖ beside χ₁^((L−l)/2), and the activations and gradients per layer.",
                            charts: charts, table: table, caption: agreement(growth), data: table)
        return ExperimentReport(summary: summary(settings, growth, layers), figures: [figure], document: document, table: table)
    }

    /// One row per layer: the statistics, then each histogram's edges and counts as `;`-separated lists.
    static func table(_ layers: [Document.Layer], _ histograms: Document.LayerHistograms) -> DataTable {
        let histogramColumns = ["activation", "gradient"].flatMap { ["\($0)_bucket_edges", "\($0)_bucket_counts", "\($0)_outside", "\($0)_non_finite"] }
        var table = DataTable(columns: ["layer", "preactivation_mean", "preactivation_variance", "predicted_preactivation_variance",
                                        "activation_mean", "activation_variance", "gradient_norm", "rms_gradient_norm",
                                        "predicted_gradient_norm", "predicted_gradient_norm_by_layer"] + histogramColumns)
        let edges = [histograms.activations, histograms.gradients].map { $0.bucketEdges.map(CSVNumber.text).joined(separator: ";") }
        for (i, l) in layers.enumerated() {
            let numbers = [l.preactivationMean, l.preactivationVariance, l.predictedPreactivationVariance, l.activationMean,
                           l.activationVariance, l.gradientNorm, l.rmsGradientNorm, l.predictedGradientNorm, l.predictedGradientNormByLayer]
            let buckets = zip(edges, [histograms.activations.layers[i], histograms.gradients.layers[i]]).flatMap { edges, h -> [DataTable.Cell] in
                [.text(edges), .text(h.counts.map(String.init).joined(separator: ";")), .text(String(h.outside)), .text(String(h.nonFinite))]
            }
            table.append([.text(String(l.layer))] + numbers.map { .number($0) } + buckets)
        }
        return table
    }

    /// "fitted growth of ln‖∂L/∂h_l‖² per layer towards the input: 0.1823 ± 0.0042 (4 seeds, layers 5…30) vs ln χ₁ = 0.1811: …"
    public static func agreement(_ g: GradientGrowth) -> String {
        let difference = g.fittedGrowth - g.predictedGrowth
        let errors = g.standardError.isFinite && g.standardError > 0 ? ", \(TerminalNumber.short(abs(difference) / g.standardError)) standard errors" : ""
        return "fitted growth of ln‖∂L/∂h_l‖² per layer towards the input: \(TerminalNumber.short(g.fittedGrowth)) ± \(TerminalNumber.short(g.standardError)) (\(g.fittedGrowths.count) seeds, layers \(g.fitStart)…\(g.depth)) vs ln χ₁ = \(TerminalNumber.short(g.predictedGrowth)): difference \(TerminalNumber.short(difference))\(errors)"
    }

    static func summary(_ settings: Settings, _ growth: GradientGrowth, _ layers: [Document.Layer]) -> String {
        let p = growth.point
        var text = "\(settings.activation), width \(settings.width), depth \(settings.depth), init \(settings.initialization) (σ_w² = \(TerminalNumber.short(p.sigmaW2))), σ_b² = \(TerminalNumber.short(settings.sigmaB2)), batch \(settings.batch), seeds \(settings.seed)…\(settings.seed + UInt64(settings.seeds) - 1)\n"
        text += "theory: q* = \(TerminalNumber.short(p.qStar)), χ₁ = \(TerminalNumber.short(p.chi1)) (\(p.chi1 < 1 ? "ordered: gradients vanish towards the input" : p.chi1 > 1 ? "chaotic: gradients explode towards the input" : "critical")), ξ_c = \(TerminalNumber.short(p.xiC))\n\n"
        var table = TextTable(["layer", "Var h_l", "q^l (theory)", "Var φ(h_l)", "‖∂L/∂h_l‖", "rms, seeds", "χ₁^((L−l)/2)·‖∂L/∂h_L‖"])
        for l in layers {
            table.append([String(l.layer)] + [l.preactivationVariance, l.predictedPreactivationVariance, l.activationVariance, l.gradientNorm,
                                              l.rmsGradientNorm, l.predictedGradientNorm].map(TerminalNumber.short))
        }
        return text + table.rendered + "\n\n" + agreement(growth)
    }
}

extension LayersExperiment {
    /// The networks and the batch. Flags `--width --depth --activation --init --sigma-w2 --sigma-b2
    /// --batch --seeds --seed`; the same names as query parameters.
    public struct Settings: Sendable, Equatable {
        public var width: Int
        public var depth: Int
        public var activation: Activation
        /// gaussian, xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], he, he-fan-out, orthogonal[:GAIN|:auto].
        public var initialization: String
        /// σ_w² of the gaussian initialisation (N(0, σ_w²/N)); nil is 1.
        public var sigmaW2: Double?
        public var sigmaB2: Double
        public var batch: Int
        public var seeds: Int
        public var seed: UInt64

        public init(width: Int = 200, depth: Int = 30, activation: Activation = .tanh, initialization: String = "gaussian",
                    sigmaW2: Double? = nil, sigmaB2: Double = 0, batch: Int = 16, seeds: Int = 4, seed: UInt64 = 1) {
            self.width = width
            self.depth = depth
            self.activation = activation
            self.initialization = initialization
            self.sigmaW2 = sigmaW2
            self.sigmaB2 = sigmaB2
            self.batch = batch
            self.seeds = seeds
            self.seed = seed
        }

        public static let widths = 1...2000, depths = 2...1000, batches = 1...1024, seedCounts = 1...64
        /// width² × depth × batch × seeds, the multiply-adds of one run.
        public static let maximumWork = 20_000_000_000
        /// Gram–Schmidt is O(N³) per layer.
        public static let maximumOrthogonalWidth = 500

        /// The weight initialisation by name.
        /// - Throws: ``SettingsError`` for an unknown name, listing the known ones.
        public func initializer() throws(SettingsError) -> Initializer {
            guard let scheme = Initializer(wideNamed: initialization, activation: activation, sigmaW2: sigmaW2 ?? 1, width: width) else {
                throw SettingsError(setting: "init", "'\(initialization)' is unknown. Use one of: \(Initializer.wideNamesHelp).")
            }
            return scheme
        }

        /// - Throws: ``SettingsError`` for a size out of range, a negative or non-finite variance, σ_w² with
        ///   another initialisation, an unknown initialisation or too much work.
        public func validate() throws(SettingsError) {
            try SettingsCheck.value("width", width, within: Self.widths)
            try SettingsCheck.value("depth", depth, within: Self.depths)
            try SettingsCheck.value("batch", batch, within: Self.batches)
            try SettingsCheck.value("seeds", seeds, within: Self.seedCounts)
            try SettingsCheck.finiteNonNegative("sigma-b2", sigmaB2)
            try SettingsCheck.finiteNonNegative("sigma-w2", sigmaW2 ?? 0)
            let scheme = try initializer()
            if sigmaW2 != nil, initialization.lowercased() != "gaussian" {
                throw SettingsError(setting: "sigma-w2", "applies only to the gaussian initialisation; '\(initialization)' fixes σ_w² itself (xavier: gain², he: 2, orthogonal: gain²).")
            }
            if case .orthogonal = scheme, width > Self.maximumOrthogonalWidth {
                throw SettingsError(setting: "width", "must be at most \(Self.maximumOrthogonalWidth) with the orthogonal initialisation (Gram–Schmidt is O(N³) per layer), got \(width).")
            }
            let work = width * width * depth * batch * seeds
            if work > Self.maximumWork {
                throw SettingsError(setting: nil, "That is \(work) multiply-adds (width² × depth × batch × seeds); the limit is \(Self.maximumWork). Lower one of them.")
            }
        }
    }

    /// `--format json` and `/api/layers`: the settings, the theory, the fit, one object per layer and the histograms.
    public struct Document: Encodable, Sendable {
        public struct Layer: Codable, Sendable, Equatable {
            public var layer: Int
            public var preactivationMean, preactivationVariance, predictedPreactivationVariance, activationMean, activationVariance: Double
            public var gradientNorm, rmsGradientNorm, predictedGradientNorm, predictedGradientNormByLayer: Double
        }

        public struct GrowthFit: Codable, Sendable, Equatable {
            public var fittedGrowth, standardError, predictedGrowth: Double
            public var fitStartLayer: Int
            public var perSeed: [Double]
        }

        /// The histograms of the network with seed `seed`.
        public struct LayerHistograms: Codable, Sendable, Equatable {
            public var activations: Histograms
            public var gradients: Histograms
        }

        public var activation: String
        public var width, depth: Int
        public var initialization: String
        public var sigmaW2, sigmaB2: Double
        public var batch: Int
        public var seed: UInt64
        public var seeds: Int
        public var theory: MeanFieldPoint
        public var fit: GrowthFit
        public var layers: [Layer]
        public var histograms: LayerHistograms
    }
}
