extension Formula {
    /// The syntax tree of a formula.
    ///
    /// `2x` and `2*x` give the same tree; so do `sig(x)`, `sigmoid(x)` and `\sigma(x)`.
    public indirect enum Expression: Hashable, Sendable {
        /// A number literal (non-negative; `-2` is `.negate(.number(2))`).
        case number(Double)
        /// The constant π (`pi`, `\pi`).
        case pi
        /// Euler's number e (`e`).
        case e
        /// The input variable `x`.
        case x
        /// A named parameter such as `w`, `b` or `sigma_w`.
        case parameter(String)
        /// `−a`.
        case negate(Expression)
        /// `a + b`, `a − b`, `a·b`, `a/b`, `a^b`.
        case binary(BinaryOperator, Expression, Expression)
        /// `f(a)` or `f(a, b)`.
        case call(FormulaFunction, [Expression])
    }

    /// The infix operators, loosest first.
    public enum BinaryOperator: String, Hashable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }
}

extension Formula.Expression {
    /// The parameter names used, each once.
    var parameterNames: Set<String> {
        switch self {
        case .parameter(let name): [name]
        case .number, .pi, .e, .x: []
        case .negate(let a): a.parameterNames
        case .binary(_, let a, let b): a.parameterNames.union(b.parameterNames)
        case .call(_, let arguments): arguments.reduce(into: []) { $0.formUnion($1.parameterNames) }
        }
    }
}
