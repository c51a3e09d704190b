import GradscopeNumerics
/// Full-batch gradient descent on a ``TrainableNetwork``, every operation rounded to the
/// run's precision and watched by an ``OperationProbe``:
///
///     g = ∂L/∂θ            (with AMP: the loss in Float32 as autocast does, backward from the seed
///                           S·∂L/∂y rounded to the run's precision, then g ← g·(1/S) in Float32)
///     g ← clip(g)          (optional, by global norm or by value)
///     θ ← θ − η·g          (two roundings: s = η·g, θ − s)
///
/// The steps are the ``TrainingLoop``'s (clipping with ``UpdateRule``, AMP's skip with ``GradScaler``, the NaN-loss
/// stop); this type supplies the network's passes and probed update (``FeedforwardProblem``) and reads the run.
/// Each step is reported to the observer; the core writes nothing itself.
///
/// ```swift
/// let trainer = Trainer(network: net, data: data, configuration: .init(steps: 100, learningRate: 0.01))
/// var probe = OperationProbe(precision: .float32)
/// let run = trainer.run(in: Float.self, from: net.initialParameters(using: &rng), probe: &probe) { step in
///     print(step.step, step.loss); return .proceed
/// }
/// ```
public struct Trainer: Sendable {
    public var network: any TrainableNetwork
    public var data: RegressionData
    public var configuration: TrainingConfiguration

    public init(network: any TrainableNetwork, data: RegressionData, configuration: TrainingConfiguration) {
        self.network = network
        self.data = data
        self.configuration = configuration
    }

    /// Trains in precision `T`; with a ``TrainingConfiguration/gradScaler`` the master
    /// weights and the update are Float32 and only the forward and backward passes are in `T`.
    public func run<T: GradFloat>(in type: T.Type, from initial: ParameterGroups<Double>, probe: inout OperationProbe,
                                  observer: (TrainingStep) -> TrainingControl = { _ in .proceed }) -> TrainingRun {
        if configuration.gradScaler != nil {
            return run(compute: T.self, master: Float.self, from: initial, probe: &probe, observer: observer)
        }
        return run(compute: T.self, master: T.self, from: initial, probe: &probe, observer: observer)
    }

    private func run<C: GradFloat, M: GradFloat>(compute: C.Type, master: M.Type, from initial: ParameterGroups<Double>,
                                                 probe: inout OperationProbe, observer: (TrainingStep) -> TrainingControl) -> TrainingRun {
        let problem = FeedforwardProblem<C, M>(network: network, data: data, initial: initial, probe: probe)
        var loop = TrainingLoop(problem: problem, steps: configuration.steps,
                                rule: UpdateRule(learningRate: configuration.learningRate, clipping: configuration.clipping),
                                gradScaler: configuration.gradScaler, stopRule: configuration.stopsAtNaNLoss ? .nanLoss : .never)
        let run = loop.run(observer: observer)
        let trained = loop.problem
        probe = trained.probe
        return TrainingRun(run, initialParameters: trained.start, finalParameters: trained.parameters.converted(to: Double.self),
                           gradients: trained.gradients)
    }
}

/// Full-batch training of a ``TrainableNetwork`` as ``Trainer`` runs it: the passes in `C`, the master
/// weights and the update in `M`, every operation checked by the probe.
struct FeedforwardProblem<C: GradFloat, M: GradFloat>: TrainingProblem {
    let network: any TrainableNetwork
    let data: RegressionData
    var probe: OperationProbe
    var parameters: ParameterGroups<M>
    /// The starting parameters as rounded to `M`.
    private(set) var start: ParameterGroups<Double>
    var gradients = TrainingRun.KeptGradients()

    /// Checks the data's and the parameters' conversions to the run's precisions (step 0).
    init(network: any TrainableNetwork, data: RegressionData, initial: ParameterGroups<Double>, probe: OperationProbe) {
        self.network = network
        self.data = data
        self.probe = probe
        self.probe.step = 0
        self.probe.inputs = data.xs
        for (i, (x, t)) in zip(data.xs, data.targets).enumerated() {
            self.probe.check(C(x), OperationSite(.conversion, layer: nil, "x in \(C.precision.displayName)", kind: .conversion, operands: [Operand("x", x)], sample: i))
            self.probe.check(C(t), OperationSite(.conversion, layer: nil, "t in \(C.precision.displayName)", kind: .conversion, operands: [Operand("t", t)], sample: i))
        }
        parameters = ParameterGroups(names: [], values: [])
        start = ParameterGroups(names: [], values: [])
        parameters = convert(initial, to: M.self)
        start = parameters.converted(to: Double.self)
    }

    mutating func inputs(forStep step: Int) {
        probe.step = step
    }

    /// Under AMP the loss runs in Float32 with a Float32 S (autocast; see ``MeanSquaredError``), so the network gets S = 1.
    mutating func lossAndGradients(on inputs: Void, step: Int, lossScale: Double?) -> (loss: Double, gradients: ParameterGroups<M>) {
        let computeParameters = C.self == M.self ? parameters as! ParameterGroups<C> : convert(parameters.converted(to: Double.self), to: C.self)
        probe.autocastLossScale = lossScale.map { Float($0) }
        let (rounded, gradients) = network.lossAndGradients(computeParameters, data: data, lossScale: 1, probe: &probe)
        let loss = lossScale == nil ? Double(rounded) : Double(probe.autocastLoss ?? Float(rounded))
        return (loss, C.self == M.self ? gradients as! ParameterGroups<M> : gradients.converted(to: M.self))
    }

    /// `θ ← θ − η·g`, each product and difference checked, each new non-finite parameter noted.
    mutating func update(along direction: ParameterGroups<M>, scale rate: M) {
        let network = network
        for g in parameters.values.indices {
            for i in parameters.values[g].indices {
                let old = parameters.values[g][i], gradient = direction.values[g][i]
                let step = rate * gradient
                // Named only when something is recorded: building the name is most of a healthy update's cost.
                let name = { network.parameterName(group: g, index: i) }
                probe.check(step, OperationSite(.update, layer: g + 1, "η·∂L/∂\(name())", kind: .multiply,
                                                operands: [Operand("η", Double(rate)), Operand("∂L/∂\(name())", Double(gradient))]))
                let new = old - step
                probe.check(new, OperationSite(.update, layer: g + 1, "\(name()) − η·∂L/∂\(name())", kind: .subtract,
                                               operands: [Operand(name(), Double(old), parameter: name()), Operand("η·∂L/∂\(name())", Double(step))]))
                if !new.isFinite { probe.noteParameter(name(), Double(new)) }
                parameters.values[g][i] = new
            }
        }
    }

    var parametersAreFinite: Bool { parameters.isFinite }

    mutating func record(of outcome: StepOutcome<M>, inputs: Void) -> TrainingStep {
        gradients.note(outcome.gradients, step: outcome.step)
        return TrainingStep(outcome, parameters: parameters)
    }

    /// Rounds parameters to `U`, checking each conversion.
    private mutating func convert<U: GradFloat>(_ parameters: ParameterGroups<Double>, to type: U.Type) -> ParameterGroups<U> {
        var result = parameters.converted(to: U.self)
        for g in result.values.indices {
            for i in result.values[g].indices {
                let value = result.values[g][i]
                if !value.isFinite, parameters.values[g][i].isFinite {
                    let name = network.parameterName(group: g, index: i)
                    probe.check(value, OperationSite(.conversion, layer: g + 1, "\(name) in \(U.precision.displayName)", kind: .conversion,
                                                     operands: [Operand(name, parameters.values[g][i], parameter: name)]))
                    probe.noteParameter(name, Double(value))
                }
                result.values[g][i] = value
            }
        }
        return result
    }
}
