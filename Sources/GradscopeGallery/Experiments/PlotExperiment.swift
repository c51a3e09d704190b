import GradscopeCharts
import GradscopeCore

/// `gradscope plot` and `/api/curves`: a formula y(x), nested to any depth, with its exact dy/dx
/// and ∂y/∂p on a grid of x, in one precision.
///
/// dy/dx is exact by forward mode and ∂y/∂p by reverse mode inside each layer, accumulated forward
/// across layers (see ``NestedFormula``); every operation is rounded to the precision, and past its
/// largest finite value by the overflow rule. NaN and ±Inf propagate and are counted, never hidden.
///
/// The document and the table hold every depth asked for; the charts and the summary show
/// ``Settings/shown`` (the post's 1, 2, 3 and every quarter of a deep nesting, unless told).
/// ``stream(progress:each:)`` hands on one depth at a time, so a plot of any size stays small in memory.
///
/// ```swift
/// let report = try PlotExperiment(settings: .init(formula: "relu(w*x)", parameters: ["w": 8], x: 0...1, points: 3, depths: [1, 2, 3]))
///     .run(progress: nil)
/// report.document.curves.map { $0.dydx[2] }   // [8, 64, 512]
/// ```
public struct PlotExperiment: Experiment {
    public static let name = "plot"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    /// Every depth in memory: the document, the table, the figures and the summary.
    /// - Throws: ``SettingsError`` when the whole report would exceed ``Settings/memoryBudget``
    ///   (``stream(progress:each:)`` does not), `CancellationError` when `progress` is cancelled.
    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let parameterCount = try settings.nestedFormula().parameters.count
        let bytes = settings.reportBytes(parameterCount: parameterCount)
        guard bytes <= Settings.memoryBudget else {
            throw SettingsError(setting: nil, "This plot's whole report would hold \(bytes >> 20) MB; the limit is \(Settings.memoryBudget >> 20) MB. Lower the points or the depths, or write the CSV or JSON, which stream.")
        }
        var curves: [FormulaCurves.Curve] = []
        let xs = try walk(progress: progress) { curves.append($0) }
        let document = Document(settings: settings, x: xs, curves: curves)
        var table = DataTable(columns: document.columns)
        table.rows.reserveCapacity(curves.count * xs.count)
        for curve in curves { document.appendRows(of: curve, to: &table) }
        return overview(of: document, shown: curves.filter(isShown), table: table)
    }

    /// Computes every depth, handing each curve to `each` as soon as it is done (ascending depth),
    /// and keeps only the shown ones.
    /// - Returns: the report of the shown depths: the same summary and figures as ``run(progress:)``,
    ///   a document and a table of the shown curves only.
    public func stream(progress: (any ExperimentProgress)?, each: (FormulaCurves.Curve) throws -> Void) throws -> ExperimentReport<Document> {
        var shown: [FormulaCurves.Curve] = []
        let xs = try walk(progress: progress) { curve in
            try each(curve)
            if isShown(curve) { shown.append(curve) }
        }
        let document = Document(settings: settings, x: xs, curves: shown)
        var table = DataTable(columns: document.columns)
        for curve in shown { document.appendRows(of: curve, to: &table) }
        return overview(of: document, shown: shown, table: table)
    }

    /// The media ``stream(progress:writing:)`` writes as it goes.
    public enum Medium: Sendable { case csv, json }

    /// Computes every depth and writes each medium's text as it goes (the CSV header and the JSON's
    /// opening first, then each depth's rows, then the JSON's closing): byte for byte the whole
    /// report's `table.csv` and `json()`, in memory one depth at a time.
    /// - Returns: the report of the shown depths, as ``stream(progress:each:)``.
    public func stream(progress: (any ExperimentProgress)?, writing writers: [(Medium, (String) throws -> Void)]) throws -> ExperimentReport<Document> {
        let opening = Document(settings: settings, x: roundedGrid(), curves: [])
        let frame = try opening.jsonFrame()
        for (medium, write) in writers { try write(medium == .csv ? opening.csvHeader : frame.head) }
        var first = true
        let report = try stream(progress: progress) { curve in
            for (medium, write) in writers {
                try write(medium == .csv ? opening.csvLines(of: curve) : opening.jsonCurve(curve, first: first))
            }
            first = false
        }
        let closing = try report.document.jsonFrame().tail
        for (medium, write) in writers where medium == .json { try write(closing) }
        return report
    }

    /// Every depth at the inputs `xs` instead of the grid (the explorer's gradients by depth at one x).
    public func curves(at xs: [Double]) throws -> FormulaCurves {
        var curves: [FormulaCurves.Curve] = []
        let grid = try walk(at: xs, progress: nil) { curves.append($0) }
        let document = Document(settings: settings, x: grid, curves: curves)
        return FormulaCurves(formula: document.formula, firstLayer: document.firstLayer, precision: settings.precision,
                             parameters: settings.parameters, x: grid, curves: curves)
    }

    func isShown(_ curve: FormulaCurves.Curve) -> Bool {
        guard let depth = curve.depth, let shown = settings.shown else { return true }
        return shown.contains(depth)
    }

    /// The summary and figures from the shown curves; `document` and `table` as given.
    private func overview(of document: Document, shown: [FormulaCurves.Curve], table: DataTable) -> ExperimentReport<Document> {
        let curves = FormulaCurves(formula: document.formula, firstLayer: document.firstLayer, precision: settings.precision,
                                   parameters: settings.parameters, x: document.x, curves: shown)
        let charts = [curves.valueChart(), curves.slopeChart()]
        var numbers = DataTable(columns: ["depth", "y_min", "y_max", "max_abs_dydx", "at_x", "non_finite"],
                                headers: ["depth", "y min", "y max", "max |dy/dx|", "at x", "non-finite"])
        for curve in shown {
            let steepest = Steepest(curve, xs: document.x)
            numbers.append([curve.depth.map { .number(Double($0)) } ?? .text("–"), .number(steepest.minY), .number(steepest.maxY),
                            .number(steepest.slope), .number(steepest.at), .number(Double(steepest.nonFinite))])
        }
        var text = TextTable(numbers.headers)
        for (curve, row) in zip(shown, numbers.rows) {
            text.append([curve.depth.map(String.init) ?? "–"] + row.dropFirst().map { cell in
                if case .number(let v) = cell { return TerminalNumber.short(v) } else { return "" }
            })
        }
        var notes: [String] = []
        if let depths = settings.depths, let selection = settings.shown, selection != depths {
            notes.append("Drawn and listed: \(DepthSelection.describe(selection, of: depths.last!)); the setting depths picks others, and the CSV and JSON have all \(depths.count).")
        }
        if settings.overflow == .saturate, settings.precision == .float8E4M3FN || settings.precision == .float8E5M2 {
            notes.append("Past ±\(TerminalNumber.short(settings.precision.greatestFiniteMagnitude)) every value saturates to ±max (overflow = saturate).")
        }
        let caption = "y and dy/dx of \(document.formula) on \(settings.points) points of x in \(settings.x.terminalText), "
            + "every operation in \(settings.precision.displayName)."
        let figure = Figure(id: "plot", title: "y = \(document.formula)",
                            explanation: "Each layer multiplies the slope by f'(y): where the product grows the gradient explodes, where it shrinks it vanishes.",
                            charts: charts, table: numbers, caption: caption, data: table)
        let summary = ([text.rendered] + notes).joined(separator: "\n\n")
        return ExperimentReport(summary: summary, figures: [figure], document: document, table: table)
    }
}

/// The key numbers of one curve: the largest |dy/dx| (NaN skipped, Infinity when it overflowed)
/// and where it is, the finite range of y, and how many y and dy/dx values are ±Inf or NaN.
public struct Steepest: Sendable, Equatable {
    public var slope: Double
    public var at: Double
    public var minY: Double
    public var maxY: Double
    public var nonFinite: Int

    public init(_ curve: FormulaCurves.Curve, xs: [Double]) {
        var best = -1
        for i in curve.dydx.indices where !curve.dydx[i].isNaN {
            if best < 0 || curve.dydx[i].magnitude > curve.dydx[best].magnitude { best = i }
        }
        slope = best < 0 ? .nan : curve.dydx[best].magnitude
        at = best < 0 ? .nan : xs[best]
        let finite = curve.y.filter(\.isFinite)
        minY = finite.min() ?? .nan
        maxY = finite.max() ?? .nan
        nonFinite = curve.y.count { !$0.isFinite } + curve.dydx.count { !$0.isFinite }
    }
}
