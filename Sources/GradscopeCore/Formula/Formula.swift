/// A formula in x and named parameters, parsed from plain math or LaTeX.
///
/// ```swift
/// let f = try Formula(parsing: #"$y = \text{tanh}(w \times x)$"#)
/// f.parameters                              // ["w"]
/// let r = try f.evaluate(at: [0.0, 0.1], parameters: ["w": 8])
/// r.y, r.dydx, r.parameterGradients["w"]
/// ```
///
/// The grammar is documented on ``Parser``: `^` binds tighter than unary minus and
/// is right-associative, implicit multiplication only follows a number (`2x`),
/// `e` and `pi` are constants, `x` is the input, every other name a parameter.
/// `description` is the canonical plain-math form, which parses back to the same tree.
public struct Formula: Hashable, Sendable, CustomStringConvertible {
    /// The syntax tree.
    public let expression: Expression
    /// The text the formula was parsed from (its canonical form if built from a tree).
    public let source: String
    /// The names of the parameters used, sorted, without `x`, `e` and `pi`.
    public let parameters: [String]
    /// The tree flattened into evaluation steps.
    let program: Program

    /// Parses plain math (`tanh(5*tanh(40*x-5))`) or LaTeX (`\text{tanh}(w \times x)`).
    ///
    /// - Throws: ``FormulaError`` with the column of the problem and how to fix it.
    public init(parsing source: String) throws(FormulaError) {
        self.init(try Parser.parse(source), source: source)
    }

    /// A formula from a syntax tree.
    public init(_ expression: Expression) {
        self.init(expression, source: expression.description)
    }

    private init(_ expression: Expression, source: String) {
        self.expression = expression
        self.source = source
        self.parameters = expression.parameterNames.sorted()
        self.program = Program(expression)
    }

    /// The canonical plain-math form, e.g. `tanh(5*tanh(40*x - 5))`.
    public var description: String { expression.description }

    public static func == (a: Formula, b: Formula) -> Bool { a.expression == b.expression }
    public func hash(into hasher: inout Hasher) { hasher.combine(expression) }
}
