import GradscopeCharts
import GradscopeCore

/// The post's w = 8 tanh chain trained in Float32 at a depth past the overflow: the
/// autopsy's first Inf and NaN, and the remedies side by side. A plain value: title,
/// caption (its numbers come from the run), charts and the report behind them.
///
/// ```swift
/// let figure = AutopsyFigure.tanhChain()
/// print(figure.caption)
/// let svg = SVGStack.horizontal(figure.charts)
/// ```
public struct AutopsyFigure: Sendable {
    public var title: String
    public var caption: String
    public var charts: [LineChart]
    public var report: AutopsyReport

    /// - Parameters:
    ///   - depth: layers of the chain (50 is past Float32's overflow depth 43 for w = 8).
    ///   - steps: gradient descent steps per run.
    public static func tanhChain(depth: Int = 50, steps: Int = 40) -> AutopsyFigure {
        let xs = (0...20).map { -1 + Double($0) / 10 }
        let data = try! RegressionData(xs: xs, target: Formula(parsing: "0.5*x + 0.25"))
        let report = Autopsy.perform(
            AutopsyCase(network: ChainNetwork(chain: Chain(activation: .tanh, weight: 8, depth: depth)), data: data, precision: .float32,
                        configuration: TrainingConfiguration(steps: steps, learningRate: 0.01)),
            remedies: [.clipNorm(1), .learningRate(0.001), .initializer(.xavierNormal()), .initializer(.orthogonal()), .activation(.relu)])
        var sentences: [String] = []
        if let inf = report.baseline.firstInfinity { sentences.append("The first Inf appears at \(inf.place) in \(inf.operation): \(inf.cause).") }
        if let nan = report.baseline.firstNaN { sentences.append("The first NaN follows at \(nan.place) in \(nan.operation): \(nan.cause).") }
        let finite = report.runs.dropFirst().filter { $0.run?.stayedFinite == true }.map(\.remedy.description)
        let failed = report.runs.dropFirst().filter { $0.run?.stayedFinite == false }.map(\.remedy.description)
        if !finite.isEmpty { sentences.append("Stayed finite: \(finite.joined(separator: ", ")).") }
        if !failed.isEmpty { sentences.append("Still went non-finite: \(failed.joined(separator: ", ")).") }
        return AutopsyFigure(title: "Why the w = 8 tanh chain gives NaNs (depth \(depth), Float32)",
                             caption: sentences.joined(separator: " "),
                             charts: [AutopsyCharts.loss(report), AutopsyCharts.gradientNorm(report)], report: report)
    }
}
