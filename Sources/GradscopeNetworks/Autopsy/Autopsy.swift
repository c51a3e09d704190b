import GradscopeNumerics
/// A training run to examine: the network, its data, the precision and the plain settings.
public struct AutopsyCase: Sendable {
    public var network: any TrainableNetwork
    public var data: RegressionData
    public var precision: Precision
    /// Steps and learning rate of the baseline (its clipping and loss scaling are replaced by remedies').
    public var configuration: TrainingConfiguration
    /// Seeds the initial parameters and every re-initialisation.
    public var seed: UInt64
    /// Past the largest finite value of float8_e4m3fn or float8_e5m2 (``Remedy/scaling(_:)`` runs).
    public var overflow: OverflowRule = .nonfinite
    /// A step whose inputs are multiplied by a factor (``Remedy/scaling(_:)`` runs).
    public var spike: ScaledTrainingConfiguration.Spike?

    public init(network: any TrainableNetwork, data: RegressionData, precision: Precision, configuration: TrainingConfiguration, seed: UInt64 = 0) {
        self.network = network
        self.data = data
        self.precision = precision
        self.configuration = configuration
        self.seed = seed
    }
}

/// One replay: a remedy, its run (nil when the remedy does not fit) and its first anomalies.
public struct RemedyRun: Sendable {
    public var remedy: Remedy
    public var run: TrainingRun?
    /// Why the remedy was not run, when it was not.
    public var note: String?
    public var firstInfinity: Anomaly?
    public var firstNaN: Anomaly?
    public var firstUnderflow: Anomaly?
    /// Every parameter that became ±Inf or NaN, with the step (its update) and value, earliest first.
    public var parametersGoneNonFinite: [NonFiniteParameter] = []
    /// For a ``Remedy/scaling(_:)`` run: what the casts did and the scales.
    public var scaling: ScaledTrainingRun?
}

/// A parameter that became ±Inf or NaN at a step's update (step 0: when rounded to the precision).
public struct NonFiniteParameter: Hashable, Sendable, Codable {
    public var name: String
    public var step: Int
    public var value: Double
}

/// One line of what happened, in order.
public struct AutopsyEvent: Hashable, Sendable, Codable {
    public var step: Int
    public var text: String
}

/// The result of an autopsy: the baseline's first Inf and NaN and what followed, and every remedy replayed.
public struct AutopsyReport: Sendable {
    /// "tanh chain, 50 layers, Float32, 21 points, lr 0.01"
    public var summary: String
    public var precision: Precision
    /// The baseline first (``Remedy/none``), then each remedy in the order asked.
    public var runs: [RemedyRun]
    /// The baseline's story: first Inf, first NaN, parameters gone bad, the loss.
    public var events: [AutopsyEvent]

    public var baseline: RemedyRun { runs[0] }
}

/// Trains, traces and replays: finds the first operation that produced an Inf and the
/// first that produced a NaN (forward, loss, backward or update, with operands and cause),
/// tells what happened next until the loss became NaN, and replays the run with each remedy.
///
/// ```swift
/// let report = Autopsy.perform(AutopsyCase(network: ChainNetwork(chain: Chain(activation: .tanh, weight: 8, depth: 50)),
///                                          data: data, precision: .float32,
///                                          configuration: TrainingConfiguration(steps: 20, learningRate: 0.01)),
///                              remedies: [.clipNorm(1), .initializer(.orthogonal())])
/// report.baseline.firstInfinity?.summary
/// ```
public enum Autopsy {
    /// The runs are independent (each starts from the same parameters), so they train on all
    /// cores at once (``ParallelGrid``); each is computed exactly as it would be alone, so the
    /// report is bit-identical to one made run after run.
    ///
    /// - Parameter observer: told every step of every run, one call at a time and in run order (the
    ///   baseline's steps, then the first remedy's, …; see ``OrderedObserver``), with the run's remedy
    ///   (``Remedy/none`` for the baseline); `.stop` ends the runs still training and drops the later ones.
    public static func perform(_ autopsyCase: AutopsyCase, remedies: [Remedy],
                               observer: (Remedy, TrainingStep) -> TrainingControl = { _, _ in .proceed }) -> AutopsyReport {
        var rng = Xoshiro256StarStar(seed: autopsyCase.seed)
        let initial = autopsyCase.network.initialParameters(using: &rng)
        let order = [Remedy.none] + remedies.filter { $0 != .none }
        var runs = withoutActuallyEscaping(observer) { observer in
            let ordered = OrderedObserver(runs: order.count, observer: observer)
            let runs = ParallelGrid.map(order.count) { index in
                let run = replay(autopsyCase, remedy: order[index], initial: initial) { ordered.step(ofRun: index, $0, $1) }
                ordered.finish(run: index)
                return run
            }
            guard let stoppedRun = ordered.stoppedRun else { return runs }
            var kept = Array(runs[...stoppedRun])
            // A stop said to a step that had waited its turn came after the run trained on: recompute the
            // run to end at that step, as it would have run after run (the replay is deterministic).
            if let step = ordered.stoppedStep,
               kept[stoppedRun].run?.ending != .stopped || kept[stoppedRun].run?.steps.count != step {
                kept[stoppedRun] = replay(autopsyCase, remedy: order[stoppedRun], initial: initial) { _, observed in
                    observed.step >= step ? .stop : .proceed
                }
            }
            return kept
        }
        if runs.count > 1, let stopped = runs.firstIndex(where: { $0.run?.ending == .stopped }) { runs = Array(runs[...stopped]) }
        let c = autopsyCase
        let summary = "\(c.network.summary), \(c.precision.displayName), \(c.data.count) point\(c.data.count == 1 ? "" : "s"), "
            + "learning rate \(TerminalNumber.brief(c.configuration.learningRate)), \(c.configuration.steps) steps"
        return AutopsyReport(summary: summary, precision: c.precision, runs: runs, events: events(of: runs[0], network: c.network))
    }

    /// The run with one remedy applied.
    static func replay(_ c: AutopsyCase, remedy: Remedy, initial: ParameterGroups<Double>,
                       observer: (Remedy, TrainingStep) -> TrainingControl) -> RemedyRun {
        var network = c.network
        var parameters = initial
        var configuration = c.configuration
        switch remedy {
        case .none: break
        case .clipNorm(let m): configuration.clipping = .norm(max: m)
        case .clipValue(let v): configuration.clipping = .value(v)
        case .learningRate(let r): configuration.learningRate = r
        case .initializer(let initializer) where (network as? MLPNetwork)?.initializer == initializer:
            break  // The baseline's own initialiser: the baseline's parameters, so the run reproduces it exactly.
        case .initializer(let initializer):
            var rng = Xoshiro256StarStar(seed: c.seed &+ 1)
            guard let redrawn = network.reinitialized(initial, with: initializer, using: &rng) else {
                return RemedyRun(remedy: remedy, note: "\(initializer.name) does not fit this network's parameters")
            }
            parameters = redrawn
        case .activation(let activation):
            guard let changed = network.replacingActivation(with: activation) else {
                return RemedyRun(remedy: remedy, note: "a formula's functions are part of the formula")
            }
            network = changed
        case .scaling(let recipe):
            return replay(c, recipe: recipe, initial: initial) { observe in observer(remedy, observe) }
        case .lossScaling:
            guard c.precision == .float16 || c.precision == .bfloat16 else {
                return RemedyRun(remedy: remedy, note: "loss scaling is for Float16 and BFloat16 runs")
            }
            configuration.gradScaler = GradScaler()
        }
        let trainer = Trainer(network: network, data: c.data, configuration: configuration)
        let probe = OperationProbe(precision: c.precision)
        let result = withoutActuallyEscaping(observer) { observe in
            c.precision.visit(RunInPrecision(trainer: trainer, initial: parameters, probe: probe) { observe(remedy, $0) })
        }
        var gone: [NonFiniteParameter] = []
        for (g, group) in parameters.values.enumerated() {
            for i in group.indices {
                let name = network.parameterName(group: g, index: i)
                if let event = result.probe.parametersGoneNonFinite[name] { gone.append(NonFiniteParameter(name: name, step: event.step, value: event.value)) }
            }
        }
        return RemedyRun(remedy: remedy, run: result.run, firstInfinity: result.probe.firstInfinity, firstNaN: result.probe.firstNaN,
                         firstUnderflow: result.probe.firstUnderflow, parametersGoneNonFinite: gone.sorted { $0.step < $1.step })
    }

    /// The baseline's story, step by step.
    static func events(of baseline: RemedyRun, network: any TrainableNetwork) -> [AutopsyEvent] {
        guard let run = baseline.run else { return [] }
        var events: [(step: Int, rank: Int, text: String)] = []
        let rank: [TrainingPass: Int] = [.conversion: 0, .forward: 1, .loss: 2, .backward: 3, .update: 4]
        if let a = baseline.firstUnderflow, (baseline.firstInfinity.map { a.step <= $0.step } ?? true) {
            events.append((a.step, rank[a.pass]!, a.summary))
        }
        for anomaly in [baseline.firstInfinity, baseline.firstNaN].compactMap({ $0 }) {
            events.append((anomaly.step, rank[anomaly.pass]!, anomaly.summary))
        }
        if let first = baseline.parametersGoneNonFinite.first {
            let same = baseline.parametersGoneNonFinite.filter { $0.step == first.step }
            let listed = same.prefix(4).map { "\($0.name) = \(TerminalNumber.brief($0.value))" }.joined(separator: ", ")
            let count = run.initialParameters.count
            events.append((first.step, 5, "Step \(first.step)'s update made \(same.count) of \(count) parameters non-finite: \(listed)\(same.count > 4 ? ", …" : "")."))
        }
        if let (step, gradients) = run.firstNonFiniteGradients, let report = run.steps.first(where: { $0.step == step }) {
            let names = network.groupNames
            let bad = gradients.values.indices.filter { !gradients.values[$0].allSatisfy(\.isFinite) }
            var text = "Step \(step)'s gradients were non-finite in \(bad.count) of \(names.count) groups (\(abbreviated(bad.map { names[$0] })))"
            let overflowedNorms = report.layerGradientNorms.indices.filter { !report.layerGradientNorms[$0].isFinite && !bad.contains($0) }
            if !overflowedNorms.isEmpty {
                text += "; the norms of \(overflowedNorms.count) more (\(abbreviated(overflowedNorms.map { names[$0] }))) overflowed \(network.groupNames.isEmpty ? "" : "when squared")"
            }
            text += "; the global gradient norm was \(TerminalNumber.brief(report.gradientNorm))\(report.skipped ? " and loss scaling skipped the step" : "")."
            events.append((step, 3, text))
        }
        if let step = run.steps.first(where: { !$0.loss.isFinite }) {
            events.append((step.step, 2, "The loss was first non-finite at step \(step.step): \(TerminalNumber.brief(step.loss))."))
        }
        if let step = run.steps.first(where: { $0.loss.isNaN }), step.step != run.steps.first(where: { !$0.loss.isFinite })?.step {
            events.append((step.step, 2, "The loss became NaN at step \(step.step)."))
        }
        let unchanged = run.unchangedGroups
        if !unchanged.isEmpty, run.steps.count > 1 {
            let names = unchanged.map { network.groupNames[$0] }
            events.append((run.steps.last!.step, 6, "\(unchanged.count) of \(network.groupNames.count) groups never changed in \(run.steps.count) steps (\(abbreviated(names))): their gradients were 0 or their updates rounded away."))
        }
        let skipped = run.steps.filter(\.skipped).count
        if skipped > 0 { events.append((run.steps.last!.step, 6, "Loss scaling skipped \(skipped) of \(run.steps.count) steps.")) }
        switch run.ending {
        case .nanLoss: events.append((run.steps.last!.step, 7, "Training stopped at step \(run.steps.last!.step): nothing recovers from a NaN loss."))
        case .stopped: events.append((run.steps.last!.step, 7, "Training was interrupted after step \(run.steps.last!.step)."))
        case .completed where run.stayedFinite: events.append((run.steps.last!.step, 7, "The run stayed finite for all \(run.steps.count) steps."))
        case .completed: break
        }
        return events.enumerated().sorted { ($0.element.step, $0.element.rank, $0.offset) < ($1.element.step, $1.element.rank, $1.offset) }
            .map { AutopsyEvent(step: $0.element.step, text: $0.element.text) }
    }

    /// "layer 1, layer 2, … layer 6" (at most four names and the last).
    static func abbreviated(_ names: [String]) -> String {
        names.count <= 5 ? names.joined(separator: ", ") : names.prefix(4).joined(separator: ", ") + ", …, " + names.last!
    }
}

/// Runs a trainer in the visited precision.
struct RunInPrecision: PrecisionVisitor {
    let trainer: Trainer
    let initial: ParameterGroups<Double>
    var probe: OperationProbe
    var observer: (TrainingStep) -> TrainingControl = { _ in .proceed }

    func visit<T: GradFloat>(_ type: T.Type) -> (run: TrainingRun, probe: OperationProbe) {
        var probe = probe
        let run = trainer.run(in: T.self, from: initial, probe: &probe, observer: observer)
        return (run, probe)
    }
}
