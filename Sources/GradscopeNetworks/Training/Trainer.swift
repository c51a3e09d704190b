import GradscopeNumerics
/// Full-batch gradient descent on a ``TrainableNetwork``, every operation rounded to the
/// run's precision and watched by an ``OperationProbe``:
///
///     g = ∂L/∂θ            (with AMP: the loss in Float32 as autocast does, backward from the seed
///                           S·∂L/∂y rounded to the run's precision, then g ← g·(1/S) in Float32)
///     g ← clip(g)          (optional, by global norm or by value)
///     θ ← θ − η·g          (two roundings: s = η·g, θ − s)
///
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
            return loop(compute: T.self, master: Float.self, from: initial, probe: &probe, observer: observer)
        }
        return loop(compute: T.self, master: T.self, from: initial, probe: &probe, observer: observer)
    }

    private func loop<C: GradFloat, M: GradFloat>(compute: C.Type, master: M.Type, from initial: ParameterGroups<Double>,
                                                  probe: inout OperationProbe, observer: (TrainingStep) -> TrainingControl) -> TrainingRun {
        probe.step = 0
        probe.inputs = data.xs
        for (i, (x, t)) in zip(data.xs, data.targets).enumerated() {
            probe.check(C(x), OperationSite(.conversion, layer: nil, "x in \(C.precision.displayName)", kind: .conversion, operands: [Operand("x", x)], sample: i))
            probe.check(C(t), OperationSite(.conversion, layer: nil, "t in \(C.precision.displayName)", kind: .conversion, operands: [Operand("t", t)], sample: i))
        }
        var parameters = convert(initial, to: M.self, probe: &probe)
        let start = parameters.converted(to: Double.self)
        var scaler = configuration.gradScaler
        var steps: [TrainingStep] = []
        var firstGradients: ParameterGroups<Double>?
        var lastGradients: ParameterGroups<Double>?
        var firstNonFiniteGradients: (step: Int, gradients: ParameterGroups<Double>)?
        var ending = TrainingRun.Ending.completed
        let rate = M(configuration.learningRate)

        for step in 1...configuration.steps {
            probe.step = step
            let computeParameters = C.self == M.self ? parameters as! ParameterGroups<C> : convert(parameters.converted(to: Double.self), to: C.self, probe: &probe)
            let scale = scaler?.scale
            // Under AMP the loss runs in Float32 with a Float32 S (autocast; see MeanSquaredError), so the network gets S = 1.
            probe.autocastLossScale = scale.map { Float($0) }
            let (rounded, rawGradients) = network.lossAndGradients(computeParameters, data: data, lossScale: 1, probe: &probe)
            let loss = scale == nil ? Double(rounded) : Double(probe.autocastLoss ?? Float(rounded))
            var gradients = C.self == M.self ? rawGradients as! ParameterGroups<M> : rawGradients.converted(to: M.self)
            var skipped = false
            if let scale {
                let inverse = M(Float(1 / scale))
                gradients = gradients.map { $0 * inverse }
                skipped = !gradients.isFinite
            }
            let layerNorms = gradients.groupNorms()
            let total = ParameterGroups<M>.norm(of: layerNorms, type: 2)
            if step == 1 { firstGradients = gradients.converted(to: Double.self) }
            lastGradients = gradients.converted(to: Double.self)
            if firstNonFiniteGradients == nil, !gradients.isFinite { firstNonFiniteGradients = (step, lastGradients!) }
            if !skipped {
                switch configuration.clipping {
                case .norm(let maxNorm, let type)?: _ = try? gradients.clipGradNorm(maxNorm: maxNorm, normType: type)
                case .value(let clipValue)?: gradients.clipGradValue(clipValue)
                case nil: break
                }
                update(&parameters, along: gradients, rate: rate, probe: &probe)
            }
            scaler?.update(foundNonFinite: skipped)
            let report = TrainingStep(
                step: step, loss: loss, gradientNorm: Double(total), layerGradientNorms: layerNorms.map { Double($0) },
                parameterNorm: Double(parameters.norm()), layerParameterNorms: parameters.groupNorms().map { Double($0) },
                parametersFinite: parameters.isFinite, lossScale: scale, skipped: skipped)
            steps.append(report)
            if observer(report) == .stop { ending = .stopped; break }
            if loss.isNaN, configuration.stopsAtNaNLoss { ending = .nanLoss; break }
        }
        return TrainingRun(steps: steps, ending: ending, initialParameters: start, finalParameters: parameters.converted(to: Double.self),
                           firstGradients: firstGradients, lastGradients: lastGradients, firstNonFiniteGradients: firstNonFiniteGradients)
    }

    /// `θ ← θ − η·g`, each product and difference checked, each new non-finite parameter noted.
    private func update<M: GradFloat>(_ parameters: inout ParameterGroups<M>, along gradients: ParameterGroups<M>, rate: M,
                                      probe: inout OperationProbe) {
        for g in parameters.values.indices {
            for i in parameters.values[g].indices {
                let old = parameters.values[g][i], gradient = gradients.values[g][i]
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

    /// Rounds parameters to `U`, checking each conversion.
    private func convert<U: GradFloat>(_ parameters: ParameterGroups<Double>, to type: U.Type, probe: inout OperationProbe) -> ParameterGroups<U> {
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
