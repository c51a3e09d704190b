/// The LaTeX of an expression, as a paper would write it, which parses back to the same tree:
///
///     \tanh\left(5 \cdot \tanh\left(40 \cdot x - 5\right)\right)    \frac{w}{2}    x^{-1}
///
/// Quotients are `\frac{a}{b}`, products `\cdot`, powers `a^{b}`; `tanh`, `exp`, `log`, `sqrt`,
/// `sin`, `cos`, `min`, `max` are commands, `sigmoid` is `\sigma`, every other function
/// `\operatorname{name}`. Parentheses are `\left( \right)` and appear only where the grammar needs them.
extension Formula.Expression {
    public var latex: String { latexText }

    /// Binding strength in LaTeX: sum 1, product 2, unary minus 3, power 4, atom 5 (`\frac` is an atom).
    private var latexPrecedence: Int {
        switch self {
        case .binary(.add, _, _), .binary(.subtract, _, _): 1
        case .binary(.multiply, _, _): 2
        case .negate: 3
        case .binary(.power, _, _): 4
        case .binary(.divide, _, _), .number, .pi, .e, .x, .parameter, .call: 5
        }
    }

    private func latexWrapped(_ needsParentheses: Bool) -> String {
        needsParentheses ? "\\left(\(latexText)\\right)" : latexText
    }

    private var latexText: String {
        switch self {
        case .number(let value): Formula.Expression.format(value)
        case .pi: "\\pi"
        case .e: "e"
        case .x: "x"
        case .parameter(let name): name
        case .negate(let a): "-" + a.latexWrapped(a.latexPrecedence < 3)
        case .binary(.power, let a, let b): a.latexWrapped(a.latexPrecedence <= 4) + "^{" + b.latexText + "}"
        case .binary(.divide, let a, let b): "\\frac{" + a.latexText + "}{" + b.latexText + "}"
        case .binary(.multiply, let a, let b):
            a.latexWrapped(a.latexPrecedence < 2) + " \\cdot " + b.latexWrapped(b.latexPrecedence <= 2)
        case .binary(let op, let a, let b):
            a.latexWrapped(a.latexPrecedence < 1) + " \(op.rawValue) " + b.latexWrapped(b.latexPrecedence <= 1)
        case .call(let function, let arguments):
            Formula.Expression.latexName(function) + "\\left(" + arguments.map(\.latexText).joined(separator: ", ") + "\\right)"
        }
    }

    private static func latexName(_ function: FormulaFunction) -> String {
        switch function {
        case .tanh, .exp, .log, .sqrt, .sin, .cos, .min, .max: "\\" + function.rawValue
        case .sigmoid: "\\sigma"
        default: "\\operatorname{\(function.rawValue)}"
        }
    }
}
