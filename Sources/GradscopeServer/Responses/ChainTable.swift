import Hummingbird
import GradscopeCore

/// `/api/chain`: one row per layer of a single-unit chain traced at one input, the same
/// keys as `gradscope chain --format json`.
struct ChainTable: ResponseCodable, Equatable {
    struct Row: Codable, Equatable {
        var layer: Int
        var preactivation, output, slope, dydx, outputGradientWeight, outputGradientBias: Double
    }

    var activation: String
    var weight: Double
    /// The bias of layers 2…L (layer 1's too unless `firstLayerBias` is set).
    var bias: Double
    var firstLayerBias: Double?
    var input: Double
    var precision: Precision
    var layers: [Row]

    init(_ settings: ChainSettings, depth: Int, precision: Precision) {
        activation = settings.activation.name
        weight = settings.weight
        bias = settings.biasValue
        firstLayerBias = settings.firstLayer?.bias
        input = settings.input
        self.precision = precision
        layers = precision.visit(TraceRows(chain: settings.chain(depth: depth), input: settings.input))
    }

    /// The CSV of `gradscope chain`: layer, a, y, slope, dydx, dy_dw, dy_db.
    var csv: String {
        var lines = ["layer,a,y,slope,dydx,dy_dw,dy_db"]
        for r in layers {
            let values: [Double] = [r.preactivation, r.output, r.slope, r.dydx, r.outputGradientWeight, r.outputGradientBias]
            lines.append(([String(r.layer)] + values.map { "\($0)" }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Traces a chain in the visited precision and widens each number exactly to Double.
private struct TraceRows: PrecisionVisitor {
    let chain: Chain
    let input: Double

    func visit<T: GradFloat>(_ type: T.Type) -> [ChainTable.Row] {
        chain.trace(at: T(input)).layers.map { (l: ChainTrace<T>.Layer) -> ChainTable.Row in
            let a = Double(l.preactivation), y = Double(l.output), slope = Double(l.slope), dydx = Double(l.dydx)
            let dw = Double(l.outputGradientWeight), db = Double(l.outputGradientBias)
            return ChainTable.Row(layer: l.index, preactivation: a, output: y, slope: slope, dydx: dydx,
                                  outputGradientWeight: dw, outputGradientBias: db)
        }
    }
}
