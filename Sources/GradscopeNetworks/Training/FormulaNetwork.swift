import GradscopeNumerics
/// A formula with named parameters trained as a network, one group per parameter:
/// `y = f(x; w, b, …)`, gradients by the formula's exact reverse mode.
///
/// ```swift
/// let net = try FormulaNetwork(formula: Formula(parsing: "tanh(w*tanh(w*x + b))"), initialValues: ["w": 8, "b": 0])
/// ```
///
/// Forward anomalies are located at the first sub-expression (children first) whose value
/// is not finite while its operands are; backward anomalies at the parameter whose
/// derivative ∂y/∂p left the format, and at the products and sums of the loss gradient.
public struct FormulaNetwork: TrainableNetwork, Hashable {
    public var formula: Formula
    /// The starting value of every parameter of the formula.
    public var initialValues: [String: Double]

    /// - Throws: ``FormulaError`` naming a parameter without a starting value.
    public init(formula: Formula, initialValues: [String: Double]) throws(FormulaError) {
        for name in formula.parameters where initialValues[name] == nil { throw .missingParameter(name) }
        self.formula = formula
        self.initialValues = initialValues.filter { formula.parameters.contains($0.key) }
    }

    public var groupNames: [String] { formula.parameters }

    public var summary: String { "formula \(formula)" }

    public func parameterName(group: Int, index: Int) -> String { formula.parameters[group] }

    public func initialParameters<G: RandomNumberGenerator>(using generator: inout G) -> ParameterGroups<Double> {
        ParameterGroups(names: groupNames, values: formula.parameters.map { [initialValues[$0]!] })
    }

    /// Only ``Initializer/scaled(by:)`` fits named scalars: every parameter is multiplied.
    public func reinitialized<G: RandomNumberGenerator>(_ parameters: ParameterGroups<Double>, with initializer: Initializer,
                                                       using generator: inout G) -> ParameterGroups<Double>? {
        guard case .scaled(let factor) = initializer else { return nil }
        return parameters.map { factor * $0 }
    }

    public func replacingActivation(with activation: Activation) -> (any TrainableNetwork)? { nil }

    public func lossAndGradients<T: GradFloat>(_ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                               probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>) {
        let names = formula.parameters
        var values: [String: T] = [:]
        for (g, name) in names.enumerated() { values[name] = parameters.values[g][0] }
        let xs = data.xs.map { T($0) }
        let evaluation: FormulaEvaluation<T>
        do { evaluation = try formula.evaluate(at: xs, parameters: values) } catch { preconditionFailure("\(error)") }
        for i in xs.indices where !evaluation.y[i].isFinite {
            probe.check(evaluation.y[i], forwardSite(at: xs[i], values, sample: i))
        }
        let (loss, seeds) = MeanSquaredError.lossAndSeeds(outputs: evaluation.y, targets: data.targets, lossScale: lossScale, probe: &probe)
        var gradients = ParameterGroups(repeating: T(0), like: parameters)
        for (g, name) in names.enumerated() {
            let dydp = evaluation.parameterGradients[name] ?? [T](repeating: 0, count: xs.count)
            var sum: T = 0
            for i in xs.indices {
                probe.check(dydp[i], OperationSite(
                    .backward, layer: nil, "∂y/∂\(name) (reverse sweep)", kind: .other,
                    operands: [Operand("y", Double(evaluation.y[i]))] + names.map { Operand($0, Double(values[$0]!), parameter: $0) },
                    sample: i, exactValue: "the chain-rule product of the formula's local derivatives for ∂y/∂\(name)"))
                let term = seeds[i] * dydp[i]
                probe.checkProduct(term, seeds[i], dydp[i], OperationSite(.backward, layer: nil, "∂L/∂\(name) = ∂L/∂y·∂y/∂\(name)", kind: .multiply,
                                                                         operands: [Operand("∂L/∂y", Double(seeds[i])), Operand("∂y/∂\(name)", Double(dydp[i]))], sample: i))
                let old = sum
                sum += term
                probe.check(sum, OperationSite(.backward, layer: nil, "Σ_x ∂L/∂\(name)", kind: .add,
                                               operands: [Operand("sum so far", Double(old)), Operand("this x", Double(term))], sample: i))
            }
            gradients.values[g] = [sum]
        }
        return (loss, gradients)
    }

    /// The first sub-expression (children before parents) whose value at x is not finite
    /// while its operands are, with the operands' values.
    private func forwardSite<T: GradFloat>(at x: T, _ values: [String: T], sample: Int) -> OperationSite {
        func value(_ e: Formula.Expression) -> T {
            let f = Formula(e)
            let used = values.filter { f.parameters.contains($0.key) }
            return (try? f.evaluate(at: [x], parameters: used).y[0]) ?? .nan
        }
        func children(_ e: Formula.Expression) -> [Formula.Expression] {
            switch e {
            case .negate(let a): [a]
            case .binary(_, let a, let b): [a, b]
            case .call(_, let list): list
            default: []
            }
        }
        func search(_ e: Formula.Expression) -> OperationSite? {
            for child in children(e) { if let found = search(child) { return found } }
            guard !value(e).isFinite else { return nil }
            let parts = children(e)
            let operands = parts.map { part -> Operand in
                if case .parameter(let name) = part { return Operand(name, Double(value(part)), parameter: name) }
                return Operand(part.description, Double(value(part)))
            }
            let kind: OperationKind = switch e {
            case .binary(.multiply, _, _): .multiply
            case .binary(.add, _, _): .add
            case .binary(.subtract, _, _): .subtract
            case .binary(.divide, _, _): .divide
            case .call: .activation
            default: .other
            }
            // The same operation on the operands' values, in Double.
            let placeholders = operands.indices.map { Formula.Expression.parameter("operand\($0)") }
            let rebuilt: Formula.Expression? = switch e {
            case .negate: .negate(placeholders[0])
            case .binary(let op, _, _): .binary(op, placeholders[0], placeholders[1])
            case .call(let function, _): .call(function, placeholders)
            default: nil
            }
            let exact = rebuilt.flatMap { r in
                try? Formula(r).evaluate(at: [0.0], parameters: Dictionary(uniqueKeysWithValues: operands.enumerated().map { ("operand\($0)", $1.value) })).y[0]
            }
            return OperationSite(.forward, layer: nil, e.description, kind: kind, operands: operands, sample: sample, exactResult: exact)
        }
        return search(formula.expression) ?? OperationSite(.forward, layer: nil, formula.description, kind: .other, operands: [], sample: sample)
    }
}
