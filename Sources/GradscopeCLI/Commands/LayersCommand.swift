import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope layers`: per-layer statistics of random wide networks beside the mean-field prediction.
struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Per-layer statistics of random wide networks: variances, gradient norms, histograms, and the χ₁ prediction.",
        discussion: """
        Builds --seeds random networks of --depth layers of --width units (weights from --init, biases \
        N(0, σ_b²)), passes a batch of inputs x ~ N(0, I) forward and the loss L = v·x_L (v ~ N(0, I)) \
        backward, and prints per layer: the pre-activation variance beside the length map's q^l, the \
        activation variance, and ‖∂L/∂h_l‖ beside the prediction χ₁^((L−l)/2) (mean-field theory, \
        Schoenholz et al. 2017). The fitted growth per layer (ln‖∂L/∂h_l‖² against l, one fit per seed) \
        is compared with ln χ₁.

        Inits: gaussian (N(0, σ_w²/N), with --sigma-w2), xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], \
        he, he-fan-out, orthogonal[:GAIN|:auto]; ':auto' is PyTorch's gain (tanh 5/3, relu √2).

        CSV columns: layer, preactivation_mean, preactivation_variance, predicted_preactivation_variance, \
        activation_mean, activation_variance, gradient_norm, rms_gradient_norm, predicted_gradient_norm, \
        predicted_gradient_norm_by_layer.

        Example: gradscope layers --width 200 --depth 40 --activation tanh --init gaussian --sigma-w2 1.5 --sigma-b2 0.05
        """
    )

    @Option(help: "Units per layer N (1…2000).")
    var width: Int = 200

    @Option(help: "Number of layers L (2…1000).")
    var depth: Int = 30

    @Option(help: "Activation φ: relu, leaky_relu, tanh, sigmoid, linear, softplus, elu, gelu, swish, sin.", transform: parseActivation)
    var activation: Activation = .tanh

    @Option(help: "Weight initialisation: gaussian, xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], he, he-fan-out, orthogonal[:GAIN|:auto].")
    var `init`: String = "gaussian"

    @Option(name: .customLong("sigma-w2"), parsing: .unconditional, help: "σ_w² of --init gaussian: weights N(0, σ_w²/N).")
    var sigmaW2: Double?

    @Option(name: .customLong("sigma-b2"), parsing: .unconditional, help: "σ_b²: biases N(0, σ_b²).")
    var sigmaB2: Double = 0

    @Option(help: "Inputs per batch (1…1024).")
    var batch: Int = 16

    @Option(help: "Number of random networks (seeds seed, seed+1, …; 1…64), for the fit's standard error.")
    var seeds: Int = 4

    @Option(help: "The first seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the charts (.svg) or the table (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    static let maxWork = 20_000_000_000

    func validate() throws {
        guard (1...2000).contains(width) else { throw CommandError("--width must be between 1 and 2000, got \(width).") }
        guard (2...1000).contains(depth) else { throw CommandError("--depth must be between 2 and 1000, got \(depth).") }
        guard (1...1024).contains(batch) else { throw CommandError("--batch must be between 1 and 1024, got \(batch).") }
        guard (1...64).contains(seeds) else { throw CommandError("--seeds must be between 1 and 64, got \(seeds).") }
        try checkVariance("--sigma-b2", sigmaB2)
        if let sigmaW2 { try checkVariance("--sigma-w2", sigmaW2) }
        let scheme = try initialization()
        if sigmaW2 != nil, self.`init`.lowercased() != "gaussian" {
            throw CommandError("--sigma-w2 applies to --init gaussian; '\(self.`init`)' fixes σ_w² itself (xavier: gain², he: 2, orthogonal: gain²).")
        }
        if case .orthogonal = scheme, width > 500 {
            throw CommandError("--init orthogonal needs --width ≤ 500 (Gram–Schmidt is O(N³) per layer), got \(width).")
        }
        _ = scheme
        let work = width * width * depth * batch * seeds
        if work > Self.maxWork {
            throw CommandError("That is \(work) multiply-adds (width² × depth × batch × seeds); the limit is \(Self.maxWork). Lower one of them.")
        }
        if let out { _ = try OutputFile(path: out) }
    }

    func initialization() throws -> Initializer {
        guard let scheme = Initializer(wideNamed: self.`init`, activation: activation, sigmaW2: sigmaW2 ?? 1, width: width) else {
            throw CommandError("Unknown --init '\(self.`init`)'. Use one of: \(Initializer.wideNamesHelp).")
        }
        return scheme
    }

    func growth() throws -> GradientGrowth {
        GradientGrowth(width: width, depth: depth, activation: activation, initialization: try initialization(),
                       sigmaB2: sigmaB2, batch: batch, seeds: seeds, seed: seed)
    }

    func run() throws {
        let growth = try growth()
        let pass = WideNetwork(width: width, depth: depth, activation: activation, initialization: try initialization(),
                               sigmaB2: sigmaB2, seed: seed).pass(batch: batch, seed: seed ^ 0x5EED_BA7C)
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(SVGStack.horizontal(charts(growth, pass)))
            case .csv: try file.write(render(growth, pass, format: .csv))
            case .json: try file.write(render(growth, pass, format: .json))
            }
        }
        print(try render(growth, pass, format: output.format))
    }

    func charts(_ growth: GradientGrowth, _ pass: WideNetworkPass) -> [any SVGChart & TerminalChart] {
        [WideNetworkCharts.growth(growth),
         WideNetworkCharts.layerHistograms(pass.activations, title: "Activations φ(h_l) per layer (seed \(seed))", xLabel: "φ(h_l)"),
         WideNetworkCharts.layerHistograms(pass.gradients, title: "Gradients ∂L/∂h_l per layer (seed \(seed))", xLabel: "∂L/∂h_l")]
    }

    var summary: String {
        let scheme = (try? initialization())
        return "\(activation), width \(width), depth \(depth), init \(self.`init`) (σ_w² = \(NumberText.short(scheme?.sigmaW2(width: width) ?? .nan))), σ_b² = \(NumberText.short(sigmaB2)), batch \(batch), seeds \(seed)…\(seed + UInt64(seeds) - 1)"
    }

    /// "fitted ln-growth per layer 0.1823 ± 0.0042 (4 seeds, layers 5…30) vs ln χ₁ = 0.1811: difference 0.0012 (0.3 standard errors)"
    static func agreement(_ g: GradientGrowth) -> String {
        let difference = g.fittedGrowth - g.predictedGrowth
        let errors = g.standardError.isFinite && g.standardError > 0 ? ", \(NumberText.short(abs(difference) / g.standardError)) standard errors" : ""
        return "fitted growth of ln‖∂L/∂h_l‖² per layer towards the input: \(NumberText.short(g.fittedGrowth)) ± \(NumberText.short(g.standardError)) (\(g.fittedGrowths.count) seeds, layers \(g.fitStart)…\(g.depth)) vs ln χ₁ = \(NumberText.short(g.predictedGrowth)): difference \(NumberText.short(difference))\(errors)"
    }

    func render(_ growth: GradientGrowth, _ pass: WideNetworkPass, format: OutputFormat) throws -> String {
        let stats = growth.firstStatistics, rms = growth.meanNorms
        let predicted = growth.predictedNorms, byLayer = growth.predictedNormsByLayer
        switch format {
        case .csv:
            var csv = CSVText(header: ["layer", "preactivation_mean", "preactivation_variance", "predicted_preactivation_variance",
                                       "activation_mean", "activation_variance", "gradient_norm", "rms_gradient_norm",
                                       "predicted_gradient_norm", "predicted_gradient_norm_by_layer"])
            for (i, s) in stats.enumerated() {
                csv.append([String(s.layer)] + [s.preactivationMean, s.preactivationVariance, growth.predictedLengths[i], s.activationMean,
                                                s.activationVariance, s.gradientNorm, rms[i], predicted[i], byLayer[i]].map { "\($0)" })
            }
            return csv.rendered
        case .json:
            let layers = stats.enumerated().map { i, s in
                LayerRow(layer: s.layer, preactivationMean: s.preactivationMean, preactivationVariance: s.preactivationVariance,
                         predictedPreactivationVariance: growth.predictedLengths[i], activationMean: s.activationMean,
                         activationVariance: s.activationVariance, gradientNorm: s.gradientNorm, rmsGradientNorm: rms[i],
                         predictedGradientNorm: predicted[i], predictedGradientNormByLayer: byLayer[i])
            }
            let fit = GrowthFit(fittedGrowth: growth.fittedGrowth, standardError: growth.standardError, predictedGrowth: growth.predictedGrowth,
                                fitStartLayer: growth.fitStart, perSeed: growth.fittedGrowths)
            return try JSONText.encode(LayersReport(activation: activation.name, width: width, depth: depth, initialization: self.`init`,
                                                    sigmaW2: growth.point.sigmaW2, sigmaB2: sigmaB2, batch: batch, seed: seed, seeds: seeds,
                                                    theory: growth.point, fit: fit, layers: layers))
        case .text:
            let p = growth.point
            var text = summary + "\n"
            text += "theory: q* = \(NumberText.short(p.qStar)), χ₁ = \(NumberText.short(p.chi1)) (\(p.chi1 < 1 ? "ordered: gradients vanish towards the input" : p.chi1 > 1 ? "chaotic: gradients explode towards the input" : "critical")), ξ_c = \(NumberText.short(p.xiC))\n\n"
            var table = TextTable(["layer", "Var h_l", "q^l (theory)", "Var φ(h_l)", "‖∂L/∂h_l‖", "rms, seeds", "χ₁^((L−l)/2)·‖∂L/∂h_L‖"])
            for (i, s) in stats.enumerated() {
                table.append([String(s.layer)] + [s.preactivationVariance, growth.predictedLengths[i], s.activationVariance, s.gradientNorm, rms[i], predicted[i]].map(NumberText.short))
            }
            text += table.rendered + "\n\n" + Self.agreement(growth) + "\n"
            do {
                let style = TerminalStyle.detect()
                let width = max(40, min(style.width, 110))
                text += "\n" + charts(growth, pass).map { $0.terminal(width: width, height: 14, colour: style.colour) }.joined(separator: "\n\n")
            }
            return text
        }
    }
}

func checkVariance(_ name: String, _ value: Double) throws {
    guard value.isFinite, value >= 0 else { throw CommandError("\(name) must be a finite number ≥ 0, got \(value).") }
}

struct LayerRow: Encodable {
    var layer: Int
    var preactivationMean, preactivationVariance, predictedPreactivationVariance, activationMean, activationVariance: Double
    var gradientNorm, rmsGradientNorm, predictedGradientNorm, predictedGradientNormByLayer: Double
}

struct GrowthFit: Encodable {
    var fittedGrowth, standardError, predictedGrowth: Double
    var fitStartLayer: Int
    var perSeed: [Double]
}

struct LayersReport: Encodable {
    var activation: String
    var width, depth: Int
    var initialization: String
    var sigmaW2, sigmaB2: Double
    var batch: Int
    var seed: UInt64
    var seeds: Int
    var theory: MeanFieldPoint
    var fit: GrowthFit
    var layers: [LayerRow]
}
