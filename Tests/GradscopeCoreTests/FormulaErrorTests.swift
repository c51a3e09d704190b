import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct FormulaErrorTests {
    /// (input, column, message)
    static let parseErrors: [(String, Int?, String)] = [
        ("tanhh(x)", 1, "Unknown function 'tanhh' at column 1. Did you mean 'tanh'?"),
        ("2*sigmod(x)", 3, "Unknown function 'sigmod' at column 3. Did you mean 'sigmoid'?"),
        ("w(x+1)", 1, "'w' at column 1 is a parameter, not a function: for a product write 'w*(x+1)'."),
        (#"\text{tanhh}(x)"#, 1, "Unknown function 'tanhh' at column 1. Did you mean 'tanh'?"),
        ("tanh(x", 5, "Unclosed '(' at column 5. Add ')'."),
        ("x + (w*x", 5, "Unclosed '(' at column 5. Add ')'."),
        ("tanh(", 5, "Unclosed '(' at column 5. Add ')'."),
        (#"\frac{w}{2"#, 9, "Unclosed '{' at column 9. Add '}'."),
        (#"\left( x"#, 1, "Unclosed '(' at column 1. Add ')'."),
        ("tanh(x))", 8, "Unexpected ')' at column 8."),
        ("x + 1) * 2", 6, "Unexpected ')' at column 6."),
        (")", 1, "Unexpected ')' at column 1."),
        ("(x}", 3, "Unexpected '}' at column 3. Add ')' to close '(' at column 1."),
        ("w*", 2, "Missing operand after '*' at column 2."),
        ("2 * * x", 3, "Missing operand after '*' at column 3."),
        ("x +", 3, "Missing operand after '+' at column 3."),
        ("tanh(x,)", 7, "Missing operand after ',' at column 7."),
        ("*x", 1, "Missing operand before '*' at column 1."),
        ("x^", 2, "Missing operand after '^' at column 2."),
        (#"$y = \text{relu}(w \times )$"#, 20, #"Missing operand after '\times' at column 20."#),
        ("w x", 3, "Unexpected 'x' at column 3 after a complete expression. Insert an operator such as '*' or remove it."),
        ("x = 2", 3, "Unexpected '=' at column 3. Only a leading 'y =' may come before the formula."),
        ("y = x = 2", 7, "Unexpected '=' at column 7. Only a leading 'y =' may come before the formula."),
        ("tanh(x, 2)", 1, "'tanh' takes 1 argument, got 2 at column 1."),
        ("x + sig()", 5, "'sig' takes 1 argument, got 0 at column 5."),
        ("leaky_relu(x, 1, 2)", 1, "'leaky_relu' takes 1 or 2 arguments, got 3 at column 1."),
        ("pow(x)", 1, "'pow' takes 2 arguments, got 1 at column 1."),
        ("tanh*x", 1, "Function 'tanh' at column 1 needs an argument. Write 'tanh(…)'."),
        ("x # 2", 3, "Unexpected character '#' at column 3. Remove it."),
        (#"\foo(x)"#, 1, #"Unknown LaTeX command '\foo' at column 1. Write it as \operatorname{name} or in plain math."#),
        ("", 1, "Empty formula. Write an expression in x, such as 'tanh(w*x)'."),
        ("   ", 1, "Empty formula. Write an expression in x, such as 'tanh(w*x)'."),
    ]

    @Test("Parse errors name the problem, the column and the fix", arguments: parseErrors)
    func parseError(input: String, column: Int?, message: String) {
        #expect(throws: FormulaError(message, column: column)) {
            try Formula(parsing: input)
        }
    }

    @Test("A column counts characters of the original text, LaTeX included")
    func latexColumn() throws {
        let error = try #require(throws: FormulaError.self) {
            try Formula(parsing: #"$y = \text{tanh}(w \times \text{tnh}(x))$"#)
        }
        #expect(error.column == 27)
        #expect(error.description == "Unknown function 'tnh' at column 27. Did you mean 'tanh'?")
    }

    /// The command line's and the server's ways to give a parameter a value.
    static func flag(_ name: String) -> String { "--param \(name)=VALUE" }
    static func query(_ name: String) -> String { "param.\(name)=VALUE" }

    @Test("A parameter without a value: the core names the value, each face says how to pass it")
    func missingParameter() throws {
        let formula = try Formula(parsing: "tanh(w*x + b)")
        let w = try #require(throws: FormulaError.self) { try formula.evaluate(at: [0.0], parameters: ["b": 1]) }
        #expect(w == .missingParameter("w"))
        #expect(w.description == "No value for parameter 'w'.")
        #expect(w.unvaluedParameter == "w" && w.product == nil && w.column == nil)
        #expect(w.sentence(passingValue: Self.flag) == "No value for parameter 'w'. Pass it with --param w=VALUE.")
        #expect(w.sentence(passingValue: Self.query) == "No value for parameter 'w'. Pass it with param.w=VALUE.")
        #expect(throws: FormulaError.missingParameter("b")) {
            try formula.evaluate(at: [0.0], parameters: ["w": 1])
        }
        // Values for names the formula does not use are ignored.
        _ = try formula.evaluate(at: [0.0], parameters: ["w": 1, "b": 2, "unused": 3])
    }

    @Test("A name made of known names suggests the product")
    func splitName() throws {
        let formula = try Formula(parsing: "relu(wx)")
        #expect(formula.parameters == ["wx"])
        let wx = try #require(throws: FormulaError.self) { try formula.evaluate(at: [0.0], parameters: ["w": 8]) }
        #expect(wx.description == "No value for 'wx' at column 6. For a product write 'w*x', or give the parameter 'wx' a value.")
        #expect(wx.column == 6 && wx.unvaluedParameter == "wx" && wx.product == "w*x")
        #expect(wx.sentence(passingValue: Self.flag)
                == "No value for 'wx' at column 6. For a product write 'w*x'; for a parameter pass --param wx=VALUE.")
        #expect(wx.sentence(passingValue: Self.query)
                == "No value for 'wx' at column 6. For a product write 'w*x'; for a parameter pass param.wx=VALUE.")
        let twoParameters = try Formula(parsing: "wxb")
        let wxb = try #require(throws: FormulaError.self) { try twoParameters.evaluate(at: [0.0], parameters: ["w": 8, "b": 1]) }
        #expect(wxb.sentence(passingValue: Self.flag)
                == "No value for 'wxb' at column 1. For a product write 'w*x*b'; for a parameter pass --param wxb=VALUE.")
        #expect(wxb.column == 1)
        // Given a value, `wx` is simply a parameter.
        #expect(try formula.evaluate(at: [1.0], parameters: ["wx": 2]).y == [2])
    }

    @Test("e, pi and x cannot be given parameter values", arguments: ["e", "pi", "x"])
    func reservedNames(name: String) throws {
        let formula = try Formula(parsing: "w*x")
        let error = try #require(throws: FormulaError.self) {
            try formula.evaluate(at: [0.0], parameters: ["w": 1, name: 2])
        }
        #expect(error.column == nil && error.unvaluedParameter == nil)
        #expect(error.description.hasPrefix("'\(name)' is"))
        #expect(error.sentence(passingValue: Self.flag) == error.description)   // no parameter to pass: no face's words
    }

    @Test("NestedFormula checks the parameters of both layers")
    func nestedParameters() throws {
        let nested = try NestedFormula(parsing: "sig(w*x + b)", firstLayer: "sig(v*x)")
        #expect(nested.parameters == ["b", "v", "w"])
        #expect(throws: FormulaError.missingParameter("v")) {
            try nested.evaluate(at: [0.0], depths: [2], parameters: ["w": 1, "b": 0])
        }
    }
}
