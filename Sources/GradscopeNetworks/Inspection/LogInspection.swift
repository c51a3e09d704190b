import GradscopeNumerics

/// The step-level story of a run logged without a probe (a Trainer's `trainer_state.json`, TensorBoard):
/// the first step whose loss or gradient norm is non-finite, the gradient-norm spikes, a clipping
/// threshold and the loss-scale trajectory where one is logged.
public struct LogInspection: Sendable {
    /// The first logged step whose loss or gradient norm is NaN or ±Inf.
    public var firstNonFinite: Anomaly?
    /// Steps whose gradient norm exceeds 10× the median of the finite norms before it: the top of the
    /// 0.5–10× band Pascanu et al. report clipping thresholds to work in.
    public var spikes: [Int]
    public var remedies: [TraceRemedy]
    /// The logged loss scales' smallest and largest, and how often the scale fell (each fall is a skipped step).
    public var scaleRange: ClosedRange<Double>?
    public var scaleDecreases: Int

    public init(_ log: TrainingLogFile) {
        let entries = log.entries
        let bad = entries.first { e in [e.loss, e.gradientNorm].contains { $0.map { !$0.isFinite } ?? false } }
        firstNonFinite = bad.map { e in
            let lossBad = e.loss.map { !$0.isFinite } ?? false
            let value = lossBad ? e.loss! : e.gradientNorm!
            let what = lossBad ? "the loss" : "the gradient norm"
            let kind: Anomaly.Kind = value.isNaN ? .nan : .infinity
            let earlier = entries.last { $0.step < e.step }
            var cause = "\(what) logged at step \(e.step) is \(TerminalNumber.brief(value))"
            if let g = earlier?.gradientNorm { cause += "; the gradient norm logged before it (step \(earlier!.step)) was \(TerminalNumber.brief(g))" }
            cause += ". A log holds no operand statistics: record the run with gradscope_probe to name the module and operation"
            return Anomaly(kind: kind, step: e.step, pass: lossBad ? .loss : .backward, layer: nil, operation: what,
                           operationKind: .other, operands: [], result: value, sample: nil, input: nil, cause: cause, causeKind: .unknown)
        }
        var spikes: [Int] = []
        var finite: [Double] = []
        for e in entries {
            guard let g = e.gradientNorm, g.isFinite else { continue }
            if let median = TraceRemedies.clipThreshold(finite), median > 0, g > 10 * median { spikes.append(e.step) }
            finite.append(g)
        }
        self.spikes = spikes
        let before = entries.filter { e in bad.map { e.step < $0.step } ?? true }.compactMap(\.gradientNorm).filter(\.isFinite)
        remedies = []
        if let threshold = TraceRemedies.clipThreshold(before) {
            let mean = before.reduce(0, +) / Double(before.count)
            remedies.append(.init(kind: "clip-norm",
                                  text: "torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=\(TerminalNumber.brief(threshold))) (Trainer: max_grad_norm=\(TerminalNumber.brief(threshold)))",
                                  value: threshold,
                                  basis: "the median (50th percentile) of \(before.count) finite logged gradient norms\(bad.map { " before step \($0.step)" } ?? ""); their mean is \(TerminalNumber.brief(mean)), and Pascanu et al. report that 0.5–10× the average norm works"))
        }
        let scales = entries.compactMap(\.scale).filter(\.isFinite)
        scaleRange = scales.isEmpty ? nil : scales.min()!...scales.max()!
        scaleDecreases = zip(scales, scales.dropFirst()).filter { $1 < $0 }.count
    }
}
