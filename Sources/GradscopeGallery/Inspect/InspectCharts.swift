import GradscopeCharts
import GradscopeCore

/// The figures of `gradscope inspect`: the health heatmaps (leaf modules × steps), the chain's running
/// gain, and the loss and gradient-norm series.
enum InspectCharts {
    static func figures(_ trace: TraceFile, _ i: TraceInspection) -> [Figure] {
        var figures: [Figure] = []
        let names = i.modules.map(\.name)
        let steps = Array(Set(i.moduleSteps.map(\.step))).sorted()
        if names.count >= 1, steps.count >= 1 {
            func grid(_ value: (TraceInspection.ModuleStep) -> Double?) -> [[Double]] {
                var lookup: [String: [Int: Double]] = [:]
                for m in i.moduleSteps { if let v = value(m) { lookup[m.module, default: [:]][m.step] = v } }
                return names.reversed().map { name in steps.map { lookup[name]?[$0] ?? 0 } }
            }
            let x = Double(steps.first!)...Double(max(steps.last!, steps.first! + 1))
            let y = 1.0...Double(max(names.count, 2))
            let caption = "Rows: leaf modules in forward order (first at the top: \(names.first!), last: \(names.last!)); columns: full steps."
            let gradient = Heatmap(title: "Gradient RMS ‖∂L/∂output‖ per leaf module", caption: caption, xLabel: "step",
                                   yLabel: "module (forward order, top first)", valueLabel: "RMS", values: grid(\.gradientRMS),
                                   xRange: x, yRange: y, colourScale: .log10)
            let activation = Heatmap(title: "Activation max |x| per leaf module", caption: caption, xLabel: "step",
                                     yLabel: "module (forward order, top first)", valueLabel: "max |x|", values: grid(\.activationAbsMax),
                                     xRange: x, yRange: y, colourScale: .log10)
            var table = DataTable(columns: ["module", "type", "gain", "activation_absmax", "gradient_rms"])
            for m in i.modules {
                table.append([.text(m.name), .text(m.type), m.gain.map(DataTable.Cell.number) ?? "", m.activationAbsMax.map(DataTable.Cell.number) ?? "",
                              m.gradientRMS.map(DataTable.Cell.number) ?? ""])
            }
            figures.append(Figure(id: "inspect-health", title: "Health per leaf module and step",
                                  explanation: "Each row is a leaf module in forward order, each column a full step. A gradient row that brightens towards the first layers is an exploding chain; one that darkens, a vanishing one.",
                                  charts: [gradient, activation], table: table, caption: caption, data: table))
        }
        if i.chain.modules.count >= 2 {
            let xs = i.chain.modules.indices.map { Double($0 + 1) }
            let chart = LineChart(title: "Running product of gains, log2 (from the chain's end)", xLabel: "module in forward order",
                                  yLabel: "Σ log2 gain", series: [Series(name: "Σ_{j≥k} log2 gain_j", xs: xs, ys: i.chain.runningLog2Gain, colour: Palette.categoricalColour(0))])
            var table = DataTable(columns: ["module", "running_log2_gain"])
            for (m, v) in zip(i.chain.modules, i.chain.runningLog2Gain) { table.append([.text(m), .number(v)]) }
            figures.append(Figure(id: "inspect-chain", title: "The chain's gain", explanation: "The post's product of w·φ' factors, measured: ‖∂L/∂input‖/‖∂L/∂output‖ of each module, multiplied from the last module back.",
                                  charts: [chart], table: table, caption: "Σ log2 gain = \(TerminalNumber.short(i.chain.totalLog2Gain)).", data: table))
        }
        figures.append(contentsOf: series(trace.steps.map { ($0.step, $0.loss, $0.gradientNorm) }))
        return figures
    }

    static func figures(_ log: TrainingLogFile, _ i: LogInspection) -> [Figure] {
        series(log.entries.map { ($0.step, $0.loss, $0.gradientNorm) })
    }

    /// Loss and gradient norm per step (finite values; a non-finite one ends its line).
    static func series(_ rows: [(Int, Double?, Double?)]) -> [Figure] {
        var charts: [any SVGChart & TerminalChart] = []
        for (title, pick, colour) in [("Loss", { (r: (Int, Double?, Double?)) in r.1 }, 0), ("Gradient norm", { (r: (Int, Double?, Double?)) in r.2 }, 1)] {
            let points = rows.compactMap { r in pick(r).flatMap { $0.isFinite && $0 > 0 ? (Double(r.0), $0) : nil } }
            guard points.count >= 2 else { continue }
            charts.append(LineChart(title: "\(title) per step", xLabel: "step", yLabel: title.lowercased(), yScale: .log10,
                                    series: [Series(name: title.lowercased(), xs: points.map(\.0), ys: points.map(\.1), colour: Palette.categoricalColour(colour))]))
        }
        guard !charts.isEmpty else { return [] }
        var table = DataTable(columns: ["step", "loss", "grad_norm"])
        for r in rows { table.append([.number(Double(r.0)), r.1.map(DataTable.Cell.number) ?? "", r.2.map(DataTable.Cell.number) ?? ""]) }
        return [Figure(id: "inspect-steps", title: "Loss and gradient norm", explanation: "Finite values only: a line that stops is a step that went non-finite.",
                       charts: charts, table: table, caption: "\(rows.count) steps.", data: table)]
    }
}
