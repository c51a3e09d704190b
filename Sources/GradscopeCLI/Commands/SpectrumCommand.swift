import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope spectrum`: singular values of the input–output Jacobian at the critical point.
struct SpectrumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "Singular values of a random network's input–output Jacobian at the critical point: Gaussian vs orthogonal weights.",
        discussion: """
        For each activation, builds a network at the critical point (tanh: the σ_w² with χ₁ = 1 at
        --sigma-b2; relu: σ_w² = 2, σ_b² = 0, its only critical point with a finite length) once with
        Gaussian and once with orthogonal weights (gain √σ_w²), forms J = D_L W_L ⋯ D_1 W_1 at an input \
        on the fixed point q*, and finds its singular values (one-sided Jacobi). The mean of σ² is \
        Π χ = 1 in theory for all four; only orthogonal tanh concentrates them near 1 (dynamical \
        isometry, Pennington, Schoenholz & Ganguli 2017).

        CSV columns: activation, weights, sigma_w2, sigma_b2, index, singular_value.

        Example: gradscope spectrum --width 200 --depth 32 --sigma-b2 0.0001
        """
    )

    @Option(help: "Units per layer N (2…400).")
    var width: Int = 100

    @Option(help: "Number of layers L (1…500).")
    var depth: Int = 32

    @Option(name: .customLong("sigma-b2"), parsing: .unconditional, help: "σ_b² of the tanh networks (small σ_b² gives small q*).")
    var sigmaB2: Double = 0.0001

    @Option(help: "Comma-separated activations (bounded ones use their critical line; relu uses σ_w² = 2, σ_b² = 0).")
    var activations: String = "tanh,relu"

    @Option(help: "The seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the histograms (.svg) or the singular values (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (2...400).contains(width) else { throw CommandError("--width must be between 2 and 400 (the SVD is O(N³)), got \(width).") }
        guard (1...500).contains(depth) else { throw CommandError("--depth must be between 1 and 500, got \(depth).") }
        try checkVariance("--sigma-b2", sigmaB2)
        let cases = 2 * (try parsedActivations()).count
        try WorkLimits.checkWork(WorkLimits.product([cases, depth, width, width, width]), limit: WorkLimits.maxSpectrumWork,
                                 what: "\(cases) spectra of depth \(depth) × width \(width)³", unit: "multiply-adds", fix: "Lower --width or --depth.")
        if let out { _ = try OutputFile(path: out) }
    }

    func parsedActivations() throws -> [Activation] {
        let list = try activations.split(separator: ",").map { try parseActivation($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty else { throw CommandError("--activations needs at least one activation, e.g. tanh,relu.") }
        return list
    }

    /// (σ_w², σ_b²) of the critical point used for φ.
    func criticalPoint(_ activation: Activation) throws -> (sigmaW2: Double, sigmaB2: Double) {
        switch activation {
        case .relu: return (2, 0)
        case .leakyRelu(let slope): return (2 / (1 + slope * slope), 0)
        default:
            guard let w2 = MeanField.criticalSigmaW2(activation: activation, sigmaB2: sigmaB2) else {
                throw CommandError("\(activation) has no critical point at σ_b² = \(TerminalNumber.short(sigmaB2)) (χ₁ < 1 up to σ_w² = 10⁴).")
            }
            return (w2, sigmaB2)
        }
    }

    func spectra() throws -> [JacobianSpectrum] {
        let cases = try parsedActivations().flatMap { activation -> [(Activation, Initializer, Double)] in
            let (w2, b2) = try criticalPoint(activation)
            return [(activation, .meanField(sigmaW2: w2, width: width), b2), (activation, .orthogonal(gain: w2.squareRoot()), b2)]
        }
        return cases.map { JacobianSpectrum(activation: $0.0, initialization: $0.1, sigmaB2: $0.2, width: width, depth: depth, seed: seed) }
    }

    func run() throws {
        let spectra = try spectra()
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(WideNetworkCharts.spectra(spectra).svg())
            case .csv: try file.write(render(spectra, format: .csv))
            case .json: try file.write(render(spectra, format: .json))
            }
        }
        print(try render(spectra, format: output.format))
    }

    static func weights(_ s: JacobianSpectrum) -> String { s.initialization.isOrthogonal ? "orthogonal" : "gaussian" }

    func render(_ spectra: [JacobianSpectrum], format: OutputFormat) throws -> String {
        switch format {
        case .csv:
            var csv = CSVText(header: ["activation", "weights", "sigma_w2", "sigma_b2", "index", "singular_value"])
            for s in spectra {
                for (i, v) in s.singularValues.enumerated() {
                    csv.append([s.activation.name, Self.weights(s), "\(s.initialization.sigmaW2(width: width)!)", "\(s.sigmaB2)", String(i + 1), "\(v)"])
                }
            }
            return csv.rendered
        case .json:
            return try JSONText.encode(spectra.map { s in
                SpectrumReport(activation: s.activation.name, weights: Self.weights(s), sigmaW2: s.initialization.sigmaW2(width: width)!, sigmaB2: s.sigmaB2,
                               width: width, depth: depth, qStar: s.qStar, meanSquaredSingularValue: s.meanSquaredSingularValue,
                               fractionNearOne: s.fractionNearOne, zeroCount: s.zeroCount, singularValues: s.singularValues)
            })
        case .text:
            var table = TextTable(["φ", "weights", "σ_w²", "σ_b²", "q*", "mean σ²", "max σ", "min σ > 0", "σ = 0", "σ in [½, 2]"])
            for s in spectra {
                table.append([s.activation.name, Self.weights(s), String(format: "%.6f", s.initialization.sigmaW2(width: width)!), TerminalNumber.short(s.sigmaB2),
                              TerminalNumber.short(s.qStar), TerminalNumber.short(s.meanSquaredSingularValue), TerminalNumber.short(s.singularValues.first ?? .nan),
                              TerminalNumber.short(s.singularValues.last { $0 > 0 } ?? .nan), String(s.zeroCount), String(format: "%.0f%%", 100 * s.fractionNearOne)])
            }
            let style = TerminalStyle.detect()
            let chart = WideNetworkCharts.spectra(spectra).terminal(width: 100, height: 2 + spectra.count * 1 + 2, colour: style.colour)
            return "Input–output Jacobian, width \(width), depth \(depth), seed \(seed); mean σ² = tr(JJᵀ)/N, 1 in theory at the critical point.\n\n"
                + table.rendered + "\n\n" + chart
        }
    }
}

struct SpectrumReport: Encodable {
    var activation, weights: String
    var sigmaW2, sigmaB2: Double
    var width, depth: Int
    var qStar, meanSquaredSingularValue, fractionNearOne: Double
    var zeroCount: Int
    var singularValues: [Double]
}
