import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

extension Tour {
    /// The ids of the section "from one unit to wide networks", in order.
    public static let wideNetworkFigureIDs = ["w1-chi1", "w2-phase", "w3-init", "w4-trainability", "w5-isometry"]

    /// "From one unit to wide networks": the single unit's factor w·φ'(a) (S1–S6) becomes the
    /// mean-field χ₁ of a wide random network, predicted and measured.
    public static func wideNetworkFigures() -> [Figure] {
        [WideNetworksFigure.chi1(), WideNetworksFigure.phase(), WideNetworksFigure.initialisations(),
         WideNetworksFigure.trainability(), WideNetworksFigure.isometry()]
    }
}

/// The figures of the wide-network section; sizes chosen to build in seconds.
enum WideNetworksFigure {
    static let width = 128, depth = 24, batch = 8, seeds = 6

    static func growth(_ activation: Activation, _ sigmaW2: Double, _ sigmaB2: Double) -> GradientGrowth {
        GradientGrowth(width: width, depth: depth, activation: activation, initialization: .meanField(sigmaW2: sigmaW2, width: width),
                       sigmaB2: sigmaB2, batch: batch, seeds: seeds, seed: 1)
    }

    static func short(_ v: Double) -> String { NumberText.caption(v) }

    /// W1: χ₁ replaces w·φ'(a): predicted beside measured gradient norms, ordered and chaotic.
    static func chi1() -> Figure {
        let runs = [growth(.tanh, 1.2, 0.05), growth(.tanh, 3, 0.05), growth(.relu, 1.6, 0)]
        var table = DataTable(columns: ["activation", "sigma_w2", "sigma_b2", "q_star", "chi1", "ln_chi1", "fitted_growth", "standard_error", "single_unit_factor"],
                              headers: ["activation", "σ_w²", "σ_b²", "q*", "χ₁", "ln χ₁", "fitted growth", "± (standard error)", "one unit: w·φ'"])
        var data = DataTable(columns: ["activation", "sigma_w2", "layer", "rms_gradient_norm", "predicted_gradient_norm"])
        for g in runs {
            // One unit with w = σ_w on the active side at 0 multiplies by w·φ'(0⁺) per layer (S1, S2, S6).
            let unit = g.point.sigmaW2.squareRoot() * (g.activation == .relu ? 1 : g.activation.derivative(at: 0.0))
            table.append([.text(g.activation.name), .number(g.point.sigmaW2), .number(g.sigmaB2), .number(g.point.qStar), .number(g.point.chi1),
                          .number(g.predictedGrowth), .number(g.fittedGrowth), .number(g.standardError), .number(unit)])
            for (l, (m, p)) in zip(g.meanNorms, g.predictedNorms).enumerated() {
                data.append([.text(g.activation.name), .number(g.point.sigmaW2), .number(Double(l + 1)), .number(m), .number(p)])
            }
        }
        let phrases = runs.map { g in
            "\(g.activation.name) σ_w² = \(short(g.point.sigmaW2)): χ₁ = \(short(g.point.chi1)), fitted \(String(format: "%.4f", g.fittedGrowth)) ± \(String(format: "%.4f", g.standardError)) vs ln χ₁ = \(String(format: "%.4f", g.predictedGrowth))"
        }
        return Figure(
            id: "w1-chi1", title: "From one unit to wide networks: w·φ' becomes χ₁",
            explanation: "In S1–S6 one unit per layer multiplies the gradient by w·φ'(a) at every layer. In a wide random network (weights N(0, σ_w²/N)) each layer multiplies the squared gradient norm by χ₁ = σ_w²·E[φ'(h)²] instead, the average of (w·φ')² over the Gaussian pre-activations h ~ N(0, q*) (Poole et al. 2016, Schoenholz et al. 2017). Below 1 gradients vanish towards the input, above 1 they explode — the post's story, now for N = \(width) units per layer.",
            charts: [WideNetworkCharts.growth(runs[0]), WideNetworkCharts.growth(runs[1])],
            table: table,
            caption: "Fitted growth of ln‖∂L/∂h_l‖² per layer towards the input (\(seeds) networks each, width \(width), depth \(depth)): " + phrases.joined(separator: "; ") + ".",
            data: data)
    }

    /// W2: the phase diagram of tanh coloured by χ₁ with the critical line.
    static func phase() -> Figure {
        let diagram = PhaseDiagram(activation: .tanh, sigmaW2s: (0...28).map { 0.5 + 3.5 * Double($0) / 28 }, sigmaB2s: (0...10).map { 0.025 * Double($0) },
                                   quantities: .orderParameter, criticalSigmaB2s: [0, 0.05, 0.1, 0.15, 0.2, 0.25])
        var table = DataTable(columns: ["activation", "sigma_b2", "critical_sigma_w2"], headers: ["activation", "σ_b²", "critical σ_w²"])
        for (b2, w2) in diagram.criticalLine {
            table.append(["tanh", .number(b2), .number(w2)])
        }
        table.append(["relu", 0.1, .number(MeanField.criticalSigmaW2(activation: .relu, sigmaB2: 0.1) ?? .nan)])
        var data = DataTable(columns: ["sigma_w2", "sigma_b2", "q_star", "chi1"])
        for p in diagram.points.joined() { data.append([.number(p.sigmaW2), .number(p.sigmaB2), .number(p.qStar), .number(p.chi1)]) }
        let at = { (b2: Double) in diagram.criticalLine.first { abs($0.sigmaB2 - b2) < 1e-9 }?.sigmaW2 ?? .nan }
        return Figure(
            id: "w2-phase", title: "Order and chaos: the critical line χ₁ = 1",
            explanation: "χ₁ over the weight and bias variances of tanh networks. Blue: ordered (χ₁ < 1), inputs converge and gradients vanish. Red: chaotic (χ₁ > 1), inputs decorrelate and gradients explode. The single unit's edge w·φ'(0) = 1 becomes the line χ₁ = 1, which moves to larger σ_w² as the bias variance grows (bigger biases push units into saturation, shrinking E[φ'²]).",
            charts: [WideNetworkCharts.phase(diagram, colouring: .chi1)],
            table: table,
            caption: "The critical σ_w² of tanh is \(String(format: "%.4f", at(0))) at σ_b² = 0 (theory: exactly 1), \(String(format: "%.4f", at(0.05))) at 0.05 and \(String(format: "%.4f", at(0.25))) at 0.25; relu's is 2 at every σ_b² (χ₁ = σ_w²/2).",
            data: data)
    }

    /// W3: named initialisations as points of the phase diagram, with Glorot-style per-layer histograms.
    static func initialisations() -> Figure {
        let cases: [(Activation, String)] = [(.tanh, "xavier"), (.tanh, "xavier:auto"), (.tanh, "he"), (.relu, "xavier"), (.relu, "he"), (.relu, "orthogonal:auto")]
        var table = DataTable(columns: ["activation", "init", "sigma_w2", "chi1", "gradient_change_over_depth", "verdict"],
                              headers: ["activation", "initialisation", "σ_w²", "χ₁", "gradient change over depth", "verdict"])
        for (activation, name) in cases {
            let scheme = Initializer(wideNamed: name, activation: activation, sigmaW2: 1, width: width)!
            let point = MeanField(activation: activation, sigmaW2: scheme.sigmaW2(width: width)!, sigmaB2: 0).fixedPoint()
            let change = Double.pow(point.chi1, Double(depth) / 2)
            let verdict = abs(point.chi1 - 1) < 1e-9 ? "critical" : point.chi1 < 1 ? "vanishing" : "exploding"
            table.append([.text(activation.name), .text(scheme.name), .number(point.sigmaW2), .number(point.chi1), .number(change), .text(verdict)])
        }
        let network = WideNetwork(width: width, depth: depth, activation: .tanh, initialization: .xavierNormal(gain: 1), sigmaB2: 0, seed: 1)
        let pass = network.pass(batch: batch, seed: 2)
        var data = DataTable(columns: ["layer", "activation_variance", "gradient_norm"])
        for s in pass.layerStatistics { data.append([.number(Double(s.layer)), .number(s.activationVariance), .number(s.gradientNorm)]) }
        let variances = pass.layerStatistics.map(\.activationVariance)
        return Figure(
            id: "w3-init", title: "Initialisation schemes are points on the phase diagram",
            explanation: "Xavier/Glorot (variance 2/(n_in + n_out)), He (2/fan_in) and orthogonal weights fix σ_w² = variance × N: 1 for Xavier, 2 for He, gain² for orthogonal. With σ_b² = 0, tanh is critical at σ_w² = 1 and relu at 2, so Xavier suits tanh and He suits relu; PyTorch's gain 5/3 for tanh puts it on the chaotic side. The histograms show Glorot & Bengio's picture: tanh activations with Xavier weights shrink layer by layer towards 0 (q* = 0 at σ_w² = 1, σ_b² = 0).",
            charts: [WideNetworkCharts.layerHistograms(pass.activations, title: "tanh, Xavier: activations per layer", xLabel: "φ(h_l)", rows: 8),
                     WideNetworkCharts.layerHistograms(pass.gradients, title: "tanh, Xavier: gradients ∂L/∂h_l per layer", xLabel: "∂L/∂h_l", rows: 8)],
            table: table,
            caption: "tanh with Xavier: χ₁ = 1 and the activation variance falls from \(short(variances.first!)) at layer 1 to \(short(variances.last!)) at layer \(depth) as q^l → 0 slowly; relu with He: χ₁ = 1; tanh with PyTorch's gain 5/3 (σ_w² = 2.78): χ₁ = \(short(table.numbers("chi1")[1])).",
            data: data)
    }

    /// W4: trainability at initialisation over (σ_w², depth) with 6ξ_c.
    static func trainability() -> Figure {
        let w2s = (0...16).map { 0.5 + 3.5 * Double($0) / 16 }
        let depths = Array(stride(from: 4, through: 160, by: 12))
        let map = TrainabilityMap(activation: .tanh, sigmaB2: 0.05, sigmaW2s: w2s, depths: depths, width: 64, batch: 4, seeds: 1, seed: 1)
        var data = DataTable(columns: ["sigma_w2", "depth", "log10_gradient_ratio", "trainable", "six_xi_c"])
        for (d, depth) in depths.enumerated() {
            for (c, w2) in w2s.enumerated() {
                data.append([.number(w2), .number(Double(depth)), .number(map.log10Ratios[d][c]), .number(map.isTrainable(depthIndex: d, sigmaW2Index: c) ? 1 : 0), .number(6 * map.correlationDepths[c])])
            }
        }
        var table = DataTable(columns: ["sigma_w2", "six_xi_c", "deepest_trainable_depth"], headers: ["σ_w²", "6ξ_c", "deepest trainable depth"])
        for (c, w2) in w2s.enumerated() where c % 4 == 0 {
            let deepest = depths.indices.last { map.isTrainable(depthIndex: $0, sigmaW2Index: c) }.map { Double(depths[$0]) } ?? 0
            table.append([.number(w2), .number(6 * map.correlationDepths[c]), .number(deepest)])
        }
        let trainable = data.numbers("trainable").reduce(0, +)
        return Figure(
            id: "w4-trainability", title: "How deep can a network be and still pass gradients?",
            explanation: "Random tanh networks (width 64, σ_b² = 0.05) at each σ_w² and depth L: a cell counts as trainable when the first layer's gradient norm is within a factor 1000 of the last layer's at initialisation. Schoenholz et al. found networks train up to about 6ξ_c layers; ξ_c diverges at the critical line, so only near it can very deep networks train.",
            charts: [WideNetworkCharts.trainability(map)],
            table: table,
            caption: "\(Int(trainable)) of \(w2s.count * depths.count) cells pass the gradient-ratio test; at the critical σ_w² ≈ 1.76 ξ_c diverges and every depth up to \(depths.last!) passes.",
            data: data)
    }

    /// W5: dynamical isometry: Jacobian spectra at the critical point.
    static func isometry() -> Figure {
        let tanhW2 = MeanField.criticalSigmaW2(activation: .tanh, sigmaB2: 1e-4) ?? 1
        let spectra = [
            JacobianSpectrum(activation: .tanh, initialization: .meanField(sigmaW2: tanhW2, width: 64), sigmaB2: 1e-4, width: 64, depth: depth, seed: 1),
            JacobianSpectrum(activation: .tanh, initialization: .orthogonal(gain: tanhW2.squareRoot()), sigmaB2: 1e-4, width: 64, depth: depth, seed: 1),
            JacobianSpectrum(activation: .relu, initialization: .meanField(sigmaW2: 2, width: 64), sigmaB2: 0, width: 64, depth: depth, seed: 1),
            JacobianSpectrum(activation: .relu, initialization: .orthogonal(gain: 2.squareRoot()), sigmaB2: 0, width: 64, depth: depth, seed: 1),
        ]
        var table = DataTable(columns: ["activation", "weights", "sigma_w2", "mean_squared_singular_value", "largest", "smallest", "fraction_within_factor_2_of_1"],
                              headers: ["activation", "weights", "σ_w²", "mean s²", "largest s", "smallest s", "share of s in [½, 2]"])
        var data = DataTable(columns: ["activation", "weights", "index", "singular_value"])
        for s in spectra {
            let weights = SpectrumExperiment.weights(s)
            table.append([.text(s.activation.name), .text(weights), .number(s.initialization.sigmaW2(width: 64)!), .number(s.meanSquaredSingularValue),
                          .number(s.singularValues.first!), .number(s.singularValues.last!), .number(s.fractionNearOne)])
            for (i, v) in s.singularValues.enumerated() { data.append([.text(s.activation.name), .text(weights), .number(Double(i + 1)), .number(v)]) }
        }
        let percent = spectra.map { String(format: "%.0f%%", 100 * $0.fractionNearOne) }
        return Figure(
            id: "w5-isometry", title: "Beyond χ₁ = 1: dynamical isometry",
            explanation: "χ₁ = 1 only fixes the mean squared singular value of the input–output Jacobian. Pennington, Schoenholz & Ganguli (2017) showed that the whole spectrum matters: with orthogonal weights and tanh near q* = 0 every singular value stays near 1, while Gaussian weights, or relu with any weights, spread them over orders of magnitude.",
            charts: [WideNetworkCharts.spectra(spectra)],
            table: table,
            caption: "Depth \(depth), width 64, at the critical point: singular values within a factor 2 of 1 — tanh Gaussian \(percent[0]), tanh orthogonal \(percent[1]), relu Gaussian \(percent[2]), relu orthogonal \(percent[3]).",
            data: data)
    }
}
