import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope overflow`: the depth at which each format overflows or underflows.
struct OverflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overflow",
        abstract: "The depth at which each precision overflows to Inf or underflows to 0, predicted and confirmed by running.",
        discussion: """
        For dy_L/dx, ∂y_L/∂b_1 and ∂y_L/∂w_1 of the chain y_l = φ(w·y_{l−1} + b): the predicted \
        depth comes from Σ ln|w·φ'(a_l)| (exact, in log space) against the format's limits; the \
        observed depth from running the chain in the format, every operation rounded to it. \
        Disagreements are explained. Depths that never happen up to --max-depth print as "never" \
        (null in JSON).

        Example: gradscope overflow --activation tanh --weight 8
        """
    )

    @OptionGroup var chain: ChainOptions

    @Option(name: .customLong("max-depth"), help: "Deepest chain examined (1…1000000).")
    var maxDepth: Int = 10_000

    @Option(help: "Only this precision (default: the four wide ones, or the five narrow ones with --narrow).")
    var precision: Precision?

    @Flag(help: "Examine float8_e4m3fn, float8_e5m2, float6_e3m2fn, float6_e2m3fn and float4_e2m1fn instead of the four wide formats.")
    var narrow = false

    @Option(help: ArgumentHelp(
        "Past the largest finite value: nonfinite (NaN in float8_e4m3fn, ±Inf in float8_e5m2: the OCP rule) or saturate (±max).",
        discussion: "float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate; the wide formats always overflow to ±Inf."))
    var overflow: OverflowRule = .nonfinite

    @Flag(help: "Also draw log10|dy_L/dx| against depth with each format's limits in the terminal.")
    var chart = false

    @Option(help: "Write the chart (.svg) or the forecasts (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...1_000_000).contains(maxDepth) else {
            throw CommandError("--max-depth must be between 1 and 1000000, got \(maxDepth).")
        }
        if let out { _ = try OutputFile(path: out) }
    }

    func run() throws {
        var forecaster = OverflowForecaster(layer: chain.layer, firstLayer: chain.firstLayer, input: chain.input, maxDepth: maxDepth)
        forecaster.overflow = overflow
        let forecasts = forecaster.forecasts(in: precision.map { [$0] } ?? (narrow ? Precision.narrowFormats : Precision.wideFormats))
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(depthChart(forecaster, forecasts).svg())
            case .csv: try file.write(try render(forecasts, format: .csv))
            case .json: try file.write(try render(forecasts, format: .json))
            }
        }
        if chart, output.format == .text {
            let style = TerminalStyle.detect()
            print(depthChart(forecaster, forecasts).terminal(width: max(40, min(style.width, 120)), height: 18, colour: style.colour) + "\n")
        }
        print(try render(forecasts, format: output.format))
    }

    /// The chart spans a fifth past the deepest event (or the whole range when nothing happens).
    func depthChart(_ forecaster: OverflowForecaster, _ forecasts: [OverflowForecast]) -> LineChart {
        let events = forecasts.flatMap { [$0.slope.observedOverflowDepth, $0.slope.observedUnderflowDepth] }.compactMap { $0 }
        let through = events.max().map { min(maxDepth, max(10, $0 + $0 / 5)) } ?? maxDepth
        return ChainCharts.overflowDepths(forecaster, through: through, title: "log10 |dy_L/dx| against depth: \(chain.summary)",
                                          precisions: forecasts.contains { $0.precision.narrowFormat != nil } ? forecasts.map(\.precision) : Precision.wideFormats)
    }

    func render(_ forecasts: [OverflowForecast], format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONText.encode(forecasts)
        case .csv:
            var csv = CSVText(header: ["precision", "quantity", "predicted_overflow_depth", "observed_overflow_depth",
                                       "predicted_underflow_depth", "observed_underflow_depth"])
            for f in forecasts {
                for (name, d) in [("dydx", f.slope), ("dy_db1", f.firstBias), ("dy_dw1", f.firstWeight)] {
                    csv.append([f.precision.rawValue, name] + [d.predictedOverflowDepth, d.observedOverflowDepth,
                                                               d.predictedUnderflowDepth, d.observedUnderflowDepth].map { $0.map(String.init) ?? "" })
                }
            }
            return csv.rendered
        case .text:
            func pair(_ p: Int?, _ o: Int?) -> String {
                let text = { (v: Int?) in v.map(String.init) ?? "never" }
                return p == o ? text(o) + " ✓" : "\(text(p)) → \(text(o))"
            }
            var table = TextTable(["precision", "dy/dx overflow", "underflow", "∂y/∂b₁ overflow", "underflow", "∂y/∂w₁ overflow", "underflow", "y overflow"])
            for f in forecasts {
                table.append([f.precision.displayName,
                              pair(f.slope.predictedOverflowDepth, f.slope.observedOverflowDepth),
                              pair(f.slope.predictedUnderflowDepth, f.slope.observedUnderflowDepth),
                              pair(f.firstBias.predictedOverflowDepth, f.firstBias.observedOverflowDepth),
                              pair(f.firstBias.predictedUnderflowDepth, f.firstBias.observedUnderflowDepth),
                              pair(f.firstWeight.predictedOverflowDepth, f.firstWeight.observedOverflowDepth),
                              pair(f.firstWeight.predictedUnderflowDepth, f.firstWeight.observedUnderflowDepth),
                              f.forwardOverflowDepth.map(String.init) ?? "never"])
            }
            var text = "\(chain.summary), depths 1…\(maxDepth)\n"
            text += "Depth at which each gradient leaves the format: \"N ✓\" predicted and observed agree, \"P → O\" they differ.\n\n"
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
}
