import Foundation
import GradscopeCore

extension TrainExperiment {
    /// The terminal text: the run, Pascanu's conditions, the gradient through time, the evaluated
    /// steps, the FP8 casts (scaled runs), and the verdict against the trivial baseline.
    func text(summary: String, run: RecurrentTrainingRun, threads: Int, scaling: ScalingDocument?) -> String {
        var lines = ["Training: \(summary)"]
        if let c = run.initialConditions { lines.append("Pascanu at the start: \(c.summary)") }
        if let c = run.finalConditions, run.ending != .nonFinite { lines.append("Pascanu at the end:   \(c.summary)") }
        if let last = run.steps.last(where: { $0.stateGradientNorms.allSatisfy(\.isFinite) }) {
            lines.append("Gradient through time at step \(last.step): \(GradientTrend(stateGradientNorms: last.stateGradientNorms).summary)")
        }
        let classifies = run.steps.contains { $0.testAccuracy != nil }
        var table = TextTable(["step", "train loss", "test loss"] + (classifies ? ["test accuracy"] : []) + ["‖∂L/∂θ‖", "clipped"])
        for s in run.steps where s.testLoss != nil || s.step == run.steps.last?.step {
            table.append([String(s.step), TerminalNumber.short(s.loss), s.testLoss.map(TerminalNumber.short) ?? "–"]
                         + (classifies ? [s.testAccuracy.map { "\(TerminalNumber.short(100 * $0)) %" } ?? "–"] : [])
                         + [TerminalNumber.short(s.gradientNorm), s.clipped ? "yes" : "no"])
        }
        lines.append(table.rendered)
        if let note = Self.scalerNote(run) { lines.append(note) }
        if let scaling { lines.append(scalingText(scaling, last: run.steps.last)) }
        switch run.ending {
        case .nonFinite:
            lines.append("Stopped at step \(run.steps.last?.step ?? 0): a loss, gradient or weight became Inf or NaN.")
            if let a = run.firstInfinity { lines.append("• " + a.summary) }
            if let a = run.firstNaN { lines.append("• " + a.summary) }
            if scaling != nil {
                lines.append("• The casts above show where values overflowed; a scaled run is not replayed operation by operation.")
            } else if run.firstInfinity == nil, run.firstNaN == nil {
                lines.append("• The replay named no single operation; ‖∂L/∂h_t‖ of every step is in --log.")
            }
            lines.append(scaling == nil ? "Remedy: clip the gradient norm (--clip 1), lower --lr, or start from a smaller recurrent matrix."
                                        : "Remedy: a scaling recipe that follows the values (--scaling current or mx), a larger --margin, or --clip 1.")
        case .stopped, .completed:
            if let test = run.finalTestLoss, let tested = run.steps.last(where: { $0.testLoss != nil }) {
                let ratio = test / run.baselineLoss
                let verdict = ratio <= 0.3 ? "learnt" : ratio < 0.9 ? "partly learnt" : "stayed at the baseline"
                if let accuracy = tested.testAccuracy {
                    lines.append("Test accuracy \(TerminalNumber.short(100 * accuracy)) % (chance: \(TerminalNumber.short(100 / Double(settings.sequenceTask.outputSize))) %).")
                }
                let share = ratio < 10 ? "\(TerminalNumber.short((ratio * 1000).rounded() / 10)) %" : "\(TerminalNumber.short(ratio))×"
                lines.append("Test loss \(TerminalNumber.short(test)) at step \(tested.step) against the baseline \(TerminalNumber.short(run.baselineLoss)): \(share) of it — \(verdict)\(scaling == nil ? "" : " (test loss in Float32 with the master weights)").")
            }
        }
        lines.append("Time: \(String(format: "%.1f", run.seconds)) s (\(String(format: "%.2f", 1000 * run.seconds / Double(max(run.steps.count, 1)))) ms per step, \(threads) thread\(threads == 1 ? "" : "s")).")
        return lines.joined(separator: "\n")
    }

    /// The counts table (per tensor kind, % of the values cast) and the last step's scales.
    func scalingText(_ scaling: ScalingDocument, last: RecurrentTrainingStep?) -> String {
        var table = TextTable(["tensors", "format", "values cast", "overflowed %", "flushed to zero %", "subnormal %", "non-finite before"])
        for kind in TensorKind.allCases {
            let c = scaling.counts[kind.rawValue] ?? CastCounts()
            table.append([kind.rawValue, kind == .gradients ? scaling.backwardFormat : scaling.forwardFormat, String(c.values)]
                         + c.percentCells + [String(c.nonFinite)])
        }
        var lines = ["FP8 casts at every matrix-product input, \(scaling.recipe) (% of the values cast, after scaling; \"<0.1\": above 0):",
                     table.rendered, "Final training loss \(TerminalNumber.short(scaling.finalLoss))."]
        if let last, let scales = last.castScales, !scales.isEmpty {
            let names = Self.castTensorNames(model: settings.model).filter { scales[$0] != nil }
            lines.append("Scales at step \(last.step) (the smallest over a tensor's time steps; every step's are in --log): "
                         + names.map { "\($0) \(TerminalNumber.short(Double(scales[$0]!)))" }.joined(separator: ", ") + ".")
        } else if scaling.recipe == "scale=mx" {
            lines.append("MX scales are one power of two per block of 32 along each product's reduction dimension (not logged).")
        }
        lines += scaling.events.prefix(12).map { "• " + $0 }
        if scaling.events.count > 12 { lines.append("• … \(scaling.events.count - 12) more in --format json.") }
        return lines.joined(separator: "\n")
    }

    /// "GradScaler skipped 3 of 200 steps (gradients Inf/NaN); loss scale 8192 at the end." for a loss-scaled run.
    static func scalerNote(_ run: RecurrentTrainingRun) -> String? {
        guard let last = run.steps.last, let scale = last.lossScale else { return nil }
        let skipped = run.steps.filter { $0.skipped == true }.map(\.step)
        let list = skipped.prefix(10).map(String.init).joined(separator: ", ") + (skipped.count > 10 ? ", …" : "")
        return "GradScaler skipped \(skipped.count) of \(run.steps.count) step\(run.steps.count == 1 ? "" : "s")\(skipped.isEmpty ? "" : " (\(list): gradients Inf/NaN, no update)"); loss scale \(TerminalNumber.short(scale)) at the last step."
    }
}
