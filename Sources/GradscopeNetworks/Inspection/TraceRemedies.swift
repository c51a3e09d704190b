import GradscopeNumerics
import RealModule

/// Remedies computed from a trace, each with the number it rests on.
enum TraceRemedies {
    static func compute(_ inspection: TraceInspection, firstBadStep: Int?) -> [TraceRemedy] {
        var remedies: [TraceRemedy] = []
        // Clipping: the median of the finite gradient norms before anything went non-finite.
        let norms = inspection.steps.filter { s in firstBadStep.map { s.step < $0 } ?? true }.compactMap(\.gradientNorm).filter(\.isFinite)
        if let threshold = clipThreshold(norms) {
            let mean = norms.reduce(0, +) / Double(norms.count)
            remedies.append(.init(kind: "clip-norm",
                                  text: "torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=\(TerminalNumber.brief(threshold)))",
                                  value: threshold,
                                  basis: "the median (50th percentile) of \(norms.count) finite gradient norms\(firstBadStep.map { " before step \($0)" } ?? ""); their mean is \(TerminalNumber.brief(mean)), and Pascanu et al. report that 0.5–10× the average norm works"))
        } else if let bad = firstBadStep {
            remedies.append(.init(kind: "clip-norm", text: "no clipping threshold can be computed: no finite gradient norm was recorded before step \(bad)",
                                  value: nil, basis: "the steps table"))
        }
        // The float16 loss scale.
        if let range = inspection.lossScale {
            if range.exists {
                let k = (range.lowestExponent + range.highestExponent) / 2
                remedies.append(.init(kind: "loss-scale",
                                      text: "torch.amp.GradScaler(init_scale=2.0**\(k)) for float16: scales 2^\(range.lowestExponent)…2^\(range.highestExponent) keep every gradient finite and ≥ 99.9 % of non-zero gradients normal",
                                      value: Double(sign: .plus, exponent: k, significand: 1),
                                      basis: "the largest gradient \(TerminalNumber.brief(range.largestGradient)) (65504 / it ≥ 2^\(range.highestExponent)) and the 0.1 % quantile's binade 2^\(range.smallGradientExponent)"))
            } else {
                remedies.append(.init(kind: "format",
                                      text: "no float16 loss scale fits: the gradients span 2^\(range.lowestExponent - range.highestExponent) more than float16's range; train in bfloat16 (largest 3.39e38, smallest normal 2^-126) or float32",
                                      value: nil,
                                      basis: "the largest gradient \(TerminalNumber.brief(range.largestGradient)) and the 0.1 % quantile's binade 2^\(range.smallGradientExponent)"))
            }
        }
        // The producing operation's usual fix.
        if let event = inspection.firstNonFinite, let fix = operationFix(event) {
            remedies.append(fix)
        }
        // Initialisation: the modules whose gain drives the chain out of a format's range.
        let chain = inspection.chain
        if !chain.explodesIn.isEmpty || !chain.vanishesIn.isEmpty {
            for name in chain.ranked.prefix(3) {
                guard let m = inspection.modules.first(where: { $0.name == name }), let gain = m.gain, let log2Gain = m.log2Gain,
                      abs(log2Gain) >= 0.5 else { continue }
                remedies.append(.init(kind: "initialization",
                                      text: "scale the initial weights of \(name) (\(m.type)) by \(TerminalNumber.brief(1 / gain)), or initialise it orthogonally or with Xavier's rule, so that its gain is near 1",
                                      value: 1 / gain,
                                      basis: "its measured gain ‖∂L/∂in‖/‖∂L/∂out‖ = \(TerminalNumber.brief(gain)) (2^\((log2Gain * 100).rounded() / 100)) at step \(m.step ?? 0); the chain's Σ log2 gain = \((chain.totalLog2Gain * 100).rounded() / 100) leaves the range of \((chain.explodesIn + chain.vanishesIn).joined(separator: ", "))"))
            }
        }
        return remedies
    }

    /// The median of the finite norms (nil when there are none).
    static func clipThreshold(_ norms: [Double]) -> Double? {
        guard !norms.isEmpty else { return nil }
        let sorted = norms.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    static func operationFix(_ event: Anomaly) -> TraceRemedy? {
        let place = [event.frameworkOperation, event.module.map { $0.isEmpty ? "the model" : $0 }].compactMap { $0 }.joined(separator: " in ")
        let basis = "the first non-finite value: step \(event.step), \(event.pass.rawValue), \(place.isEmpty ? event.operation : place)"
        let text: String
        switch event.causeKind ?? .unknown {
        case .logOfZero: text = "take the log of a clamped value (torch.log(p.clamp_min(torch.finfo(p.dtype).tiny))), or compute log-probabilities directly with torch.log_softmax / torch.logsumexp instead of log(softmax)"
        case .logOfNegative: text = "the log's argument is negative: clamp it (x.clamp_min(tiny)) or check the sign of what feeds it"
        case .sqrtOfNegative: text = "clamp the argument of sqrt at 0 (v.clamp_min(0)) and add an epsilon: torch.sqrt(v + eps)"
        case .divisionByZero: text = "add an epsilon to the divisor, e.g. (x − m) / torch.sqrt(v + eps) with eps = 1e-5 as nn.LayerNorm does"
        case .castOverflow: text = "keep that operation in float32 (wrap it in torch.autocast(device_type, enabled=False) and call .float() on its inputs), or autocast to bfloat16, whose maximum is 3.39e38"
        case .overflow where event.frameworkOperation.map { TraceCause.family(operation: $0) == .exp } ?? false:
            text = "subtract the maximum before exp, or use torch.logsumexp / torch.softmax, which do"
        case .overflow: text = event.pass == .update ? "lower the learning rate or clip the gradients (the update itself overflowed)" : "clip the gradients and re-initialise the layers with the largest gains (see the chain)"
        case .nonfiniteParameter: text = "the parameter went non-finite in an earlier update: lower the learning rate or clip the gradient norm before optimizer.step()"
        case .nonfiniteInput: text = "the data holds non-finite values: filter the batch (torch.isfinite(x).all()) before the forward pass"
        case .zeroTimesInf, .infMinusInf: text = "this NaN comes from an Inf met by a 0 or by another Inf: remove the first Inf (see firstInfinity) and the NaN goes with it"
        case .underflow, .unknown: return nil
        }
        return TraceRemedy(kind: "operation", text: text, value: nil, basis: basis)
    }
}
