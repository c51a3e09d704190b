import Foundation
import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

/// ``PlotExperiment``: the numbers, the overflow rule in the narrow formats, the streamed text equal
/// to the whole report's, the depth selection, cancellation and the memory estimate.
@Suite struct PlotExperimentTests {
    static func report(_ settings: PlotExperiment.Settings) throws -> ExperimentReport<PlotExperiment.Document> {
        try PlotExperiment(settings: settings).run(progress: nil)
    }

    static let streamed: [PlotExperiment.Settings] = [
        .init(formula: "relu(w*x)", parameters: ["w": 8], x: -1...1, points: 7, depths: [1, 2, 3]),
        .init(formula: "sig(w*x - w/2)", firstLayer: "sig(w*x)", parameters: ["w": 8], x: -1...1, points: 300, depths: Array(1...12),
              precision: .float32),
        .init(formula: "tanh(5*tanh(40*x-5) - 5*tanh(40*x) + 5*tanh(40*x+5))", x: -0.5...0.5, points: 9),
        .init(formula: "w*x + b", parameters: ["w": 300, "b": 1], x: 0.5...1, points: 5, depths: [1, 2, 3], precision: .float8E5M2),
        .init(formula: "tanh(w*x)", parameters: ["w": 8], x: -1...1, points: 9000, depths: [1, 2, 5, 9], shownDepths: [1, 9], precision: .bfloat16,
              overflow: .saturate),
    ]

    @Test("Streamed CSV and JSON are byte for byte the whole report's, and the report of the shown depths matches", arguments: streamed)
    func streaming(settings: PlotExperiment.Settings) throws {
        let whole = try Self.report(settings)
        var csv = "", json = "", each: [Int?] = []
        let experiment = try PlotExperiment(settings: settings)
        let shown = try experiment.stream(progress: nil, writing: [(.csv, { csv += $0 }), (.json, { json += $0 })])
        _ = try experiment.stream(progress: nil) { each.append($0.depth) }
        #expect(csv == whole.table.csv)
        #expect(json == (try whole.json()))
        #expect(each == (settings.depths ?? [nil]))
        #expect(shown.summary == whole.summary)
        #expect(shown.svg == whole.svg)
        #expect(shown.document.curves.map(\.depth) == (settings.shown ?? [nil]))
    }

    @Test("The whole walk gives the bits of NestedFormula's one pass, split across the cores or not")
    func sameBits() throws {
        let settings = PlotExperiment.Settings(formula: "tanh(w*x + b)", parameters: ["w": 8, "b": 0.25], x: -1...1, points: 10_001,
                                               depths: [1, 2, 3, 7, 20], precision: .float32)
        let report = try Self.report(settings)
        let reference = try FormulaCurves(formula: NestedFormula(parsing: settings.formula), depths: settings.depths, xs: settings.xs,
                                          parameters: settings.parameters, precision: .float32)
        #expect(report.document.x == reference.x)
        for (a, b) in zip(report.document.curves, reference.curves) {
            #expect(a.depth == b.depth)
            #expect(a.y.map(\.bitPattern) == b.y.map(\.bitPattern))
            #expect(a.dydx.map(\.bitPattern) == b.dydx.map(\.bitPattern))
            #expect(a.parameterGradients.mapValues { $0.map(\.bitPattern) } == b.parameterGradients.mapValues { $0.map(\.bitPattern) })
        }
        #expect(report.document.curves.count == 5)
    }

    /// relu(8x) nested 3 times at x = 0.5 and 1: y_3 = 512x and dy_3/dx = 512, past float8_e4m3fn's 448.
    @Test("float8_e4m3fn: 512 is NaN with overflow nonfinite and 448 with saturate")
    func e4m3Overflow() throws {
        func curves(_ rule: OverflowRule) throws -> [FormulaCurves.Curve] {
            try Self.report(.init(formula: "relu(w*x)", parameters: ["w": 8], x: 0.5...1, points: 2, depths: [1, 2, 3],
                                  precision: .float8E4M3FN, overflow: rule)).document.curves
        }
        let nonfinite = try curves(.nonfinite), saturated = try curves(.saturate)
        for curves in [nonfinite, saturated] {
            #expect(curves[0].y == [4, 8] && curves[0].dydx == [8, 8])
            #expect(curves[1].y == [32, 64] && curves[1].dydx == [64, 64])
        }
        #expect(nonfinite[2].y[0] == 256 && nonfinite[2].y[1].isNaN)
        #expect(nonfinite[2].dydx.allSatisfy { $0.isNaN })
        #expect(saturated[2].y == [256, 448] && saturated[2].dydx == [448, 448])
    }

    /// w·x nested with w = 64 at x = 1: 64, 4096, 262144 > float8_e5m2's 57344.
    @Test("float8_e5m2: 64³ is +Inf with overflow nonfinite and 57344 with saturate; -64³ is -Inf or -57344")
    func e5m2Overflow() throws {
        func last(_ rule: OverflowRule) throws -> FormulaCurves.Curve {
            try Self.report(.init(formula: "w*x", parameters: ["w": 64], x: -1...1, points: 3, depths: [3],
                                  precision: .float8E5M2, overflow: rule)).document.curves[0]
        }
        #expect(try last(.nonfinite).y == [-.infinity, 0, .infinity])
        #expect(try last(.nonfinite).dydx == [.infinity, .infinity, .infinity])
        #expect(try last(.saturate).y == [-57344, 0, 57344])
        #expect(try last(.saturate).dydx == [57344, 57344, 57344])
    }

    @Test("Formats without Inf and NaN saturate under either rule", arguments: [
        (Precision.float6E3M2FN, 28.0), (.float6E2M3FN, 7.5), (.float4E2M1FN, 6),
    ])
    func onlySaturate(precision: Precision, maximum: Double) throws {
        for rule in OverflowRule.allCases {
            let curve = try Self.report(.init(formula: "4*x", x: 1...2, points: 2, depths: [4], precision: precision, overflow: rule)).document.curves[0]
            #expect(curve.y == [maximum, maximum], "\(precision) \(rule)")
            #expect(curve.dydx == [maximum, maximum], "\(precision) \(rule)")
        }
    }

    @Test("A grid that spans 0 includes 0, so the steepest slope is the true one", arguments: [
        ("tanh(w*x)", nil as String?, 3, 1000, 512.0),
        ("sig(w*x - w/2)", "sig(w*x)", 10, 1000, 1024),
        ("tanh(w*x)", nil, 3, 1001, 512),
    ])
    func steepestAtZero(formula: String, first: String?, depth: Int, points: Int, slope: Double) throws {
        let report = try Self.report(.init(formula: formula, firstLayer: first, parameters: ["w": 8], points: points, depths: [depth]))
        #expect(report.document.x.contains(0))
        let numbers = report.figures[0].table
        #expect(numbers.numbers("max_abs_dydx") == [slope])
        #expect(numbers.numbers("at_x") == [0])
    }

    static let grids: [(ClosedRange<Double>, Int, [Double])] = [
        (-1...1, 2, [-1, 1]), (-1...1, 3, [-1, 0, 1]), (-1...1, 4, [-1, -0.33333333333333337, 0, 1]), (-1...0.5, 2, [-1, 0.5]), (0.5...1, 2, [0.5, 1]),
    ]

    @Test("The grid: both ends always, 0 in it when the range spans 0 (never by moving an end)", arguments: grids)
    func grid(range: ClosedRange<Double>, points: Int, expected: [Double]) throws {
        let report = try Self.report(.init(formula: "x", x: range, points: points))
        #expect(report.document.x == expected)
    }

    @Test("depth 1000: charts and summary show 1, 2, 3 and every quarter and say so; the document and the stream have all 1000")
    func deepSelection() throws {
        let settings = PlotExperiment.Settings(formula: "tanh(w*x)", parameters: ["w": 8], x: -1...1, points: 3, depths: Array(1...1000))
        let report = try Self.report(settings)
        #expect(report.document.curves.map(\.depth) == Array(1...1000))
        #expect(report.table.rows.count == 3000)
        #expect(report.figures[0].table.numbers("depth") == [1, 2, 3, 250, 500, 750, 1000])
        #expect(report.figures[0].charts.count == 2)
        #expect(report.summary.contains("Drawn and listed: depths 1, 2, 3, 250, 500, 750 and 1000 of 1000 (1, 2, 3 and every quarter); the setting depths picks others, and the CSV and JSON have all 1000."))
    }

    final class Cancelling: ExperimentProgress, @unchecked Sendable {
        var updates: [Int] = []
        func update(stage: String, done: Int, total: Int) { updates.append(done) }
        var isCancelled: Bool { updates.count >= 5 }
    }

    @Test("A cancelled run stops after the layer it is on")
    func cancellation() throws {
        let progress = Cancelling()
        let experiment = try PlotExperiment(settings: .init(formula: "tanh(w*x)", parameters: ["w": 8], points: 5, depths: Array(1...100)))
        var seen = 0
        #expect(throws: CancellationError.self) { try experiment.stream(progress: progress) { _ in seen += 1 } }
        #expect(progress.updates == [1, 2, 3, 4, 5])
        #expect(seen == 6)
    }

    @Test("plot tanh(w*x), depth 1000, 20000 points: streamed in well under 1 GB; the whole report is refused with a sentence")
    func memory() throws {
        let settings = PlotExperiment.Settings(formula: "tanh(w*x)", parameters: ["w": 8], points: 20_000, depths: Array(1...1000))
        let experiment = try PlotExperiment(settings: settings)
        let steps = try settings.nestedFormula().layer.stepCount
        #expect(settings.streamingBytes(steps: steps, parameterCount: 1) < 100 << 20)
        do {
            _ = try experiment.run(progress: nil)
            Issue.record("the whole report was built")
        } catch let error as SettingsError {
            #expect(error.message.hasPrefix("This plot's whole report would hold"))
            #expect(error.message.hasSuffix("Lower the points or the depths, or write the CSV or JSON, which stream."))
        }
    }

    @Test("Bad settings are one sentence naming the setting", arguments: [
        (PlotExperiment.Settings(formula: " "), "Missing formula. Give one in plain math or LaTeX, e.g. 'tanh(w*x)' with w = 8."),
        (.init(formula: "x", points: 1), "points must be between 2 and 1000000, got 1."),
        (.init(formula: "x", firstLayer: "x"), "first-layer needs a nested formula. Give depth or depths as well."),
        (.init(formula: "x", points: 1_000_000, depths: [51]), "That is 51000000 evaluations (points × depth); the limit is 50000000. Lower the points or the depth."),
        (.init(formula: "x", depths: [0]), "depths must be depths between 1 and 100000, got 0."),
    ])
    func badSettings(settings: PlotExperiment.Settings, message: String) {
        #expect(throws: SettingsError.self) { try PlotExperiment(settings: settings) }
        do { _ = try PlotExperiment(settings: settings) } catch { #expect(error.description == message) }
    }
}
