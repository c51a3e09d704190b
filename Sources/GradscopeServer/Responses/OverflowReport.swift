import Hummingbird
import GradscopeCore

/// `/api/overflow`: at which depth the chain's gradients leave each format, predicted and observed.
struct OverflowReport: ResponseCodable {
    var activation: String
    var weight: Double
    var bias: Double
    var firstLayerBias: Double?
    var input: Double
    var maxDepth: Int
    var forecasts: [OverflowForecast]

    init(_ settings: ChainSettings, maxDepth: Int, precisions: [Precision]) {
        activation = settings.activation.name
        weight = settings.weight
        bias = settings.biasValue
        firstLayerBias = settings.firstLayer?.bias
        input = settings.input
        self.maxDepth = maxDepth
        forecasts = settings.forecaster(maxDepth: maxDepth).forecasts(in: precisions)
    }

    /// precision, then the slope's and ∂y/∂b₁'s depths; empty cells where it never happens.
    var csv: String {
        var lines = ["precision,predicted_overflow_depth,observed_overflow_depth,predicted_underflow_depth,observed_underflow_depth,first_bias_observed_overflow_depth,forward_overflow_depth,exact_zero_depth"]
        for f in forecasts {
            let cells = [f.slope.predictedOverflowDepth, f.slope.observedOverflowDepth, f.slope.predictedUnderflowDepth,
                         f.slope.observedUnderflowDepth, f.firstBias.observedOverflowDepth, f.forwardOverflowDepth, f.exactZeroDepth]
            lines.append(([f.precision.rawValue] + cells.map { $0.map(String.init) ?? "" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
