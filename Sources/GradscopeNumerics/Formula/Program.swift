/// A formula's tree flattened into steps, children before parents, evaluated a
/// whole array of x at a time.
///
/// Each step computes its value and its local partials ∂step/∂argument over the
/// array. The forward sweep accumulates dy/dx (dual numbers, vectorised):
///
///     ẏ_s = Σ_k ∂s/∂a_k · ẏ_{a_k}
///
/// and the reverse sweep back-propagates array adjoints to the parameters:
///
///     ā_k += ∂s/∂a_k · s̄,    p̄ += s̄ at every occurrence of p
///
/// Only arguments that depend on x (forward) or on a parameter (reverse) take
/// part, so a NaN partial of a constant subtree (`(-2)^b` in b) never leaks in.
struct Program: Sendable {
    enum Operation: Sendable {
        case constant(Double)
        case x
        case parameter(String)
        case negate
        case binary(Formula.BinaryOperator)
        case call(FormulaFunction)
    }

    struct Step: Sendable {
        var operation: Operation
        var arguments: [Int]
        var dependsOnX: Bool
        var dependsOnParameters: Bool
    }

    private(set) var steps: [Step] = []

    init(_ expression: Formula.Expression) {
        append(expression)
    }

    @discardableResult
    private mutating func append(_ expression: Formula.Expression) -> Int {
        let operation: Operation
        var arguments: [Int] = []
        switch expression {
        case .number(let value): operation = .constant(value)
        case .pi: operation = .constant(Double.pi)
        case .e: operation = .constant(2.718281828459045)
        case .x: operation = .x
        case .parameter(let name): operation = .parameter(name)
        case .negate(let a):
            operation = .negate
            arguments = [append(a)]
        case .binary(let op, let a, let b):
            operation = .binary(op)
            arguments = [append(a), append(b)]
        case .call(let function, let list):
            operation = .call(function)
            arguments = list.map { append($0) }
        }
        var dependsOnX = false
        var dependsOnParameters = false
        switch operation {
        case .x: dependsOnX = true
        case .parameter: dependsOnParameters = true
        default:
            dependsOnX = arguments.contains { steps[$0].dependsOnX }
            dependsOnParameters = arguments.contains { steps[$0].dependsOnParameters }
        }
        steps.append(Step(operation: operation, arguments: arguments, dependsOnX: dependsOnX, dependsOnParameters: dependsOnParameters))
        return steps.count - 1
    }

    /// Values, dy/dx and parameter gradients at every x. All parameter values must be present.
    func run<T: GradFloat>(at xs: [T], parameters: [String: T]) -> FormulaEvaluation<T> {
        let n = xs.count
        let ones = [T](repeating: 1, count: n)
        var values: [[T]] = []
        var partials: [[[T]]] = []
        var tangents: [[T]?] = []
        values.reserveCapacity(steps.count)
        partials.reserveCapacity(steps.count)
        tangents.reserveCapacity(steps.count)

        for step in steps {
            let (value, local) = evaluate(step, values: values, xs: xs, parameters: parameters)
            var tangent: [T]? = nil
            if case .x = step.operation {
                tangent = ones
            } else if step.dependsOnX {
                for (k, argument) in step.arguments.enumerated() where steps[argument].dependsOnX {
                    tangent = Program.accumulate(tangent, local[k], times: tangents[argument]!)
                }
            }
            values.append(value)
            partials.append(local)
            tangents.append(tangent)
        }

        var gradients: [String: [T]] = [:]
        var adjoints = [[T]?](repeating: nil, count: steps.count)
        adjoints[steps.count - 1] = ones
        for s in steps.indices.reversed() where steps[s].dependsOnParameters {
            guard let adjoint = adjoints[s] else { continue }
            adjoints[s] = nil
            let step = steps[s]
            if case .parameter(let name) = step.operation {
                gradients[name] = Program.accumulate(gradients[name], ones, times: adjoint)
                continue
            }
            for (k, argument) in step.arguments.enumerated() where steps[argument].dependsOnParameters {
                adjoints[argument] = Program.accumulate(adjoints[argument], partials[s][k], times: adjoint)
            }
        }
        let last = steps.count - 1
        return FormulaEvaluation(
            y: values[last], dydx: tangents[last] ?? [T](repeating: 0, count: n), parameterGradients: gradients)
    }

    /// `sum + a·b` elementwise, or `a·b` when there is no sum yet.
    private static func accumulate<T: GradFloat>(_ sum: [T]?, _ a: [T], times b: [T]) -> [T] {
        guard var sum else { return zip(a, b).map { $0 * $1 } }
        for i in sum.indices { sum[i] += a[i] * b[i] }
        return sum
    }

    /// One step's values and its partials with respect to each argument.
    private func evaluate<T: GradFloat>(
        _ step: Step, values: [[T]], xs: [T], parameters: [String: T]
    ) -> (value: [T], partials: [[T]]) {
        let n = xs.count
        switch step.operation {
        case .constant(let c): return ([T](repeating: T(c), count: n), [])
        case .x: return (xs, [])
        case .parameter(let name):
            guard let value = parameters[name] else { preconditionFailure("no value for parameter '\(name)'") }
            return ([T](repeating: value, count: n), [])
        case .negate:
            return (values[step.arguments[0]].map { -$0 }, [[T](repeating: -1, count: n)])
        case .binary(let op):
            let a = values[step.arguments[0]], b = values[step.arguments[1]]
            switch op {
            case .add: return (zip(a, b).map { $0 + $1 }, [[T](repeating: 1, count: n), [T](repeating: 1, count: n)])
            case .subtract: return (zip(a, b).map { $0 - $1 }, [[T](repeating: 1, count: n), [T](repeating: -1, count: n)])
            case .multiply: return (zip(a, b).map { $0 * $1 }, [b, a])
            case .divide:
                // z = a/b, ∂a = 1/b, ∂b = −z/b.
                return Program.map(a, b) { a, b in
                    let z = a / b
                    return (z, 1 / b, -z / b)
                }
            case .power:
                return Program.map(a, b) { FormulaFunction.power($0, $1) }
            }
        case .call(let function):
            let a = values[step.arguments[0]]
            if step.arguments.count == 2 {
                return Program.map(a, values[step.arguments[1]]) { function.valueAndPartials(at: $0, $1) }
            }
            var value = [T](), derivative = [T]()
            value.reserveCapacity(n)
            derivative.reserveCapacity(n)
            for ai in a {
                let (v, d) = function.valueAndDerivative(at: ai)
                value.append(v)
                derivative.append(d)
            }
            return (value, [derivative])
        }
    }

    /// An elementwise function of two arrays with its two partials.
    private static func map<T: GradFloat>(
        _ a: [T], _ b: [T], _ f: (T, T) -> (value: T, da: T, db: T)
    ) -> (value: [T], partials: [[T]]) {
        var value = [T](), da = [T](), db = [T]()
        value.reserveCapacity(a.count)
        da.reserveCapacity(a.count)
        db.reserveCapacity(a.count)
        for i in a.indices {
            let r = f(a[i], b[i])
            value.append(r.value)
            da.append(r.da)
            db.append(r.db)
        }
        return (value, [da, db])
    }
}
