/// A formula in x and named parameters, parsed from plain math or LaTeX.
///
/// ```swift
/// let f = try Formula(parsing: #"$y = \text{tanh}(w \times x)$"#)
/// f.parameters                              // ["w"]
/// let r = try f.evaluate(at: [0.0, 0.1], parameters: ["w": 8])
/// r.y, r.dydx, r.parameterGradients["w"]
/// ```
///
/// The grammar (EBNF), loosest binding first; LaTeX is first read as these tokens
/// (see ``LaTeX``), and `$`, `\,`, `\;` are ignored:
///
///     formula  = [ name "=" ] sum ;            (* "y =", "y_L =" are skipped; not "x =" *)
///     sum      = product { ( "+" | "-" ) product } ;
///     product  = unary { ( "*" | "/" ) unary } ;
///     unary    = ( "-" | "+" ) unary | implicit ;
///     implicit = number power | power ;   (* 2x, 2(x+1), 2x^2 = 2·x²; the power starts with a name, bracket or \frac *)
///     power    = atom [ "^" unary ] ;                  (* right-assoc.; -x^2 = -(x^2), 2^3^2 = 512 *)
///     atom     = number | name | call | group | fraction ;
///     call     = name "(" sum { "," sum } ")" | name "{" sum "}" ;   (* \sqrt{x} *)
///     group    = "(" sum ")" | "{" sum "}" | "[" sum "]" ;
///     fraction = "\frac" "{" sum "}" "{" sum "}" ;
///
/// Implicit multiplication happens only after a number literal, never between two
/// names: `wx` is one name. `e` and `pi` are constants, `x` the input, every other
/// name not followed by a bracket a parameter. A name followed by `(` is a call.
/// An exponent is a unary term: `x^-1` is x⁻¹ and `e^2x` is e^(2x).
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
