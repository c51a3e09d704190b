import Foundation
import RealModule
import GradscopeCharts
import GradscopeCore

/// S6: "the gradient is the product of the weights": with w = 8 and tanh at x = 0
/// every layer multiplies the gradient by 8, until each format overflows.
enum ProductFigure {
    static func make() -> Figure {
        let forecaster = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0, maxDepth: 400)
        let forecasts = forecaster.forecasts()
        var table = DataTable(columns: ["precision", "largest_finite", "predicted_overflow_depth", "observed_overflow_depth", "first_bias_overflow_depth"],
                              headers: ["precision", "largest finite", "overflow depth (predicted)", "overflow depth (run)", "∂y/∂b₁ overflow depth"])
        for f in forecasts {
            table.append([.text(f.precision.displayName), .number(f.precision.greatestFiniteMagnitude),
                          f.slope.predictedOverflowDepth.map { .number(Double($0)) } ?? "never",
                          f.slope.observedOverflowDepth.map { .number(Double($0)) } ?? "never",
                          f.firstBias.observedOverflowDepth.map { .number(Double($0)) } ?? "never"])
        }
        let logs = forecaster.log10SlopeMagnitudes()
        var data = DataTable(columns: ["depth", "log10_abs_dydx"])
        for (l, v) in logs.enumerated() { data.append([.number(Double(l + 1)), .number(v)]) }
        let trace = Chain(activation: .tanh, weight: 8, depth: 50).trace(at: Float(0))
        let phrases = forecasts.map { f in
            "\(f.precision.displayName) at depth \(f.slope.observedOverflowDepth.map(String.init) ?? "never")"
        }
        let agree = forecasts.allSatisfy { $0.slope.predictedOverflowDepth == $0.slope.observedOverflowDepth && $0.confirmedByBackprop }
        return Figure(
            id: "s6-product", system: .s6Product, title: "The gradient is the product of the weights",
            explanation: "Backpropagation multiplies one factor w·φ'(a) per layer. For tanh at x = 0 each factor is exactly 8, so dy/dx = 8^L — and once it passes a format's largest number it becomes Inf, and the next Inf − Inf or Inf·0 makes a NaN.",
            charts: [
                ChainCharts.overflowDepths(forecaster, through: 400, title: "log10 |dy_L/dx| of tanh(8·…) at x = 0, by depth"),
                ChainCharts.layerGradients(trace, title: "Float32, 50 layers: per-layer gradients"),
            ],
            table: table,
            caption: "dy/dx overflows \(phrases.joined(separator: ", ")) — \(agree ? "predicted from Σ log|w·φ'| and confirmed by running each format" : "see the notes of `gradscope overflow`: prediction and run differ"); ∂y/∂b₁ = 8^(L−1) one layer later.",
            data: data)
    }
}
