import GradscopeCharts
import GradscopeCore

/// The terminal text of `gradscope inspect`: what happened first, then health, headroom and remedies.
enum InspectText {
    static func n(_ v: Double?) -> String {
        v.map(TerminalNumber.short) ?? "–"
    }

    /// Powers of two, to two decimals.
    static func powers(_ v: Double?) -> String { v.map { n(($0 * 100).rounded() / 100) } ?? "–" }

    /// "step 1, backward, layers.10 (Linear), call 0, aten::mm"
    static func place(_ a: Anomaly) -> String {
        var parts = ["step \(a.step)", a.pass.rawValue]
        if let module = a.module { parts.append("\(module.isEmpty ? "(root)" : module) (\(a.moduleType ?? "?"))" + ((a.callIndex ?? 0) > 0 ? ", call \(a.callIndex!)" : "")) }
        else if a.frameworkOperation != nil { parts.append("outside any module") }
        if let op = a.frameworkOperation { parts.append(op) }
        return parts.joined(separator: ", ")
    }

    static func line(_ title: String, _ a: Anomaly) -> String {
        "• \(title): \(place(a)): \(a.operation) = \(n(a.result)). Cause (\((a.causeKind ?? .unknown).rawValue)): \(a.cause)."
    }

    static func summary(_ trace: TraceFile, _ i: TraceInspection) -> String {
        var out: [String] = []
        let leaves = trace.modules.filter(\.isLeaf).count
        out.append("Inspect: \(trace.path) (\(trace.meta["model_class"] ?? "model"), \(trace.steps.count) steps, \(leaves) leaf modules, torch \(trace.meta["torch_version"] ?? "?"), ops \(trace.watchesOperations ? "watched" : "not watched"))")
        out.append("")
        out.append("What happened")
        if let first = i.firstNonFinite {
            let other = first.kind == .nan ? i.firstInfinity : i.firstNaN
            out.append(line(first.kind == .nan ? "First NaN" : "First Inf", first))
            if let other, other != first { out.append(line(other.kind == .nan ? "First NaN" : "First Inf", other)) }
            if !i.propagators.isEmpty {
                let names = i.propagators.prefix(8).map { "\($0.module.map { $0.isEmpty ? "(root)" : $0 } ?? "—") \($0.kind)" }
                out.append("• Passed on in step \(first.step) by \(i.propagators.count) tensor\(i.propagators.count == 1 ? "" : "s"): \(names.joined(separator: ", "))\(i.propagators.count > 8 ? ", …" : "").")
            }
            for later in i.laterSteps.prefix(3) { out.append(line("Step \(later.step) first", later)) }
            if !i.parametersGoneNonFinite.isEmpty {
                let p = i.parametersGoneNonFinite.prefix(5).map { "\($0.name) = \(n($0.value)) at step \($0.step)" }
                out.append("• The optimizer's update made \(i.parametersGoneNonFinite.count) parameter\(i.parametersGoneNonFinite.count == 1 ? "" : "s") non-finite: \(p.joined(separator: ", "))\(i.parametersGoneNonFinite.count > 5 ? ", …" : "").")
            }
            if let s = i.firstNonFiniteLossStep { out.append("• The loss was first non-finite at step \(s).") }
        } else {
            out.append("• Every recorded tensor stayed finite over \(trace.steps.count) steps.")
        }
        if !i.skippedSteps.isEmpty {
            out.append("• GradScaler skipped \(i.skippedSteps.count) step\(i.skippedSteps.count == 1 ? "" : "s"): \(i.skippedSteps.prefix(10).map(String.init).joined(separator: ", "))\(i.skippedSteps.count > 10 ? ", …" : "").")
        }
        out.append("")
        out.append("Steps")
        var steps = TextTable(["step", "loss", "‖g‖", "scale", "skipped", "lr"])
        let shown = i.steps.count <= 12 ? i.steps : Array(i.steps.prefix(6)) + Array(i.steps.suffix(6))
        for s in shown {
            steps.append(["\(s.step)", n(s.loss), n(s.gradientNorm), n(s.scale), s.skipped ? "yes" : "", n(s.learningRates.first)])
        }
        out.append(steps.rendered)
        if !i.modules.isEmpty {
            out.append("")
            out.append("Leaf modules in forward order (at the last full step before anything went non-finite)")
            var table = TextTable(["module", "type", "gain", "max |act|", "rms ∂L/∂out", "f16 act", "f16 grad", "bf16 grad", "e4m3 act"])
            func room(_ m: TraceInspection.ModuleHealth, _ format: String, _ activation: Bool) -> String {
                let h = m.headroom.first { $0.format == format }
                return powers((activation ? h?.activation : h?.gradient)?.belowMaximum)
            }
            let modules = i.modules.count <= 24 ? i.modules : Array(i.modules.prefix(12)) + Array(i.modules.suffix(12))
            for m in modules {
                table.append([m.name, m.type, n(m.gain), n(m.activationAbsMax), n(m.gradientRMS), room(m, "float16", true),
                              room(m, "float16", false), room(m, "bfloat16", false), room(m, "float8_e4m3fn", true)])
            }
            out.append(table.rendered)
            out.append("(format columns: powers of two left below the format's largest finite value; negative = over it)")
            let c = i.chain
            if !c.modules.isEmpty {
                out.append("")
                out.append("Chain of \(c.modules.count) modules\(c.pattern.map { " matching '\($0)'" } ?? ""): Σ log2 gain = \(TerminalNumber.short(c.totalLog2Gain)); explodes in \(c.explodesIn.isEmpty ? "no format" : c.explodesIn.joined(separator: ", ")), vanishes in \(c.vanishesIn.isEmpty ? "no format" : c.vanishesIn.joined(separator: ", ")).")
                if !c.ranked.isEmpty { out.append("Largest |log2 gain|: \(c.ranked.joined(separator: ", ")).") }
            }
        }
        if let r = i.lossScale {
            out.append("")
            out.append(r.exists
                ? "Float16 loss scale: 2^\(r.lowestExponent)…2^\(r.highestExponent) keeps every gradient finite (largest \(TerminalNumber.short(r.largestGradient))) and ≥ 99.9 % of non-zero gradients normal."
                : "Float16 loss scale: none fits; keeping the largest gradient \(TerminalNumber.short(r.largestGradient)) finite allows at most 2^\(r.highestExponent), keeping 99.9 % normal needs at least 2^\(r.lowestExponent): short by \(r.lowestExponent - r.highestExponent) powers of two.")
        }
        appendRemedies(i.remedies, to: &out)
        return out.joined(separator: "\n")
    }

    static func appendRemedies(_ remedies: [TraceRemedy], to out: inout [String]) {
        guard !remedies.isEmpty else { return }
        out.append("")
        out.append("Remedies")
        for r in remedies { out.append("• \(r.text). (From \(r.basis).)") }
    }

    static func summary(_ log: TrainingLogFile, _ i: LogInspection) -> String {
        var out = ["Inspect: \(log.path) (\(log.source == .trainerState ? "Trainer state" : "TensorBoard"), \(log.entries.count) logged steps; series: \(log.tags.sorted { $0.key < $1.key }.map { "\($0.key) ← \($0.value)" }.joined(separator: ", ")))", "", "What happened"]
        if let first = i.firstNonFinite {
            out.append("• \(first.kind == .nan ? "First NaN" : "First Inf"): step \(first.step): \(first.cause).")
        } else {
            out.append("• Every logged loss and gradient norm is finite.")
        }
        if !i.spikes.isEmpty { out.append("• Gradient-norm spikes (> 10× the median before them): steps \(i.spikes.prefix(10).map(String.init).joined(separator: ", ")).") }
        if let s = i.scaleRange { out.append("• Loss scale from \(TerminalNumber.short(s.lowerBound)) to \(TerminalNumber.short(s.upperBound)); it fell \(i.scaleDecreases) times (each fall is a skipped step).") }
        out.append("")
        var table = TextTable(["step", "loss", "‖g‖", "lr", "scale"])
        let shown = log.entries.count <= 12 ? log.entries : Array(log.entries.prefix(6)) + Array(log.entries.suffix(6))
        for e in shown { table.append(["\(e.step)", n(e.loss), n(e.gradientNorm), n(e.learningRate), n(e.scale)]) }
        out.append(table.rendered)
        appendRemedies(i.remedies, to: &out)
        return out.joined(separator: "\n")
    }
}
