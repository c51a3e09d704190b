import Foundation
import GradscopeCharts
import GradscopeCore

/// `gradscope phase` and its Gallery value: the mean-field phase diagram over (σ_w², σ_b²) —
/// χ₁ = σ_w² E[φ'(√q* z)²] (or ξ_c) at every grid point, the critical line χ₁ = 1 — and, on
/// request, the trainability map over (σ_w², depth) from random networks (Poole et al. 2016,
/// Schoenholz et al. 2017).
///
/// Long loops (the grid points, the critical-line samples, the trainability columns) ask
/// `progress.isCancelled` before each unit and the run throws `CancellationError` once it is true.
///
/// ```swift
/// let report = try PhaseExperiment(settings: .init(activation: .relu, grid: 3)).run(progress: nil)
/// report.document.criticalLine.first?.sigmaW2   // 2 at σ_b² = 0
/// ```
public struct PhaseExperiment: Experiment {
    public static let name = "phase"
    public let settings: Settings

    /// - Throws: ``SettingsError`` naming the first unusable setting.
    public init(settings: Settings) throws(SettingsError) {
        try settings.validate()
        self.settings = settings
    }

    public func run(progress: (any ExperimentProgress)?) throws -> ExperimentReport<Document> {
        let (diagram, map) = try compute(progress: progress)
        let document = Document(diagram, map, settings: settings)
        let table = Self.table(document)
        var charts: [any SVGChart & TerminalChart] = [WideNetworkCharts.phase(diagram, colouring: settings.colour)]
        if let map { charts.append(WideNetworkCharts.trainability(map)) }
        let caption = "χ₁ of \(settings.activation) over σ_w² in \(settings.sigmaW2.terminalText) "
            + "and σ_b² in \(settings.sigmaB2.terminalText), \(settings.grid) points per axis; "
            + "the critical line χ₁ = 1 sampled at \(settings.criticalSamples.count) values of σ_b²."
        let figure = Figure(id: "phase", title: "Order to chaos", explanation: "Blue: ordered (χ₁ < 1, gradients vanish); red: chaotic (χ₁ > 1, gradients explode).",
                            charts: charts, table: table, caption: caption, data: table)
        return ExperimentReport(summary: Self.summary(diagram, map, activation: settings.activation), figures: [figure], document: document, table: table)
    }

    /// The diagram and (with `trainability`) the map; throws `CancellationError` once `progress` is cancelled.
    public func compute(progress: (any ExperimentProgress)?) throws -> (PhaseDiagram, TrainabilityMap?) {
        let total = settings.grid * settings.grid + settings.criticalSamples.count + (settings.trainability ? settings.trainColumns : 0)
        let counter = UnitCounter(progress: progress, total: total)
        let cancelled: @Sendable () -> Bool = { progress?.isCancelled ?? false }
        let diagram = PhaseDiagram(activation: settings.activation, sigmaW2s: settings.sigmaW2s(settings.grid), sigmaB2s: Self.grid(settings.sigmaB2, settings.grid),
                                   quantities: settings.colour == .depthScale ? .depthScales : .orderParameter,
                                   criticalSigmaB2s: settings.criticalSamples, progress: { counter.advance("phase diagram") }, isCancelled: cancelled)
        if cancelled() { throw CancellationError() }
        guard settings.trainability else { return (diagram, nil) }
        let map = TrainabilityMap(activation: settings.activation, sigmaB2: settings.trainSigmaB2, sigmaW2s: settings.sigmaW2s(settings.trainColumns),
                                  depths: settings.trainDepths, width: settings.trainWidth, batch: 4, seeds: 1, seed: settings.seed,
                                  progress: { counter.advance("trainability") }, isCancelled: cancelled)
        if cancelled() { throw CancellationError() }
        return (diagram, map)
    }

    /// `count` evenly spaced points of `range`, both ends included: `lower + (upper − lower)·i/(count − 1)`
    /// (the division first when the product would overflow).
    static func grid(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
        guard count > 1 else { return [range.lowerBound] }
        let width = range.upperBound - range.lowerBound, steps = Double(count - 1)
        if (width * steps).isFinite { return (0..<count).map { range.lowerBound + width * Double($0) / steps } }
        return (0..<count).map { range.lowerBound + width * (Double($0) / steps) }
    }

    /// One row per grid point: sigma_w2, sigma_b2, q_star, chi1, xi_c, critical_sigma_w2 (of the row's σ_b², NaN when none).
    static func table(_ document: Document) -> DataTable {
        var table = DataTable(columns: ["sigma_w2", "sigma_b2", "q_star", "chi1", "xi_c", "critical_sigma_w2"])
        for cell in document.cells {
            table.append([.number(cell.sigmaW2), .number(cell.sigmaB2), .number(cell.qStar), .number(cell.chi1), .number(cell.xiC),
                          .number(document.rowCritical[cell.sigmaB2] ?? .nan)])
        }
        return table
    }

    /// The critical line's table (every 0.05 of σ_b²) and how many points are ordered, and the map's count.
    static func summary(_ diagram: PhaseDiagram, _ map: TrainabilityMap?, activation: Activation) -> String {
        var table = TextTable(["σ_b²", "critical σ_w²"])
        for (b2, w2) in diagram.criticalLine where Int((b2 * 100).rounded()) % 5 == 0 || diagram.criticalLine.count <= 6 {
            table.append([TerminalNumber.short(b2), fixed6(w2)])
        }
        var text = "Critical line χ₁ = 1 of \(activation):\n" + table.rendered
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

    static func fixed6(_ value: Double) -> String { String(format: "%.6f", value) }
}

/// Counts finished units from any thread and tells the progress.
final class UnitCounter: @unchecked Sendable {
    private let progress: (any ExperimentProgress)?
    private let total: Int
    private var done = 0
    private let lock = NSLock()

    init(progress: (any ExperimentProgress)?, total: Int) {
        self.progress = progress
        self.total = total
    }

    func advance(_ stage: String) {
        guard let progress else { return }
        lock.lock()
        done += 1
        let count = done
        lock.unlock()
        progress.update(stage: stage, done: count, total: total)
    }
}
