import ArgumentParser
import Foundation
import GradscopeCharts
import GradscopeCore
import GradscopeGallery

/// `gradscope phase`: the mean-field phase diagram over (σ_w², σ_b²) and the trainability map.
struct PhaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase",
        abstract: "The order-to-chaos phase diagram over (σ_w², σ_b²) with the critical line χ₁ = 1, and a trainability map.",
        discussion: """
        Colours each (σ_w², σ_b²) by χ₁ = σ_w² E[φ'(√q* z)²] (diverging, log scale, white at 1: blue \
        ordered, red chaotic) or by log10 ξ_c (--colour xi-c), and draws the critical line χ₁ = 1 \
        (Poole et al. 2016, Schoenholz et al. 2017). The critical line is sampled at σ_b² = 0, 0.01, \
        0.02, … up to max(0.25, the top of --sigma-b2).

        --trainability adds a map over (σ_w², depth) from actual random networks at --train-sigma-b2: \
        a cell counts as trainable when ‖∂L/∂h_1‖/‖∂L/∂h_L‖ lies within [1e-3, 1e3] at initialisation; \
        the curve is 6ξ_c.

        CSV columns: sigma_w2, sigma_b2, q_star, chi1, xi_c, critical_sigma_w2 (at that row's σ_b²). \
        JSON keys: activation, colour, cells, criticalLine ([{sigmaB2, sigmaW2}]), trainability.

        Example: gradscope phase --activation tanh --sigma-w2 0.5:4 --sigma-b2 0:0.25 --grid 41
        """
    )

    @Option(help: "Activation φ: tanh, relu, sigmoid, elu, gelu, swish, softplus, leaky_relu, linear, sin.", transform: parseActivation)
    var activation: Activation = .tanh

    @Option(name: .customLong("sigma-w2"), parsing: .unconditional, help: "The σ_w² range A:B (0 ≤ A < B ≤ 100).")
    var sigmaW2: GridRange = GridRange(lower: 0.5, upper: 4)

    @Option(name: .customLong("sigma-b2"), parsing: .unconditional, help: "The σ_b² range A:B (0 ≤ A < B ≤ 100).")
    var sigmaB2: GridRange = GridRange(lower: 0, upper: 0.25)

    @Option(help: "Grid points per axis (2…201).")
    var grid: Int = 41

    @Option(help: "Colour by chi1 or xi-c (log10 ξ_c; slower: two-unit integrals in the chaotic phase).")
    var colour: Colouring = .chi1

    @Flag(help: "Also compute the trainability map over (σ_w², depth) from random networks.")
    var trainability = false

    @Option(name: .customLong("train-sigma-b2"), parsing: .unconditional, help: "σ_b² of the trainability map.")
    var trainSigmaB2: Double = 0.05

    @Option(name: .customLong("train-width"), help: "Width of the trainability map's networks (2…1000).")
    var trainWidth: Int = 100

    @Option(name: .customLong("max-depth"), help: "Deepest network of the trainability map (2…1000).")
    var maxDepth: Int = 200

    @Option(help: "The trainability map's seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the charts (.svg) or the data (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    enum Colouring: String, CaseIterable, ExpressibleByArgument {
        case chi1
        case xiC = "xi-c"
        var charts: WideNetworkCharts.PhaseColouring { self == .chi1 ? .chi1 : .depthScale }
    }

    func validate() throws {
        guard (2...201).contains(grid) else { throw CommandError("--grid must be between 2 and 201, got \(grid).") }
        for (name, range) in [("--sigma-w2", sigmaW2), ("--sigma-b2", sigmaB2)] where range.lower < 0 || range.upper > 100 {
            throw CommandError("\(name) must lie within 0:100 (variances are ≥ 0), got \(range.defaultValueDescription).")
        }
        try checkVariance("--train-sigma-b2", trainSigmaB2)
        guard (2...1000).contains(trainWidth) else { throw CommandError("--train-width must be between 2 and 1000, got \(trainWidth).") }
        guard (2...1000).contains(maxDepth) else { throw CommandError("--max-depth must be between 2 and 1000, got \(maxDepth).") }
        if trainability {
            try WorkLimits.checkWork(WorkLimits.product([trainColumns, trainDepths.reduce(0, +), trainWidth, trainWidth]), limit: WorkLimits.maxTrainabilityWork,
                                     what: "The trainability map (\(trainColumns) columns × depths up to \(maxDepth) × width \(trainWidth)²)", unit: "multiply-adds",
                                     fix: "Lower --max-depth or --train-width.")
        }
        if let out { _ = try OutputFile(path: out) }
    }

    /// σ_b² = 0, 0.01, … up to max(0.25, the range's top), at most 101 samples.
    var criticalSamples: [Double] {
        let top = max(0.25, sigmaB2.upper)
        let step = max(0.01, top / 100)
        return (0...Int((top / step).rounded(.down))).map { (Double($0) * step * 1e12).rounded() / 1e12 }
    }

    func diagram(progress: ProgressBar? = nil) -> PhaseDiagram {
        PhaseDiagram(activation: activation, sigmaW2s: sigmaW2.grid(grid), sigmaB2s: sigmaB2.grid(grid),
                     quantities: colour == .xiC ? .depthScales : .orderParameter, criticalSigmaB2s: criticalSamples,
                     progress: Self.counter(progress, "phase diagram"))
    }

    /// Depths of the trainability map: 16 rows from 2 to --max-depth.
    var trainDepths: [Int] {
        Array(Set((0..<16).map { 2 + ($0 * (maxDepth - 2)) / 15 })).sorted()
    }

    /// Advances `bar` once per call (nil without a bar).
    static func counter(_ bar: ProgressBar?, _ label: String) -> (@Sendable () -> Void)? {
        guard let bar else { return nil }
        return { bar.advance(label: label) }
    }

    /// The trainability map's σ_w² columns: at most 25.
    var trainColumns: Int { min(grid, 25) }

    func trainabilityMap(progress: ProgressBar? = nil) -> TrainabilityMap? {
        guard trainability else { return nil }
        return TrainabilityMap(activation: activation, sigmaB2: trainSigmaB2, sigmaW2s: sigmaW2.grid(trainColumns), depths: trainDepths,
                               width: trainWidth, batch: 4, seeds: 1, seed: seed,
                               progress: Self.counter(progress, "trainability"))
    }

    func run() throws {
        let progress = ProgressBar(total: grid * grid + criticalSamples.count + (trainability ? trainColumns : 0))
        let diagram = diagram(progress: progress)
        let map = trainabilityMap(progress: progress)
        progress.clear()
        if let out {
            let file = try OutputFile(path: out)
            switch file.kind {
            case .svg: try file.write(SVGStack.horizontal(charts(diagram, map)))
            case .csv: try file.write(render(diagram, map, format: .csv))
            case .json: try file.write(render(diagram, map, format: .json))
            }
        }
        print(try render(diagram, map, format: output.format))
    }

    func charts(_ diagram: PhaseDiagram, _ map: TrainabilityMap?) -> [any SVGChart & TerminalChart] {
        [WideNetworkCharts.phase(diagram, colouring: colour.charts)] + (map.map { [WideNetworkCharts.trainability($0)] } ?? [])
    }

    func render(_ diagram: PhaseDiagram, _ map: TrainabilityMap?, format: OutputFormat) throws -> String {
        let critical = Dictionary(diagram.criticalLine.map { ($0.sigmaB2, $0.sigmaW2) }, uniquingKeysWith: { a, _ in a })
        func criticalAt(_ b2: Double) -> Double? {
            critical[b2] ?? MeanField.criticalSigmaW2(activation: activation, sigmaB2: b2)
        }
        let rowCritical = diagram.sigmaB2s.map { criticalAt($0) }
        switch format {
        case .csv:
            var csv = CSVText(header: ["sigma_w2", "sigma_b2", "q_star", "chi1", "xi_c", "critical_sigma_w2"])
            for (b, row) in diagram.points.enumerated() {
                for p in row {
                    csv.append([p.sigmaW2, p.sigmaB2, p.qStar, p.chi1, p.xiC, rowCritical[b] ?? .nan].map { CSVNumber.text($0) })
                }
            }
            return csv.rendered
        case .json:
            let cells = diagram.points.joined().map { PhaseCell(sigmaW2: $0.sigmaW2, sigmaB2: $0.sigmaB2, qStar: $0.qStar, chi1: $0.chi1, xiC: $0.xiC) }
            let line = diagram.criticalLine.map { CriticalPoint(sigmaB2: $0.sigmaB2, sigmaW2: $0.sigmaW2) }
            let training = map.map { m in
                TrainabilityReport(sigmaB2: m.sigmaB2, width: m.width, sigmaW2s: m.sigmaW2s, depths: m.depths, log10GradientRatios: m.log10Ratios,
                                   trainable: m.depths.indices.map { d in m.sigmaW2s.indices.map { m.isTrainable(depthIndex: d, sigmaW2Index: $0) } },
                                   sixXiC: m.correlationDepths.map { 6 * $0 },
                                   criterion: "trainable when ‖∂L/∂h_1‖/‖∂L/∂h_L‖ lies within [1e-3, 1e3] at initialisation")
            }
            return try JSONText.encode(PhaseReport(activation: activation.name, colour: colour.rawValue, cells: cells, criticalLine: line, trainability: training))
        case .text:
            let style = TerminalStyle.detect()
            let width = max(40, min(style.width, 110))
            var text = charts(diagram, map).map { $0.terminal(width: width, height: 22, colour: style.colour) }.joined(separator: "\n\n") + "\n\n"
            var table = TextTable(["σ_b²", "critical σ_w²"])
            for (b2, w2) in diagram.criticalLine where Int((b2 * 100).rounded()) % 5 == 0 || diagram.criticalLine.count <= 6 {
                table.append([TerminalNumber.short(b2), String(format: "%.6f", w2)])
            }
            text += "Critical line χ₁ = 1 of \(activation):\n" + table.rendered
            let chis = diagram.points.joined().map(\.chi1)
            let ordered = chis.count { $0 < 1 }
            text += "\n\n\(ordered) of \(chis.count) grid points are ordered (χ₁ < 1: gradients vanish), \(chis.count - ordered) chaotic or critical (χ₁ ≥ 1: gradients explode)."
            if let map {
                let cells = map.depths.indices.flatMap { d in map.sigmaW2s.indices.map { (d, $0) } }
                let trainable = cells.count { map.isTrainable(depthIndex: $0.0, sigmaW2Index: $0.1) }
                text += "\nTrainability (width \(map.width), σ_b² = \(TerminalNumber.short(map.sigmaB2))): \(trainable) of \(cells.count) (σ_w², depth) cells have ‖∂L/∂h_1‖/‖∂L/∂h_L‖ within [1e-3, 1e3] at initialisation."
            }
            return text
        }
    }
}

struct PhaseCell: Encodable { var sigmaW2, sigmaB2, qStar, chi1, xiC: Double }
struct CriticalPoint: Encodable { var sigmaB2, sigmaW2: Double }
struct TrainabilityReport: Encodable {
    var sigmaB2: Double
    var width: Int
    var sigmaW2s: [Double]
    var depths: [Int]
    var log10GradientRatios: [[Double]]
    var trainable: [[Bool]]
    var sixXiC: [Double]
    var criterion: String
}
struct PhaseReport: Encodable {
    var activation: String
    var colour: String
    var cells: [PhaseCell]
    var criticalLine: [CriticalPoint]
    var trainability: TrainabilityReport?
}
