import Foundation
import GradscopeCore

extension AutopsyExperiment {
    /// The scaling columns of the CSV when a run used a recipe: per tensor kind the values cast and
    /// how many overflowed, flushed to zero, were subnormal, were already non-finite.
    public static let scalingColumns = TensorKind.allCases.flatMap { kind in
        ["values", "overflowed", "flushed_to_zero", "subnormal", "non_finite"].map { "\(kind.rawValue)_\($0)" }
    }

    /// The histogram columns of an MLP's CSV.
    public static let histogramColumns = ["layer", "gradient_bucket_edges", "gradient_bucket_counts", "gradient_outside", "gradient_non_finite"]

    /// `--format csv`: one row per run (`remedy,final_loss,…,note`, then the scaling columns when a run
    /// used a recipe). For an MLP, the histogram columns follow, empty on the run rows, and one row per
    /// layer comes after the runs: remedy `none (baseline)`, the run cells empty, the layer, the 31 bucket
    /// edges and 30 counts of its step-1 gradients as `;`-separated lists, and the outside and non-finite counts.
    static func table(_ report: AutopsyReport, histograms: LayersExperiment.Histograms?) -> DataTable {
        let scaled = report.runs.contains { $0.scaling != nil }
        let runColumns = ["remedy", "final_loss", "max_grad_norm", "stayed_finite", "first_nonfinite_step", "steps_run", "unchanged_groups", "note"]
            + (scaled ? scalingColumns : [])
        var table = DataTable(columns: runColumns + (histograms == nil ? [] : histogramColumns))
        func number(_ v: Double?) -> DataTable.Cell { v.map { .number($0) } ?? .text("") }
        func integer(_ v: Int?) -> DataTable.Cell { v.map { .text(String($0)) } ?? .text("") }
        for r in report.runs {
            var cells: [DataTable.Cell] = [.text(remedyName(r.remedy)), number(r.run?.finalLoss), number(r.run?.maxGradientNorm),
                                           .text(r.run.map { String($0.stayedFinite) } ?? ""), integer(r.run?.firstNonFiniteStep),
                                           integer(r.run?.steps.count), integer(r.run?.unchangedGroups.count),
                                           .text((r.note ?? "").replacingOccurrences(of: ",", with: ";"))]
            if scaled {
                let counts: [Int] = r.scaling.map { s in
                    TensorKind.allCases.flatMap { kind -> [Int] in
                        let c = s.counts[kind] ?? CastCounts()
                        return [c.values, c.overflowed, c.flushedToZero, c.subnormal, c.nonFinite]
                    }
                } ?? []
                cells += counts.isEmpty ? Array(repeating: .text(""), count: scalingColumns.count) : counts.map { .text(String($0)) }
            }
            if histograms != nil { cells += Array(repeating: .text(""), count: histogramColumns.count) }
            table.append(cells)
        }
        if let histograms {
            let edges = histograms.bucketEdges.map(CSVNumber.text).joined(separator: ";")
            for layer in histograms.layers {
                table.append([.text(remedyName(.none))] + Array(repeating: .text(""), count: runColumns.count - 1)
                             + [.text(String(layer.layer)), .text(edges), .text(layer.counts.map(String.init).joined(separator: ";")),
                                .text(String(layer.outside)), .text(String(layer.nonFinite))])
            }
        }
        return table
    }

    /// `none (baseline)`, or the remedy as written.
    static func remedyName(_ remedy: Remedy) -> String { remedy == .none ? "none (baseline)" : remedy.description }

    /// The terminal text: what happened, the remedies table, and the scaling recipes' table.
    static func summary(_ report: AutopsyReport) -> String {
        var text = "Autopsy: \(report.summary)\n\nWhat happened\n"
        text += report.events.map { "• " + $0.text }.joined(separator: "\n")
        if report.baseline.firstInfinity == nil, report.baseline.firstNaN == nil {
            text += "\n• No operation produced an Inf or a NaN."
        }
        text += "\n\nRemedies\n"
        var table = TextTable(["remedy", "final loss", "max ‖g‖", "stayed finite", "first non-finite step", "first Inf", "first NaN", "unchanged layers"])
        let groups = report.baseline.run?.initialParameters.values.count ?? 0
        for r in report.runs {
            func place(_ a: Anomaly?) -> String { a.map { "\($0.step) \($0.pass.rawValue)" + ($0.layer.map { " L\($0)" } ?? "") } ?? "–" }
            guard let run = r.run else {
                table.append([remedyName(r.remedy), "–", "–", "n/a", r.note ?? "", "", "", ""])
                continue
            }
            table.append([remedyName(r.remedy), run.finalLoss.map(TerminalNumber.short) ?? "–", run.maxGradientNorm.map(TerminalNumber.short) ?? "–",
                          run.stayedFinite ? "yes" : "no", run.firstNonFiniteStep.map(String.init) ?? "–",
                          place(r.firstInfinity), place(r.firstNaN), "\(run.unchangedGroups.count) of \(groups)"])
        }
        return text + table.rendered + scalingText(report)
    }

    /// Per kind of tensor, what each recipe's casts did; empty when no run used a recipe.
    static func scalingText(_ report: AutopsyReport) -> String {
        let runs = report.runs.compactMap(\.scaling)
        guard !runs.isEmpty else { return "" }
        var table = TextTable(["recipe"] + TensorKind.allCases.flatMap { ["\($0.rawValue): overflow", "flushed", "subnormal"] } + ["final loss"])
        for run in runs {
            var row = [run.recipe.description]
            for kind in TensorKind.allCases { row += (run.counts[kind] ?? CastCounts()).percentCells }
            table.append(row + [TerminalNumber.short(run.finalLoss)])
        }
        var text = "\n\nScaling recipes (FP8 training: casts at matrix-product inputs, Float32 accumulation and master weights)\n"
        text += "% of the values cast (rounded to 0.1; \"<0.1\" above 0), after scaling\n"
        text += table.rendered
        let events = runs.flatMap { run in run.events.map { "\(run.recipe.description): \($0)" } }
        if !events.isEmpty { text += "\n" + events.prefix(12).map { "• " + $0 }.joined(separator: "\n") }
        return text
    }
}
