import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

extension Histogram: TerminalChart {}

/// Charts of wide random networks and their mean-field theory.
public enum WideNetworkCharts {
    /// Measured ‖∂L/∂h_l‖ per seed (thin) and their root mean square (dark red) beside the prediction
    /// χ₁^((L−l)/2) (dashed) and the layer-by-layer product of χ(q^l) (dotted), on a log axis.
    public static func growth(_ growth: GradientGrowth, title: String? = nil, caption: String = "") -> LineChart {
        let layers = (1...growth.depth).map(Double.init)
        var series = growth.measuredNorms.enumerated().map { s, norms in
            Series(name: s == 0 ? "each network" : "", xs: layers, ys: norms, colour: "#E8A0A0")
        }
        series.append(Series(name: "rms of \(growth.measuredNorms.count)", xs: layers, ys: growth.meanNorms, colour: "#8B0000"))
        series.append(Series(name: "χ₁^((L−l)/2), χ₁ = \(NumberText.caption(growth.point.chi1))", xs: layers,
                             ys: growth.predictedNorms, colour: "#1F77B4", dash: [6, 4]))
        series.append(Series(name: "Π χ(q^k)", xs: layers, ys: growth.predictedNormsByLayer, colour: "#2CA02C", dash: [2, 3]))
        return LineChart(title: title ?? "‖∂L/∂h_l‖: \(growth.activation.name), N = \(growth.width), σ_w² = \(NumberText.caption(growth.point.sigmaW2)), σ_b² = \(NumberText.caption(growth.sigmaB2))",
                         caption: caption, xLabel: "layer l", yLabel: "‖∂L/∂h_l‖", yScale: .log10, series: series)
    }

    /// Per-layer histograms (30 buckets) of the activations φ(h_l) or the gradients ∂L/∂h_l, as ridge rows
    /// (as in Glorot & Bengio 2010); at most `rows` layers, evenly spaced (the bucket rule: ``LayersExperiment/Histograms``).
    public static func layerHistograms(_ values: [[Double]], title: String, xLabel: String, rows: Int = 10,
                                       caption: String = "") -> Histogram {
        LayersExperiment.Histograms(values, rows: rows).chart(title: title, xLabel: xLabel, caption: caption)
    }

    /// The phase diagram: χ₁ on a diverging log colour scale centred at 1 (blue ordered, red chaotic),
    /// or log10 ξ_c, with the critical line χ₁ = 1 drawn over it.
    public static func phase(_ diagram: PhaseDiagram, colouring: PhaseColouring, caption: String = "") -> Heatmap {
        let values: [[Double]]
        let label: String
        let domain: ClosedRange<Double>
        let scale: AxisScale
        let map: ColourMap
        switch colouring {
        case .chi1:
            values = diagram.points.map { $0.map(\.chi1) }
            let logs = values.joined().filter { $0 > 0 && $0.isFinite }.map { abs(Double.log10($0)) }
            let reach = max(0.05, logs.max() ?? 1)
            domain = Double.pow(10, -reach)...Double.pow(10, reach)
            (label, scale, map) = ("χ₁", .log10, .diverging)
        case .depthScale:
            values = diagram.points.map { $0.map { Double.log10($0.xiC) } }
            let finite = values.joined().filter(\.isFinite)
            let low = finite.min() ?? -1, high = max((finite.max() ?? 1), low + 0.1)
            domain = low...high
            (label, scale, map) = ("log10 ξ_c", .linear, .viridis)
        }
        let line = diagram.criticalLine.filter { diagram.sigmaB2s.first! <= $0.sigmaB2 && $0.sigmaB2 <= diagram.sigmaB2s.last! }
        // Drawn from the top, so that the name sits beside the line's upper end.
        let trajectory = Trajectory(name: "χ₁ = 1", xs: line.reversed().map(\.sigmaW2), ys: line.reversed().map(\.sigmaB2), colour: "#000000")
        return Heatmap(title: "\(diagram.activation.name): order (χ₁ < 1) and chaos (χ₁ > 1)", caption: caption,
                       xLabel: "σ_w²", yLabel: "σ_b²", valueLabel: label, values: values,
                       xRange: diagram.sigmaW2s.first!...diagram.sigmaW2s.last!,
                       yRange: diagram.sigmaB2s.first!...diagram.sigmaB2s.last!,
                       colourMap: map, colourScale: scale, valueDomain: domain, trajectories: line.isEmpty ? [] : [trajectory])
    }

    /// What the phase diagram is coloured by.
    public enum PhaseColouring: String, Sendable, CaseIterable {
        case chi1
        case depthScale = "xi-c"
    }

    /// log10(‖∂L/∂h_1‖/‖∂L/∂h_L‖) over (σ_w², depth L), diverging and clipped to ±6, with the curve 6ξ_c.
    public static func trainability(_ map: TrainabilityMap, caption: String = "") -> Heatmap {
        let six = zip(map.sigmaW2s, map.correlationDepths).filter { $0.1.isFinite && 6 * $0.1 <= Double(map.depths.last!) && 6 * $0.1 >= Double(map.depths.first!) }
        let curve = Trajectory(name: "6ξ_c", xs: six.reversed().map(\.0), ys: six.reversed().map { 6 * $0.1 }, colour: "#000000")
        let note = "Trainable at initialisation where log10(‖∂L/∂h_1‖/‖∂L/∂h_L‖) lies within ±3 (white to pale); random networks of width \(map.width), σ_b² = \(NumberText.caption(map.sigmaB2)). "
        return Heatmap(title: "\(map.activation.name): gradient ratio first/last layer at initialisation",
                       caption: note + caption, xLabel: "σ_w²", yLabel: "depth L", valueLabel: "log10 ratio",
                       values: map.log10Ratios.map { $0.map { min(6, max(-6, $0)) } },
                       xRange: map.sigmaW2s.first!...map.sigmaW2s.last!,
                       yRange: Double(map.depths.first!)...Double(map.depths.last!),
                       colourMap: .diverging, colourScale: .linear, valueDomain: -6...6, trajectories: six.isEmpty ? [] : [curve])
    }

    /// The singular values of input–output Jacobians as log10 histograms, one row per spectrum.
    public static func spectra(_ spectra: [JacobianSpectrum], caption: String = "") -> Histogram {
        let logs = spectra.map { $0.singularValues.filter { $0 > 0 }.map { Double.log10($0) } }
        let all = logs.joined()
        let low = max(-8, ((all.min() ?? -1) * 2).rounded(.down) / 2), high = max(low + 0.5, ((all.max() ?? 1) * 2).rounded(.up) / 2)
        let rows = zip(spectra, logs).enumerated().map { i, pair in
            Histogram.Row(label: "\(pair.0.activation.name), \(pair.0.initialization.isOrthogonal ? "orthogonal" : "Gaussian")",
                          values: pair.1, buckets: 30, range: min(low, -0.5)...max(high, 0.5), colour: Palette.categoricalColour(i))
        }
        let zeros = spectra.filter { $0.zeroCount > 0 }.map { "\($0.activation.name), \($0.initialization.isOrthogonal ? "orthogonal" : "Gaussian"): \($0.zeroCount)" }
        let note = (zeros.isEmpty ? "" : "Exactly zero singular values (dead relu units; not drawn): " + zeros.joined(separator: ", ") + ". ") + "Values below 10^\(Int(low)) are counted as outside. "
        return Histogram(title: "Jacobian singular values at criticality, L = \(spectra.first?.depth ?? 0), N = \(spectra.first?.width ?? 0)",
                         caption: note + caption, xLabel: "log10 singular value", range: min(low, -0.5)...max(high, 0.5), rows: rows)
    }
}
