import Foundation
import Testing
import RealModule
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

/// One of the post's single-unit chains, as the LaTeX line that draws it.
struct SeedLine: CustomTestStringConvertible, Sendable {
    var line: Int
    var latex: String
    var activation: Activation
    var depth: Int
    /// The S5 bias: b = −w/2 from layer 2 on, 0 at layer 1.
    var halfWeightBias: Bool

    var testDescription: String { "seed line \(line): \(latex)" }
}

/// The post's formulas, pasted verbatim, against an independent single-unit chain.
@Suite struct FormulaSeedTests {
    static let w = 8.0
    /// 41 points in [−1, 1].
    static let xs: [Double] = (0...40).map { -1 + Double($0) / 20 }

    /// The 12 chain lines of the post (S1, S2, S4, S5), byte-exact from the seed.
    static let chainLines: [SeedLine] = [
        SeedLine(line: 12, latex: #"$y = \text{relu}(w \times x)$"#, activation: .relu, depth: 1, halfWeightBias: false),
        SeedLine(line: 13, latex: #"$y = \text{relu}(w \times \text{relu}(w \times x))$"#, activation: .relu, depth: 2, halfWeightBias: false),
        SeedLine(line: 14, latex: #"$y = \text{relu}(w \times \text{relu}(w \times \text{relu}(w \times x)))$"#, activation: .relu, depth: 3, halfWeightBias: false),
        SeedLine(line: 19, latex: #"$y = \text{tanh}(w \times x)$"#, activation: .tanh, depth: 1, halfWeightBias: false),
        SeedLine(line: 20, latex: #"$y = \text{tanh}(w \times \text{tanh}(w \times x))$"#, activation: .tanh, depth: 2, halfWeightBias: false),
        SeedLine(line: 21, latex: #"$y = \text{tanh}(w \times \text{tanh}(w \times \text{tanh}(w \times x)))$"#, activation: .tanh, depth: 3, halfWeightBias: false),
        SeedLine(line: 29, latex: #"$y = \text{sig}(w \times x)$"#, activation: .sigmoid, depth: 1, halfWeightBias: false),
        SeedLine(line: 30, latex: #"$y = \text{sig}(w \times \text{sig}(w \times x))$"#, activation: .sigmoid, depth: 2, halfWeightBias: false),
        SeedLine(line: 31, latex: #"$y = \text{sig}(w \times \text{sig}(w \times \text{sig}(w \times x)))$"#, activation: .sigmoid, depth: 3, halfWeightBias: false),
        SeedLine(line: 34, latex: #"$y = \text{sig}(w \times x)$"#, activation: .sigmoid, depth: 1, halfWeightBias: true),
        SeedLine(line: 35, latex: #"$y = \text{sig}(w \times \text{sig}(w \times x) - \frac{w}{2})$"#, activation: .sigmoid, depth: 2, halfWeightBias: true),
        SeedLine(line: 36, latex: #"$y = \text{sig}(w \times \text{sig}(w \times \text{sig}(w \times x) - \frac{w}{2}) - \frac{w}{2})$"#, activation: .sigmoid, depth: 3, halfWeightBias: true),
    ]

    /// The width-3 "minefield" line (S3), byte-exact from the seed.
    static let minefield = #"$y = \text{tanh}(5 \times \text{tanh}(40 \times x-5) - 5 \times \text{tanh}(40 \times x+0) + 5 \times \text{tanh}(40 \times x+5))$"#

    /// y_l = φ(w·y_{l−1} + b_l), dy_l/dx = dy_{l−1}/dx · w · φ'(a_l), in Double.
    static func referenceChain(_ seed: SeedLine, x: Double) -> (y: Double, dydx: Double) {
        var y = x
        var dydx = 1.0
        for layer in 1...seed.depth {
            let bias = seed.halfWeightBias && layer > 1 ? -w / 2 : 0
            let (value, slope) = seed.activation.valueAndDerivative(at: w * y + bias)
            dydx = dydx * w * slope
            y = value
        }
        return (y, dydx)
    }

    static func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
        a == b || abs(a - b) <= max(relative * max(abs(a), abs(b)), 1e-300)
    }

    @Test("The post's chain lines equal the single-unit chain, w = 8", arguments: chainLines)
    func chainLine(seed: SeedLine) throws {
        let formula = try Formula(parsing: seed.latex)
        #expect(formula.parameters == ["w"])
        let result = try formula.evaluate(at: Self.xs, parameters: ["w": Self.w])
        for (i, x) in Self.xs.enumerated() {
            let reference = Self.referenceChain(seed, x: x)
            #expect(Self.close(result.y[i], reference.y), "y at x = \(x): \(result.y[i]) vs \(reference.y)")
            #expect(Self.close(result.dydx[i], reference.dydx), "dy/dx at x = \(x): \(result.dydx[i]) vs \(reference.dydx)")
        }
    }

    @Test("All 13 LaTeX lines of the post parse")
    func allThirteenParse() throws {
        let lines = Self.chainLines.map(\.latex) + [Self.minefield]
        #expect(lines.count == 13)
        for line in lines {
            _ = try Formula(parsing: line)
        }
    }

    @Test("The minefield line equals its plain form and the closed-form derivative")
    func minefieldLine() throws {
        let latex = try Formula(parsing: Self.minefield)
        let plain = try Formula(parsing: "tanh(5*tanh(40*x-5) - 5*tanh(40*x+0) + 5*tanh(40*x+5))")
        #expect(latex == plain)
        #expect(latex.parameters.isEmpty)
        let a = try latex.evaluate(at: Self.xs)
        let b = try plain.evaluate(at: Self.xs)
        for (i, x) in Self.xs.enumerated() {
            // y = tanh(u), u = 5 tanh(40x − 5) − 5 tanh(40x) + 5 tanh(40x + 5)
            // dy/dx = sech²(u) · 200 · (sech²(40x − 5) − sech²(40x) + sech²(40x + 5))
            func sech2(_ z: Double) -> Double { 1 / (Foundation.cosh(z) * Foundation.cosh(z)) }
            let u = 5 * Foundation.tanh(40 * x - 5) - 5 * Foundation.tanh(40 * x) + 5 * Foundation.tanh(40 * x + 5)
            let y = Foundation.tanh(u)
            let dydx = sech2(u) * 200 * (sech2(40 * x - 5) - sech2(40 * x) + sech2(40 * x + 5))
            #expect(a.y[i] == b.y[i] && a.dydx[i] == b.dydx[i])
            #expect(Self.close(a.y[i], y), "y at x = \(x): \(a.y[i]) vs \(y)")
            #expect(Self.close(a.dydx[i], dydx, relative: 1e-11), "dy/dx at x = \(x): \(a.dydx[i]) vs \(dydx)")
        }
    }

    @Test("NestedFormula relu(w*x) at depth 3 equals the third LaTeX line")
    func nestedRelu() throws {
        let nested = try NestedFormula(parsing: "relu(w*x)")
        let byDepth = try nested.evaluate(at: Self.xs, depths: [1, 2, 3], parameters: ["w": Self.w])
        for depth in 1...3 {
            let line = try Formula(parsing: Self.chainLines[depth - 1].latex)
            let expected = try line.evaluate(at: Self.xs, parameters: ["w": Self.w])
            let got = try #require(byDepth[depth])
            for i in Self.xs.indices {
                #expect(Self.close(got.y[i], expected.y[i]))
                #expect(Self.close(got.dydx[i], expected.dydx[i]))
                #expect(Self.close(got.parameterGradients["w"]![i], expected.parameterGradients["w"]![i]))
            }
        }
        // Slope 8, 64, 512 for x > 0.
        let slopes = try [1, 2, 3].map { try nested.evaluate(at: [0.5], depth: $0, parameters: ["w": Self.w]).dydx[0] }
        #expect(slopes == [8, 64, 512])
    }

    @Test("NestedFormula with a first layer reproduces S5")
    func nestedS5() throws {
        let s5 = try NestedFormula(parsing: "sig(w*x - w/2)", firstLayer: "sig(w*x)")
        let byDepth = try s5.evaluate(at: Self.xs, depths: [3, 1, 2], parameters: ["w": Self.w])
        for depth in 1...3 {
            let seed = Self.chainLines[8 + depth]
            let expected = try Formula(parsing: seed.latex).evaluate(at: Self.xs, parameters: ["w": Self.w])
            let got = try #require(byDepth[depth])
            for (i, x) in Self.xs.enumerated() {
                let reference = Self.referenceChain(seed, x: x)
                #expect(Self.close(got.y[i], reference.y))
                #expect(Self.close(got.dydx[i], reference.dydx))
                #expect(Self.close(got.parameterGradients["w"]![i], expected.parameterGradients["w"]![i], relative: 1e-11))
            }
        }
    }
}
