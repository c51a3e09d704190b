import GradscopeCharts
import GradscopeCore

/// `gradscope activations` and `/api/activations`: each activation φ and its derivative φ' over a
/// range of x, in one precision — the slopes a chain multiplies, layer after layer.
///
/// Values are exact in the format: φ and φ' are computed in Double and rounded once (see
/// ``Activation``), then widened exactly to Double for the document. NaN and ±Inf are reported as
/// they come; the summary gives each activation's largest |φ'| on the grid and its supremum γ.
///
/// ```swift
/// let report = try ActivationsExperiment(settings: .init(activations: [.tanh], x: -1...1, points: 3)).run(progress: nil)
/// report.document.activations[0].derivative[1]   // tanh'(0) = 1
/// ```
public struct ActivationsExperiment: Experiment {
    public static let name = "activations"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let document = settings.precision.visit(Evaluator(settings: settings))
        var table = DataTable(columns: ["activation", "x", "value", "derivative"])
        var summary = TextTable(["activation", "φ(\(TerminalNumber.short(settings.x.lowerBound)))", "φ(\(TerminalNumber.short(settings.x.upperBound)))",
                                 "max |φ'| on the grid", "at x", "sup |φ'| (γ)"])
        for curve in document.activations {
            for (x, (value, derivative)) in zip(document.x, zip(curve.value, curve.derivative)) {
                table.append([.text(curve.name), .number(x), .number(value), .number(derivative)])
            }
            let steepest = curve.derivative.indices.max { !(abs(curve.derivative[$0]) >= abs(curve.derivative[$1])) }
            summary.append([curve.name, TerminalNumber.short(curve.value.first!), TerminalNumber.short(curve.value.last!),
                            steepest.map { TerminalNumber.short(abs(curve.derivative[$0])) } ?? "", steepest.map { TerminalNumber.short(document.x[$0]) } ?? "",
                            TerminalNumber.short(curve.supremumSlope)])
        }
        let charts = [chart(document, title: "φ(x), \(settings.precision.displayName)", yLabel: "φ(x)", \.value),
                      chart(document, title: "φ'(x), \(settings.precision.displayName)", yLabel: "φ'(x)", \.derivative)]
        let caption = "φ and φ' of \(document.activations.count) activations at \(settings.points) points of x in \(settings.x.terminalText), "
            + "each rounded once to \(settings.precision.displayName)."
        let figure = Figure(id: "activations", title: "Activations and their derivatives",
                            explanation: "A chain multiplies one φ' per layer: where |φ'| < 1 the gradient shrinks, where w·φ' > 1 it grows.",
                            charts: charts, table: table, caption: caption, data: table)
        let text = "Activations over x in \(settings.x.terminalText), \(settings.points) points, \(settings.precision.displayName)\n\n\(summary.rendered)\n\n\(caption)"
        return ExperimentReport(summary: text, figures: [figure], document: document, table: table)
    }

    /// One line per activation, in the palette's colours (dashed once the palette repeats).
    private func chart(_ document: Document, title: String, yLabel: String, _ values: KeyPath<Document.Curve, [Double]>) -> LineChart {
        let series = document.activations.enumerated().map { index, curve in
            Series(name: curve.name, xs: document.x, ys: curve[keyPath: values], colour: Palette.categoricalColour(index),
                   dash: index >= Palette.categorical.count ? [6, 3] : nil)
        }
        return LineChart(title: title, xLabel: "x", yLabel: yLabel, series: series)
    }

    /// φ and φ' at every x, each rounded to the visited format and widened exactly to Double.
    private struct Evaluator: PrecisionVisitor {
        let settings: Settings

        func visit<T: GradFloat>(_ type: T.Type) -> Document {
            let xs = settings.xs.map { T($0) }
            let curves = settings.activations.map { activation in
                let pairs = xs.map { activation.valueAndDerivative(at: $0) }
                return Document.Curve(name: activation.name, value: pairs.map { Double($0.value) },
                                      derivative: pairs.map { Double($0.derivative) }, supremumSlope: activation.maxSlope)
            }
            return Document(precision: T.precision, x: xs.map(Double.init), activations: curves)
        }
    }
}

extension ActivationsExperiment {
    /// Which activations, over which x, in which format. Flags `--activations relu,tanh --x -4:4
    /// --points 201 --precision float32`; query `activations=relu,tanh&x=-4:4&points=201&precision=float32`.
    public struct Settings: Sendable, Equatable {
        public var activations: [Activation]
        public var x: ClosedRange<Double>
        public var points: Int
        public var precision: Precision

        public init(activations: [Activation] = Activation.all, x: ClosedRange<Double> = -4...4, points: Int = 201,
                    precision: Precision = .float64) {
            self.activations = activations
            self.x = x
            self.points = points
            self.precision = precision
        }

        public static let pointCounts = 2...100_000

        /// - Throws: ``SettingsError`` for no activation, a repeated one, a non-finite or empty range, or too few or many points.
        public func validate() throws(SettingsError) {
            guard !activations.isEmpty else { throw SettingsError(setting: "activations", "must name at least one activation, got none.") }
            if let repeated = activations.map(\.name).firstRepeated {
                throw SettingsError(setting: "activations", "must name each activation once, got '\(repeated)' twice.")
            }
            try SettingsCheck.interval("x", x)
            try SettingsCheck.value("points", points, within: Self.pointCounts)
        }

        /// The evenly spaced grid `lower + (upper − lower)·i/(points − 1)`, the last point exactly `upper`.
        public var xs: [Double] {
            (0..<points).map { $0 == points - 1 ? x.upperBound : x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(points - 1) }
        }

        /// Parses `relu,tanh` (any of each activation's names), with the known names on a miss.
        /// - Throws: ``SettingsError`` for an unknown name, with a suggestion.
        public static func activations(from text: String) throws(SettingsError) -> [Activation] {
            var found: [Activation] = []
            for name in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let activation = Activation(named: name) else {
                    throw SettingsError(setting: "activations", "must list known activations: \(Activation.unknownNameMessage(name))")
                }
                found.append(activation)
            }
            return found
        }
    }

    /// `--format json` and `/api/activations`: the x grid and, per activation, φ and φ' on it.
    public struct Document: Codable, Sendable, Equatable {
        public struct Curve: Codable, Sendable, Equatable {
            public var name: String
            public var value: [Double]
            public var derivative: [Double]
            /// sup |φ'| over the real line (Pascanu's γ).
            public var supremumSlope: Double
        }

        public var precision: Precision
        public var x: [Double]
        public var activations: [Curve]
    }
}

extension Array where Element: Hashable {
    /// The first element that appears a second time.
    var firstRepeated: Element? {
        var seen: Set<Element> = []
        return first { !seen.insert($0).inserted }
    }
}
