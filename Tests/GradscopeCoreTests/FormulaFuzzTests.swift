import Foundation
import Testing
@testable import GradscopeNumerics

/// Seeded fuzzing of the formula reader: random trees printed as plain math, as LaTeX and with
/// implied products are read back to the same tree and the same values (the tree's own scalar
/// evaluation is the oracle); mutated and truncated texts give one-line errors, never a crash.
@Suite struct FormulaFuzzTests {
    static let parameters: [String: Double] = ["w": 1.5, "b": -0.25, "sigma_w": 0.75]
    static let xs: [Double] = [-1.25, -0.5, 0, 0.375, 2]

    @Test("Random trees read back from plain math, LaTeX and implied products", arguments: 0..<4)
    func roundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for tree in 0..<750 {
            let expression = RandomExpression.make(depth: 5, using: &random)
            let expected = Self.xs.map { ScalarOracle.evaluate(expression, x: $0, parameters: Self.parameters) }
            for text in [expression.description, expression.latex, Juxtaposed.text(expression)] {
                let parsed: Formula
                do {
                    parsed = try Formula(parsing: text)
                } catch {
                    Issue.record("seed \(seed), tree \(tree): '\(text)' failed: \(error)")
                    continue
                }
                #expect(parsed.expression == expression, "seed \(seed), tree \(tree): '\(text)' read as '\(parsed.expression)'")
                let values = try parsed.evaluate(at: Self.xs, parameters: Self.parameters).y
                for (value, want) in zip(values, expected) {
                    #expect(ScalarOracle.agrees(value, want), "seed \(seed), tree \(tree): '\(text)' gives \(value), the tree \(want)")
                }
            }
        }
    }

    @Test("Mutated and truncated texts give a one-line error or a formula, never a crash", arguments: 0..<4)
    func mutations(seed: UInt64) throws {
        var random = SplitMix64(seed: seed &+ 100)
        let pieces = ["(", ")", "{", "}", "[", "]", "^", "**", "*", "/", "-", "+", ",", "=", "\\", "\\frac", "\\left",
                      "\\,", "\\pi", "e", "1e999", ".", "x", "w", "tanh", "\u{1}", "\n", "\t", "é", "$", "_", "_{", "2"]
        var errors = 0
        for _ in 0..<750 {
            let expression = RandomExpression.make(depth: 4, using: &random)
            var text = Array(random.next() % 2 == 0 ? expression.description : expression.latex)
            for _ in 0..<(1 + Int(random.next() % 3)) where !text.isEmpty {
                let at = Int(random.next() % UInt64(text.count))
                switch random.next() % 4 {
                case 0: text.remove(at: at)
                case 1: text.insert(contentsOf: Array(pieces[Int(random.next() % UInt64(pieces.count))]), at: at)
                case 2: text = Array(text[..<at])
                default: text.insert(contentsOf: text[at...].prefix(5), at: at)
                }
            }
            do {
                let formula = try Formula(parsing: String(text))
                _ = try? formula.evaluate(at: Self.xs, parameters: Self.parameters)
            } catch {
                errors += 1
                let message = error.message
                let isOneLine = !message.isEmpty && !message.contains { $0.isNewline }
                let hasControl = message.unicodeScalars.contains { $0.properties.generalCategory == .control }
                #expect(isOneLine, "seed \(seed): '\(String(text))' → \(message)")
                #expect(!hasControl, "seed \(seed): '\(String(text))' → \(message)")
            }
        }
        #expect(errors > 100, "seed \(seed): the mutations should mostly break the text")
    }

    /// (text, accepted) at each limit and one past it.
    static let limitShapes: [(String, Bool)] = [
        (String(repeating: "(", count: 100) + "x" + String(repeating: ")", count: 100), true),
        (String(repeating: "(", count: 101) + "x" + String(repeating: ")", count: 101), false),
        (String(repeating: "tanh(", count: 100) + "x" + String(repeating: ")", count: 100), true),
        (String(repeating: "tanh(", count: 101) + "x" + String(repeating: ")", count: 101), false),
        (String(repeating: "-", count: 100) + "x", true),
        (String(repeating: "-", count: 101) + "x", false),
        ("x" + String(repeating: "^x", count: 100), true),
        ("x" + String(repeating: "^x", count: 101), false),
        (String(repeating: "\\frac{", count: 100) + "x" + String(repeating: "}{2}", count: 100), true),
        (String(repeating: "\\frac{", count: 101) + "x" + String(repeating: "}{2}", count: 101), false),
        ("x" + String(repeating: "+x", count: 4_999) + " ", true),  // 10,000 characters
        ("x" + String(repeating: "+x", count: 5_000), false),       // 10,001
        (String(repeating: "\\,", count: 4_999) + "x ", true),
        (String(repeating: "\\,", count: 5_000) + "x", false),
        (String(repeating: "x*", count: 4_999) + "x ", true),
        (String(repeating: "(", count: 100_000), false),
    ]

    @Test("Deep and long formulas: accepted at the limit, one line past it", arguments: limitShapes)
    func limits(text: String, accepted: Bool) throws {
        if accepted {
            let formula = try Formula(parsing: text)
            _ = try formula.evaluate(at: [0.5])
        } else {
            let error = try #require(throws: FormulaError.self) { try Formula(parsing: text) }
            let message = error.message
            let namesLimit = message.contains("limit is 10000") || message.contains("more than 100 levels")
            let isOneLine = !message.contains { $0.isNewline }
            #expect(namesLimit, "\(message)")
            #expect(isOneLine)
        }
    }

    @Test("The 'Did you mean' split is linear: ten times the name, at most ten times the steps")
    func splitIsLinear() {
        let known: Set<String> = ["x", "e", "pi", "w"]
        var short = 0, long = 0
        _ = Formula.split(String(repeating: "x", count: 1_000), into: known, steps: &short)
        _ = Formula.split(String(repeating: "x", count: 10_000), into: known, steps: &long)
        #expect(long <= 10 * short + 10, "\(short) steps for 1,000 characters, \(long) for 10,000")
        #expect(Formula.split("wx", into: ["x", "e", "pi"]) == ["w", "x"])
        #expect(Formula.split("wx", into: ["x", "e", "pi", "w"]) == ["w", "x"])
        #expect(Formula.split("wxb", into: ["x", "e", "pi", "w", "b"]) == ["w", "x", "b"])
        #expect(Formula.split("alpha", into: ["x", "e", "pi"]) == nil)
    }

    /// The LaTeX that papers write (issue 15, item 13): (text, the same formula in plain math).
    static let impliedProducts: [(String, String)] = [
        (#"\frac{1}{2} x"#, "(1/2)*x"),
        (#"\frac12"#, "1/2"),
        (#"\frac12 x"#, "(1/2)*x"),
        (#"\frac1x"#, "1/x"),
        (#"\frac\pi2"#, "pi/2"),
        (#"\frac{w}2"#, "w/2"),
        ("(x+1)(x-1)", "(x+1)*(x-1)"),
        (#"2\pi x"#, "2*pi*x"),
        (#"\pi x"#, "pi*x"),
        (#"\pi(x+1)"#, "pi*(x+1)"),
        ("e x", "e*x"),
        ("tanh(x)(x+1)", "tanh(x)*(x+1)"),
        ("2 3", "2*3"),
        ("1/2x", "1/(2*x)"),
        ("2x^2", "2*x^2"),
        ("e^2x", "e^(2*x)"),
        ("x^{2} w", "x^2*w"),
        (#"\pi**2"#, "pi^2"),
        (#"\alpha**x"#, "alpha^x"),
        (#"\pi*x"#, "pi*x"),
        (#"\operatorname*{relu}(x)"#, "relu(x)"),
    ]

    @Test("Implied products, \\frac12 and ** after a command", arguments: impliedProducts)
    func impliedProduct(text: String, plain: String) throws {
        #expect(try Formula(parsing: text).expression == Formula(parsing: plain).expression)
    }

    static let readingErrors: [(String, String)] = [
        ("w(x+1)", "'w' at column 1 is a parameter, not a function: for a product write 'w*(x+1)'."),
        ("x(x+1)", "'x' at column 1 is the input, not a function: for a product write 'x*(x+1)'."),
        ("1e999*x", "The number '1e999' at column 1 is too large for a 64-bit float (the largest is about 1.8e308). Use a smaller number."),
        ("x\u{1}", "Unexpected character '\\u{1}' at column 2. Remove it."),
        (#"\frac+"#, #"'\frac' at column 1 needs two arguments: write \frac{a}{b}, or \frac12 with one character each."#),
        ("w x", "Unexpected 'x' at column 3 after a complete expression. Insert an operator such as '*' or remove it."),
    ]

    @Test("Reading errors name the fix", arguments: readingErrors)
    func readingError(text: String, message: String) throws {
        let error = try #require(throws: FormulaError.self) { try Formula(parsing: text) }
        #expect(error.message == message)
    }

    @Test("'wx' gets the same message whether or not w has a value")
    func productMessage() throws {
        let formula = try Formula(parsing: "relu(wx)")
        let without = try #require(throws: FormulaError.self) { try formula.evaluate(at: [0.0]) }
        let with = try #require(throws: FormulaError.self) { try formula.evaluate(at: [0.0], parameters: ["w": 8]) }
        #expect(without == with)
        #expect(with.description == "No value for 'wx' at column 6. For a product write 'w*x', or give the parameter 'wx' a value.")
    }
}

/// A seeded generator (SplitMix64), so every failure names a reproducible seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random expression trees over x, three parameters, π, e, non-negative literals and the functions.
enum RandomExpression {
    static let numbers: [Double] = [0, 1, 2, 3, 0.5, 1.25, 40, 1e-05, 2.5e10, 0.1]
    static let unary: [FormulaFunction] = [.tanh, .sigmoid, .relu, .exp, .sin, .cos, .abs, .sqrt, .log, .softplus, .linear]
    static let binary: [FormulaFunction] = [.min, .max, .pow]

    static func make(depth: Int, using random: inout SplitMix64) -> Formula.Expression {
        let choice = depth <= 0 ? Int(random.next() % 6) : Int(random.next() % 14)
        switch choice {
        case 0: return .x
        case 1: return .number(numbers[Int(random.next() % UInt64(numbers.count))])
        case 2: return .parameter(["w", "b", "sigma_w"][Int(random.next() % 3)])
        case 3: return .pi
        case 4: return .e
        case 5: return .x
        case 6: return .negate(make(depth: depth - 1, using: &random))
        case 7, 8, 9:
            let op: Formula.BinaryOperator = [.add, .subtract, .multiply, .divide, .power][Int(random.next() % 5)]
            return .binary(op, make(depth: depth - 1, using: &random), make(depth: depth - 1, using: &random))
        case 10, 11:
            return .call(unary[Int(random.next() % UInt64(unary.count))], [make(depth: depth - 1, using: &random)])
        case 12:
            return .call(binary[Int(random.next() % UInt64(binary.count))],
                         [make(depth: depth - 1, using: &random), make(depth: depth - 1, using: &random)])
        default:
            return .binary(.multiply, make(depth: depth - 1, using: &random), make(depth: depth - 1, using: &random))
        }
    }
}

/// The tree's own value at one x, by recursion over the tree with the textbook formulas (powers
/// with the tool's own `power`, whose edge cases at 0, ±∞ and negative bases are tested elsewhere).
enum ScalarOracle {
    static func evaluate(_ e: Formula.Expression, x: Double, parameters: [String: Double]) -> Double {
        func v(_ e: Formula.Expression) -> Double { evaluate(e, x: x, parameters: parameters) }
        switch e {
        case .number(let value): return value
        case .pi: return Double.pi
        case .e: return M_E
        case .x: return x
        case .parameter(let name): return parameters[name]!
        case .negate(let a): return -v(a)
        case .binary(let op, let a, let b):
            let (p, q) = (v(a), v(b))
            switch op {
            case .add: return p + q
            case .subtract: return p - q
            case .multiply: return p * q
            case .divide: return p / q
            case .power: return FormulaFunction.power(p, q).value  // the tool's IEEE edge cases (pow's own tests check them)
            }
        case .call(let function, let arguments):
            let a = v(arguments[0])
            switch function {
            case .tanh: return Foundation.tanh(a)
            case .sigmoid: return 1 / (1 + Foundation.exp(-a))
            case .relu: return a.isNaN ? a : Swift.max(a, 0)
            case .exp: return Foundation.exp(a)
            case .sin: return Foundation.sin(a)
            case .cos: return Foundation.cos(a)
            case .abs: return Swift.abs(a)
            case .sqrt: return a.squareRoot()
            case .log: return Foundation.log(a)
            case .softplus: return Foundation.log1p(Foundation.exp(-Swift.abs(a))) + Swift.max(a, 0)
            case .linear: return a
            // Two-argument calls: NaN if either argument is NaN; min and max keep the first on ties (−0 vs 0).
            case .min: let b = v(arguments[1]); return a.isNaN || b.isNaN ? .nan : (a <= b ? a : b)
            case .max: let b = v(arguments[1]); return a.isNaN || b.isNaN ? .nan : (a >= b ? a : b)
            case .pow: let b = v(arguments[1]); return a.isNaN || b.isNaN ? .nan : FormulaFunction.power(a, b).value
            default: return .nan
            }
        }
    }

    /// Equal, both NaN, or within 1e-9 relative (different but correct libm paths, e.g. sigmoid's).
    static func agrees(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return true }
        if a.isInfinite || b.isInfinite { return false }
        return Swift.abs(a - b) <= 1e-9 * Swift.max(Swift.abs(a), Swift.abs(b), 1e-300)
    }
}

/// Plain math that writes a product as juxtaposition wherever the implied-product rule allows it:
/// the left factor an atom ending in `)`, a number or a constant, the right factor an atom or a
/// power starting with a name, a number or `(`.
enum Juxtaposed {
    static func text(_ e: Formula.Expression) -> String {
        switch e {
        case .binary(.multiply, let a, let b) where endsFactor(a) && startsFactor(b):
            return atomText(a) + " " + factorText(b)
        case .number, .pi, .e, .x, .parameter: return e.description
        case .negate(let a): return "-" + wrapped(a, when: precedence(a) < 3)
        case .binary(.power, let a, let b):
            return wrapped(a, when: precedence(a) <= 4) + "^" + wrapped(b, when: precedence(b) < 3 || isJuxtaposed(b))
        case .binary(let op, let a, let b):
            let p = precedence(e)
            let left = wrapped(a, when: precedence(a) < p || (p == 2 && isJuxtaposed(a) && false))
            let right = wrapped(b, when: precedence(b) <= p || (p == 2 && isJuxtaposed(b)))
            return left + (p == 1 ? " \(op.rawValue) " : op.rawValue) + right
        case .call(let function, let arguments):
            return function.rawValue + "(" + arguments.map(text).joined(separator: ", ") + ")"
        }
    }

    private static func isJuxtaposed(_ e: Formula.Expression) -> Bool {
        if case .binary(.multiply, let a, let b) = e { return endsFactor(a) && startsFactor(b) }
        return false
    }

    /// An atom whose text ends with `)`, a digit or a constant.
    private static func endsFactor(_ e: Formula.Expression) -> Bool {
        switch e {
        case .number, .pi, .e, .call: true
        default: false
        }
    }

    /// An atom or a power whose text starts with a name, a number or `(`, and that reads as one factor.
    private static func startsFactor(_ e: Formula.Expression) -> Bool {
        switch e {
        case .number, .pi, .e, .x, .parameter, .call: true
        case .binary(.power, let a, _): precedence(a) == 5 && !isPowerBaseNumberLike(a)
        default: false
        }
    }

    /// `2 3^x` is fine, but keep powers of numbers out to stay clear of `e`-notation corner cases.
    private static func isPowerBaseNumberLike(_ e: Formula.Expression) -> Bool {
        if case .number = e { return true }
        return false
    }

    private static func atomText(_ e: Formula.Expression) -> String { text(e) }

    /// The right factor: an atom or a power whose exponent cannot swallow what follows.
    private static func factorText(_ e: Formula.Expression) -> String {
        if case .binary(.power, let a, let b) = e {
            return text(a) + "^" + "(" + text(b) + ")"
        }
        return text(e)
    }

    private static func wrapped(_ e: Formula.Expression, when needed: Bool) -> String {
        needed ? "(" + text(e) + ")" : text(e)
    }

    private static func precedence(_ e: Formula.Expression) -> Int {
        switch e {
        case .binary(.add, _, _), .binary(.subtract, _, _): 1
        case .binary(.multiply, _, _), .binary(.divide, _, _): 2
        case .negate: 3
        case .binary(.power, _, _): 4
        case .number, .pi, .e, .x, .parameter, .call: 5
        }
    }
}
