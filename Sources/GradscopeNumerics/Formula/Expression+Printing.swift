/// The canonical plain-math text of an expression, with only the parentheses the
/// grammar needs, so that it parses back to the same tree:
///
///     tanh(5*tanh(40*x - 5) - 5*tanh(40*x + 0) + 5*tanh(40*x + 5))
extension Formula.Expression: CustomStringConvertible {
    public var description: String { text }

    /// Binding strength: sum 1, product 2, unary minus 3, power 4, atom 5.
    private var precedence: Int {
        switch self {
        case .binary(.add, _, _), .binary(.subtract, _, _): 1
        case .binary(.multiply, _, _), .binary(.divide, _, _): 2
        case .negate: 3
        case .binary(.power, _, _): 4
        case .number, .pi, .e, .x, .parameter, .call: 5
        }
    }

    private func wrapped(_ needsParentheses: Bool) -> String {
        needsParentheses ? "(\(text))" : text
    }

    private var text: String {
        switch self {
        case .number(let value): Formula.Expression.format(value)
        case .pi: "pi"
        case .e: "e"
        case .x: "x"
        case .parameter(let name): name
        case .negate(let a): "-" + a.wrapped(a.precedence < 3)
        case .binary(.power, let a, let b):
            // Right-associative, exponent is a unary term: a^b^c, x^-1, (a^b)^c, (-x)^2.
            a.wrapped(a.precedence <= 4) + "^" + b.wrapped(b.precedence < 3)
        case .binary(let op, let a, let b):
            // Left-associative: a - (b - c) keeps its parentheses.
            a.wrapped(a.precedence < precedence) + (precedence == 1 ? " \(op.rawValue) " : op.rawValue)
                + b.wrapped(b.precedence <= precedence)
        case .call(let function, let arguments):
            function.rawValue + "(" + arguments.map(\.text).joined(separator: ", ") + ")"
        }
    }

    /// A number literal that reads back to the same Double: `40`, `0.5`, `1e-05`, `1e999` for ∞.
    static func format(_ value: Double) -> String {
        if value.isInfinite { return "1e999" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
