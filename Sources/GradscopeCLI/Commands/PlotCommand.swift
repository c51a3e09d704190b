import Foundation
import ArgumentParser
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope plot`: any formula, nested to any depth, with its exact derivatives.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot a formula y(x), nested to any depth, with its exact dy/dx and ∂y/∂p.",
        discussion: """
        Formulas in plain math (tanh(5*tanh(40*x-5) - 5*tanh(40*x) + 5*tanh(40*x+5))) or in LaTeX \
        (\\text{relu}(w \\times x), \\frac{w}{2}, \\sigma(x), \\cdot). With --depth or --depths the \
        formula is a layer: x means the previous layer's output. A formula may start with \
        '-' (gradscope plot '-x^2'); '--' before it works too.

        CSV columns: depth (only when nested), x, y, dydx and d_<param> for each parameter.

        Example: gradscope plot 'relu(w*x)' --param w=8 --depth 3
        """
    )

    @Argument(parsing: .allUnrecognized, help: "The formula, in plain math or LaTeX; x is the input. A leading '-' is fine: '-x^2'.")
    var formulaWords: [String] = []

    /// The formula: everything that is not an option (so `-x^2` needs no `--`).
    var formula: String { formulaWords.filter { $0 != "--" }.joined(separator: " ") }

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue, help: "A parameter's value, NAME=VALUE (repeatable): --param w=8.")
    var parameters: [String] = []

    @Option(help: "Nest the formula and draw depths 1…N (the post draws 1, 2, 3).")
    var depth: Int?

    @Option(help: "Nest the formula and draw these depths, e.g. 1,5,50.")
    var depths: String?

    @Option(name: .customLong("first-layer"), help: "A different formula for layer 1 (S5: --first-layer 'sig(w*x)').")
    var firstLayer: String?

    @Option(name: .customLong("x"), parsing: .unconditional, help: "The x range A:B.")
    var xRange: GridRange = GridRange(lower: -1, upper: 1)

    @Option(help: "Number of x points (2…1000000).")
    var points: Int = 201

    @Option(help: "Write the chart (.svg) or the data (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var precision: PrecisionOptions
    @OptionGroup var output: OutputOptions

    static let maxDepth = 100_000
    static let maxWork = 50_000_000

    func validate() throws {
        if let option = formulaWords.first(where: { $0.hasPrefix("--") && $0 != "--" }) {
            throw CommandError(CommandLineWords.unknownOption(option, of: PlotCommand.self))
        }
        guard !formula.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError("Missing formula. Give one in plain math or LaTeX, e.g. gradscope plot 'tanh(w*x)' --param w=8.")
        }
        guard (2...1_000_000).contains(points) else { throw CommandError("--points must be between 2 and 1000000, got \(points).") }
        if depth != nil, depths != nil { throw CommandError("Give either --depth or --depths, not both.") }
        if let depth, !(1...Self.maxDepth).contains(depth) { throw CommandError("--depth must be between 1 and \(Self.maxDepth), got \(depth).") }
        let levels = try requestedDepths()
        if firstLayer != nil, levels == nil { throw CommandError("--first-layer needs --depth or --depths.") }
        let work = points * (levels?.max() ?? 1)
        if work > Self.maxWork {
            throw CommandError("That is \(work) evaluations (points × depth); the limit is \(Self.maxWork). Lower --points or the depth.")
        }
        _ = try parameterValues()
        if let nested = try? NestedFormula(parsing: formula, firstLayer: firstLayer) {
            let steps = max(nested.layer.stepCount, nested.firstLayer?.stepCount ?? 0)
            try WorkLimits.check(WorkLimits.plotBytes(steps: steps, points: points, depths: levels?.count ?? 1, parameters: nested.parameters.count),
                                 what: "This plot (\(points) points × \(levels?.count ?? 1) depths, \(steps) steps per layer)",
                                 fix: "Lower --points, or draw fewer depths with --depths.")
        }
        if let out { _ = try OutputFile(path: out) }
    }

    /// The depths to draw, or nil when the formula is not nested.
    func requestedDepths() throws -> [Int]? {
        if let depth { return Array(1...depth) }
        guard let depths else { return nil }
        let parts = depths.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ (1...Self.maxDepth).contains($0) }) else {
            throw CommandError("--depths takes comma-separated depths between 1 and \(Self.maxDepth), e.g. 1,5,50; got '\(depths)'.")
        }
        return Array(Set(values)).sorted()
    }

    /// `--param NAME=VALUE` pairs.
    func parameterValues() throws -> [String: Double] {
        var values: [String: Double] = [:]
        for text in parameters {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite else {
                throw CommandError("--param takes NAME=VALUE with a finite number, e.g. --param w=8; got '\(text)'.")
            }
            values[parts[0].trimmingCharacters(in: .whitespaces)] = value
        }
        return values
    }

    func curves() throws -> FormulaCurves {
        do throws(FormulaError) {
            let nested = try NestedFormula(parsing: formula, firstLayer: firstLayer)
            let levels = try? requestedDepths(), xs = xRange.grid(points)
            // Long sweeps (over 2 million evaluations) show a bar on a terminal.
            let long = xs.count * (levels?.max() ?? 1) > 2_000_000
            let bar = ProgressBar(total: 50, enabled: long && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1)
            defer { bar.clear() }
            return try FormulaCurves.sweep(formula: nested, depths: levels, xs: xs, parameters: try! parameterValues(),
                                           precision: precision.precision, blocks: long ? 50 : 1) { done, total in
                bar.advance(label: "x block \(done) of \(total)")
            }
        } catch {
            throw CommandError(error.description)
        }
    }

    func run() throws {
        let curves = try curves()
        if let out {
            let file = try OutputFile(path: out)
            try file.write(try render(curves, as: file.kind))
        }
        print(try render(curves, format: output.format))
    }

    func render(_ curves: FormulaCurves, as kind: OutputFile.Kind) throws -> String {
        switch kind {
        case .svg: ChartPair(shown(curves)).svg
        case .csv: csv(curves)
        case .json: try JSONText.encode(curves)
        }
    }

    func render(_ curves: FormulaCurves, format: OutputFormat) throws -> String {
        switch format {
        case .csv: return csv(curves)
        case .json: return try JSONText.encode(curves)
        case .text:
            let style = TerminalStyle.detect()
            let all = curves, curves = shown(curves)
            let charts = ChartPair(curves)
            let width = max(40, min(style.width, 120))
            var text = charts.values.terminal(width: width, height: 16, colour: style.colour) + "\n\n"
            text += charts.slopes.terminal(width: width, height: 12, colour: style.colour) + "\n\n"
            var table = TextTable(["depth", "y min", "y max", "max |dy/dx|", "at x", "non-finite"])
            for curve in curves.curves {
                let finiteY = curve.y.filter(\.isFinite)
                let peak = curve.dydx.indices.max { abs(curve.dydx[$0]).isLess(than: abs(curve.dydx[$1])) }!
                table.append([curve.depth.map(String.init) ?? "–", NumberText.short(finiteY.min() ?? .nan), NumberText.short(finiteY.max() ?? .nan),
                              NumberText.short(abs(curve.dydx[peak])), NumberText.short(curves.x[peak]),
                              String(curve.y.count { !$0.isFinite } + curve.dydx.count { !$0.isFinite })])
            }
            if curves.curves.count < all.curves.count {
                text += "Drawn and listed: \(DepthSelection.describe(curves.curves.compactMap(\.depth), of: depth!)); --depths picks others, and --format csv or json has all \(all.curves.count).\n\n"
            }
            return text + table.rendered
        }
    }

    /// The curves the charts and the terminal table show: every depth `--depths` names; of
    /// `--depth L` the explorer's selection (1, 2, 3 and every quarter) when L > 7.
    func shown(_ curves: FormulaCurves) -> FormulaCurves {
        guard depths == nil, let depth, depth > 7 else { return curves }
        return curves.keeping(depths: DepthSelection.shown(upTo: depth))
    }

    func csv(_ curves: FormulaCurves) -> String {
        let names = curves.curves.first.map { $0.parameterGradients.keys.sorted() } ?? []
        let nested = curves.curves.first?.depth != nil
        var csv = CSVText(header: (nested ? ["depth"] : []) + ["x", "y", "dydx"] + names.map { "d_\($0)" })
        for curve in curves.curves {
            for i in curves.x.indices {
                let cells = [curves.x[i], curve.y[i], curve.dydx[i]] + names.map { curve.parameterGradients[$0]![i] }
                csv.append((curve.depth.map { [String($0)] } ?? []) + cells.map { CSVNumber.text($0) })
            }
        }
        return csv.rendered
    }
}

/// The two charts of a plot: y(x) and |dy/dx|, side by side in one SVG.
struct ChartPair {
    var values: LineChart
    var slopes: LineChart

    init(_ curves: FormulaCurves) {
        values = curves.valueChart()
        slopes = curves.slopeChart()
    }

    var svg: String { SVGStack.horizontal([values, slopes]) }
}
