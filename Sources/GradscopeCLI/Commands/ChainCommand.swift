import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope chain`: the per-layer table of a single-unit chain.
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Per-layer table of a single-unit chain: a, y, φ'(a), dy/dx and the last output's gradients.",
        discussion: """
        Layer l computes a_l = w·y_{l−1} + b and y_l = φ(a_l), with y_0 = x. The table shows
        the running product dy_l/dx = Π w·φ'(a_k) and, for the last layer L, ∂y_L/∂w_l and
        ∂y_L/∂b_l (reverse mode). Every operation is rounded to --precision.

        Example: gradscope chain --activation relu --weight 8 --depth 3 --at 1
        """
    )

    @OptionGroup var chain: ChainOptions

    @Option(help: "Number of layers L (1…100000).")
    var depth: Int = 10

    @Flag(help: "Also draw the per-layer gradient magnitudes (log axis) in the terminal.")
    var chart = false

    @Option(help: "Write the per-layer chart (.svg) or the table (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var precision: PrecisionOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...100_000).contains(depth) else {
            throw CommandError("--depth must be between 1 and 100000, got \(depth).")
        }
        if let out { _ = try OutputFile(path: out) }
    }

    func run() throws {
        let rows = precision.precision.visit(TraceRows(chain: chain.chain(depth: depth), input: chain.input))
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(layerChart().svg())
            case .csv: try file.write(try render(rows, format: .csv))
            case .json: try file.write(try render(rows, format: .json))
            }
        }
        if chart, output.format == .text {
            let style = TerminalStyle.detect()
            print(layerChart().terminal(width: max(40, min(style.width, 120)), height: 16, colour: style.colour) + "\n")
        }
        print(try render(rows, format: output.format))
    }

    /// Per-layer gradient magnitudes with the precision's limits.
    func layerChart() -> LineChart {
        precision.precision.visit(LayerChart(chain: chain.chain(depth: depth), input: chain.input,
                                             title: "Per-layer gradients: \(chain.summary), \(precision.precision.displayName)"))
    }

    func render(_ rows: [TraceRow], format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONText.encode(ChainReport(activation: chain.activation.name, weight: chain.weight, bias: chain.bias,
                                                   input: chain.input, precision: precision.precision, layers: rows))
        case .csv:
            var csv = CSVText(header: ["layer", "a", "y", "slope", "dydx", "dy_dw", "dy_db"])
            for r in rows { csv.append([String(r.layer)] + r.exactCells) }
            return csv.rendered
        case .text:
            var table = TextTable(["layer", "a_l", "y_l", "φ'(a_l)", "dy_l/dx", "∂y_L/∂w_l", "∂y_L/∂b_l"])
            for r in rows {
                table.append([String(r.layer)] + [r.preactivation, r.output, r.slope, r.dydx, r.outputGradientWeight, r.outputGradientBias].map(NumberText.short))
            }
            return "\(chain.summary), \(depth) layers, \(precision.precision.displayName)\n\n\(table.rendered)"
        }
    }
}

/// The per-layer chart, traced in the visited precision.
struct LayerChart: PrecisionVisitor {
    let chain: Chain
    let input: Double
    let title: String

    func visit<T: GradFloat>(_ type: T.Type) -> LineChart {
        ChainCharts.layerGradients(chain.trace(at: T(input)), title: title)
    }
}

/// One layer of a trace, as Double (exact: every format widens exactly) plus its text in its own format.
struct TraceRow: Encodable, Sendable {
    var layer: Int
    var preactivation, output, slope, dydx, outputGradientWeight, outputGradientBias: Double
    var exactCells: [String]

    enum CodingKeys: String, CodingKey { case layer, preactivation, output, slope, dydx, outputGradientWeight, outputGradientBias }
}

struct ChainReport: Encodable {
    var activation: String
    var weight, bias, input: Double
    var precision: Precision
    var layers: [TraceRow]
}

/// Traces a chain in the visited precision.
struct TraceRows: PrecisionVisitor {
    let chain: Chain
    let input: Double

    func visit<T: GradFloat>(_ type: T.Type) -> [TraceRow] {
        chain.trace(at: T(input)).layers.map { l in
            let values = [l.preactivation, l.output, l.slope, l.dydx, l.outputGradientWeight, l.outputGradientBias]
            return TraceRow(layer: l.index, preactivation: Double(l.preactivation), output: Double(l.output), slope: Double(l.slope),
                            dydx: Double(l.dydx), outputGradientWeight: Double(l.outputGradientWeight),
                            outputGradientBias: Double(l.outputGradientBias), exactCells: values.map { "\($0)" })
        }
    }
}
