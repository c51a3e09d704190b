import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct FormulaParserTests {
    typealias E = Formula.Expression

    static func tree(_ text: String) throws -> E {
        try Formula(parsing: text).expression
    }

    static let roundTrips = [
        "tanh(5*tanh(40*x-5) - 5*tanh(40*x+0) + 5*tanh(40*x+5))",
        "relu(w*relu(w*x))", "sig(w*x - w/2)", "2x", "x^2", "-x", "-x^2", "2^3^2", "(2^3)^2", "(-x)^2",
        "2x^2", "2(x+1)", "x^-1", "a - (b - c)", "a/(b*c)", "a - b - c", "-(a + b)", "-(a*b)", "--x",
        "x*-w", "x + -w", "leaky_relu(x)", "leaky_relu(w*x, 0.2)", "elu(x, alpha)", "silu(x) + swish(x)",
        "gelu(x)*softplus(x)", "exp(-x^2/2)/sqrt(2*pi)", "log(abs(x) + e)", "min(x, w) + max(x, b)",
        "pow(x, 3) + cos(x) + sin(x) + linear(x)", "1e-3*x + .5 + 2.", "sigma_w*x + w_1", "x^(2*w)",
        "1e-05^2", "1e300*x", "e^2x",
    ]

    @Test("The canonical form re-parses to the same tree", arguments: roundTrips)
    func roundTrip(text: String) throws {
        let formula = try Formula(parsing: text)
        let again = try Formula(parsing: formula.description)
        #expect(again.expression == formula.expression, "\(text) → \(formula) → \(again)")
        #expect(again.description == formula.description)
    }

    @Test("The minefield prints in canonical plain math")
    func canonicalText() throws {
        let formula = try Formula(parsing: "tanh(5*tanh(40*x-5) - 5*tanh(40*x+0) + 5*tanh(40*x+5))")
        #expect(formula.description == "tanh(5*tanh(40*x - 5) - 5*tanh(40*x + 0) + 5*tanh(40*x + 5))")
        #expect(try Formula(parsing: "sig(w*x)").description == "sigmoid(w*x)")
    }

    @Test("Precedence: ^ above unary minus, right-associative; implicit product after numbers")
    func precedence() throws {
        #expect(try Self.tree("-x^2") == .negate(.binary(.power, .x, .number(2))))
        #expect(try Self.tree("2^3^2") == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
        #expect(try Formula(parsing: "2^3^2").evaluate(at: [0.0]).y == [512])
        #expect(try Formula(parsing: "-2^2").evaluate(at: [0.0]).y == [-4])
        #expect(try Self.tree("2x^2") == .binary(.multiply, .number(2), .binary(.power, .x, .number(2))))
        #expect(try Self.tree("2(x+1)") == .binary(.multiply, .number(2), .binary(.add, .x, .number(1))))
        #expect(try Self.tree("2x") == Self.tree("2*x"))
        #expect(try Self.tree("40x") == Self.tree("40*x"))
        #expect(try Self.tree("wx") == .parameter("wx"))
        #expect(try Self.tree("x^-1") == .binary(.power, .x, .negate(.number(1))))
        #expect(try Self.tree("a-b-c") == .binary(.subtract, .binary(.subtract, .parameter("a"), .parameter("b")), .parameter("c")))
        #expect(try Self.tree("a/b*c") == .binary(.multiply, .binary(.divide, .parameter("a"), .parameter("b")), .parameter("c")))
        #expect(try Self.tree("x**2") == Self.tree("x^2"))
    }

    @Test("Numbers, constants and names")
    func atoms() throws {
        #expect(try Self.tree("1e-3") == .number(0.001))
        #expect(try Self.tree(".5") == .number(0.5))
        #expect(try Self.tree("2.") == .number(2))
        #expect(try Self.tree("2.5E+2") == .number(250))
        #expect(try Self.tree("pi") == .pi)
        #expect(try Self.tree("e") == .e)
        #expect(try Self.tree("2e") == .binary(.multiply, .number(2), .e))
        #expect(try Self.tree("sigma_w") == .parameter("sigma_w"))
        #expect(try Self.tree("w_{1}") == .parameter("w_1"))
        #expect(try Formula(parsing: "b + w*x + sigma_w*pi*e").parameters == ["b", "sigma_w", "w"])
    }

    @Test("Functions by every name, with default second arguments")
    func functions() throws {
        #expect(try Self.tree("sig(x)") == .call(.sigmoid, [.x]))
        #expect(try Self.tree("sigmoid(x)") == .call(.sigmoid, [.x]))
        #expect(try Self.tree("silu(x)") == .call(.swish, [.x]))
        #expect(try Self.tree("Tanh(x)") == .call(.tanh, [.x]))
        #expect(try Self.tree("leaky_relu(x, 0.2)") == .call(.leakyRelu, [.x, .number(0.2)]))
        let leaky = try Formula(parsing: "leaky_relu(x)").evaluate(at: [-2.0, 3.0])
        #expect(leaky.y == [-0.02, 3] && leaky.dydx == [0.01, 1])
        let elu = try Formula(parsing: "elu(x)").evaluate(at: [-1.0])
        #expect(elu.y[0].isApproximatelyEqual(to: -0.6321205588285577, relativeTolerance: 1e-15))
        let elu2 = try Formula(parsing: "elu(x, 2)").evaluate(at: [-1.0])
        #expect(elu2.y[0].isApproximatelyEqual(to: -1.2642411176571153, relativeTolerance: 1e-15))
        let r = try Formula(parsing: "pow(x, 3) + min(x, 1) + max(x, 1) + abs(x) + exp(0) + log(e) + sqrt(4) + cos(0)")
            .evaluate(at: [-2.0])
        // −8 − 2 + 1 + 2 + 1 + 1 + 2 + 1
        #expect(r.y[0].isApproximatelyEqual(to: -2, relativeTolerance: 1e-15))
    }

    static let latexForms: [(String, String)] = [
        (#"\text{relu}(w \times x)"#, "relu(w*x)"),
        (#"\tanh(x)"#, "tanh(x)"),
        (#"\operatorname{sig}(x)"#, "sigmoid(x)"),
        (#"\mathrm{tanh}(x)"#, "tanh(x)"),
        (#"\sigma(x)"#, "sigmoid(x)"),
        (#"\sigma_{w} \cdot x"#, "sigma_w*x"),
        (#"\frac{w}{2}"#, "w/2"),
        (#"a \cdot b"#, "a*b"),
        (#"a \times b"#, "a*b"),
        (#"\left( x + 1 \right) \cdot 2"#, "(x + 1)*2"),
        (#"{x + 1} \cdot 2"#, "(x + 1)*2"),
        (#"\exp(x) + \log(x)"#, "exp(x) + log(x)"),
        (#"\sqrt{x + 1}"#, "sqrt(x + 1)"),
        (#"\pi \cdot x"#, "pi*x"),
        (#"2\pi"#, "2*pi"),
        (#"x^{2}"#, "x^2"),
        (#"$x^{2}$"#, "x^2"),
        (#"$$x^{2}$$"#, "x^2"),
        (#"y = \tanh(x)"#, "tanh(x)"),
        (#"y_L = \tanh(x)"#, "tanh(x)"),
        (#"$y_{L} = \tanh(x)$"#, "tanh(x)"),
        (#"w\,\cdot x + \;b"#, "w*x + b"),
        (#"\operatorname{leaky\_relu}(x, 0.1)"#, "leaky_relu(x, 0.1)"),
        (#"\tanh\left(\frac{w \cdot x}{2}\right)"#, "tanh((w*x)/2)"),
        (#"2 \sigma(w \times x - \frac{w}{2}) - 1"#, "2*sig(w*x - w/2) - 1"),
        (#"e^{-x^{2}}"#, "e^(-x^2)"),
    ]

    @Test("LaTeX forms read as their plain-math meaning", arguments: latexForms)
    func latex(form: (String, String)) throws {
        #expect(try Self.tree(form.0) == Self.tree(form.1), "\(form.0)")
    }
}
