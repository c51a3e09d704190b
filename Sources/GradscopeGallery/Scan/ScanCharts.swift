import GradscopeCharts
import GradscopeCore

/// The scan's charts: max |x| per tensor against the formats' limits, and λ₁ per layer against 1.
enum ScanCharts {
    static func figures(_ document: ScanExperiment.Document) -> [Figure] {
        let scanned = document.tensors.enumerated().filter { ($0.element.absmax ?? 0) > 0 }
        let xs = scanned.map { Double($0.offset) }
        let maxima = LineChart(
            title: "max |x| per tensor (file order) and the formats' largest values", xLabel: "tensor", yLabel: "max |x|",
            yScale: .log10, series: [Series(name: "max |x|", xs: xs, ys: scanned.map { $0.element.absmax! }, colour: Palette.categorical[0])],
            markers: TargetFormat.allCases.filter { $0 != .bfloat16 }.map { MarkerLine(y: $0.maximum, label: "\($0.rawValue) max") })
        var charts: [any SVGChart & TerminalChart] = [maxima]
        let spectral = document.tensors.enumerated().filter { $0.element.spectralNorm != nil }
        if !spectral.isEmpty {
            charts.append(LineChart(
                title: "λ₁ per 2-D weight (file order)", xLabel: "tensor", yLabel: "λ₁", yScale: .log10,
                series: [Series(name: "λ₁", xs: spectral.map { Double($0.offset) }, ys: spectral.map { $0.element.spectralNorm! }, colour: Palette.categorical[1])],
                markers: [MarkerLine(y: 1, label: "gain 1")]))
        }
        let table = document.table
        return [Figure(id: "scan", title: "Checkpoint scan", explanation: "Each tensor's largest finite magnitude against the limits of float16 and FP8, and each weight's λ₁ against 1.",
                       charts: charts, table: table, caption: document.findings.first ?? "", data: table)]
    }
}
