import Foundation
import RealModule
import Testing
import _Differentiation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct FormulaGradientTests {
    /// Points away from every kink (0, ±1 of the formulas below).
    static let xs: [Double] = [-1.7, -0.83, -0.31, 0.12, 0.47, 0.9, 1.6]
    static let values: [String: Double] = ["w": 1.3, "b": -0.4]

    static let formulas = [
        "tanh(w*x + b)", "sig(w*x - w/2) + b", "w*exp(-b*x^2)", "softplus(w*x)*b", "leaky_relu(w*x, b + 0.5)",
        "elu(w*x + b, 0.5)", "elu(w*x, b)", "max(w*x, b) + min(x, b)", "pow(abs(x) + 1, w) - b^3",
        "log(1 + w*x^2)/b", "sqrt(w^2 + x^2) + b", "cos(w*x)*gelu(b*x)", "silu(w*x) - swish(b)", "relu(w*x + b)",
        "abs(x)^w + w^x", "2x^2*w - pi*e*b", #"\frac{w}{2} \cdot \sigma(b \cdot x)"#, "linear(w)*sin(b*x)",
    ]

    /// Central difference of f in one variable, step h·max(1, |v|).
    static func centralDifference(_ f: (Double) throws -> Double, at v: Double) rethrows -> Double {
        let h = 1e-6 * max(1, abs(v))
        return (try f(v + h) - f(v - h)) / (2 * h)
    }

    static func close(_ exact: Double, _ numeric: Double) -> Bool {
        abs(exact - numeric) <= 1e-6 * max(1, abs(exact))
    }

    @Test("dy/dx and every parameter gradient match central differences", arguments: formulas)
    func finiteDifferences(text: String) throws {
        let formula = try Formula(parsing: text)
        let result = try formula.evaluate(at: Self.xs, parameters: Self.values)
        #expect(Set(result.parameterGradients.keys) == Set(formula.parameters))
        for (i, x) in Self.xs.enumerated() {
            let numeric = try Self.centralDifference({ try formula.evaluate(at: [$0], parameters: Self.values).y[0] }, at: x)
            #expect(Self.close(result.dydx[i], numeric), "\(text): dy/dx at \(x): \(result.dydx[i]) vs \(numeric)")
            for name in formula.parameters {
                let numeric = try Self.centralDifference({ value in
                    var values = Self.values
                    values[name] = value
                    return try formula.evaluate(at: [x], parameters: values).y[0]
                }, at: Self.values[name]!)
                let exact = result.parameterGradients[name]![i]
                #expect(Self.close(exact, numeric), "\(text): ∂y/∂\(name) at \(x): \(exact) vs \(numeric)")
            }
        }
    }

    /// Compares a formula in w, b and x with a `@differentiable` reference written with Foundation.
    func compare(_ text: String, with reference: @differentiable(reverse) (Double, Double, Double) -> Double) throws {
        let formula = try Formula(parsing: text)
        let result = try formula.evaluate(at: Self.xs, parameters: Self.values)
        let (w, b) = (Self.values["w"]!, Self.values["b"]!)
        for (i, x) in Self.xs.enumerated() {
            let (value, (dw, db, dx)) = valueWithGradient(at: w, b, x, of: reference)
            #expect(result.y[i].isApproximatelyEqual(to: value, relativeTolerance: 1e-13), "\(text) y at \(x)")
            #expect(result.dydx[i].isApproximatelyEqual(to: dx, relativeTolerance: 1e-12), "\(text) dy/dx at \(x)")
            #expect(result.parameterGradients["w"]![i].isApproximatelyEqual(to: dw, relativeTolerance: 1e-12), "\(text) ∂w at \(x)")
            #expect(result.parameterGradients["b"]![i].isApproximatelyEqual(to: db, relativeTolerance: 1e-12), "\(text) ∂b at \(x)")
        }
    }

    @Test("Gradients agree with Swift's automatic differentiation")
    func automaticDifferentiation() throws {
        @differentiable(reverse) func tanhUnit(_ w: Double, _ b: Double, _ x: Double) -> Double {
            Foundation.tanh(w * x + b)
        }
        @differentiable(reverse) func gaussian(_ w: Double, _ b: Double, _ x: Double) -> Double {
            w * Foundation.exp(-b * x * x)
        }
        @differentiable(reverse) func logRatio(_ w: Double, _ b: Double, _ x: Double) -> Double {
            Foundation.log(1 + w * x * x) / b
        }
        @differentiable(reverse) func shiftedSigmoid(_ w: Double, _ b: Double, _ x: Double) -> Double {
            b / (1 + Foundation.exp(-(w * x - w / 2)))
        }
        @differentiable(reverse) func radialSine(_ w: Double, _ b: Double, _ x: Double) -> Double {
            Foundation.sqrt(w * w + x * x) * Foundation.sin(b * x)
        }
        try compare("tanh(w*x + b)", with: tanhUnit)
        try compare("w*exp(-b*x^2)", with: gaussian)
        try compare("log(1 + w*x^2)/b", with: logRatio)
        try compare("sig(w*x - w/2)*b", with: shiftedSigmoid)
        try compare("sqrt(w^2 + x^2)*sin(b*x)", with: radialSine)
    }

    @Test("Nested parameter gradients match central differences at every depth")
    func nestedFiniteDifferences() throws {
        let nested = try NestedFormula(parsing: "tanh(w*x + b)", firstLayer: "sig(w*x)")
        let byDepth = try nested.evaluate(at: Self.xs, depths: [1, 2, 4], parameters: Self.values)
        for depth in [1, 2, 4] {
            let result = try #require(byDepth[depth])
            for (i, x) in Self.xs.enumerated() {
                let dx = try Self.centralDifference({ try nested.evaluate(at: [$0], depth: depth, parameters: Self.values).y[0] }, at: x)
                #expect(Self.close(result.dydx[i], dx), "depth \(depth) dy/dx at \(x)")
                for name in ["w", "b"] {
                    let numeric = try Self.centralDifference({ value in
                        var values = Self.values
                        values[name] = value
                        return try nested.evaluate(at: [x], depth: depth, parameters: values).y[0]
                    }, at: Self.values[name]!)
                    #expect(Self.close(result.parameterGradients[name]![i], numeric), "depth \(depth) ∂\(name) at \(x)")
                }
            }
        }
        // b does not enter layer 1.
        #expect(byDepth[1]!.parameterGradients["b"]!.allSatisfy { $0 == 0 })
    }

    @Test("Subgradients at ties: relu'(0) = 0, abs'(0) = 0, min and max pick the first argument")
    func ties() throws {
        let at0 = try Formula(parsing: "relu(x) + abs(x)").evaluate(at: [0.0])
        #expect(at0.y == [0] && at0.dydx == [0])
        let maxTie = try Formula(parsing: "max(x, w)").evaluate(at: [2.0], parameters: ["w": 2])
        #expect(maxTie.dydx == [1] && maxTie.parameterGradients["w"] == [0])
        let minTie = try Formula(parsing: "min(w, x)").evaluate(at: [2.0], parameters: ["w": 2])
        #expect(minTie.dydx == [0] && minTie.parameterGradients["w"] == [1])
    }

    @Test("Inf and NaN propagate, never clamped")
    func nonFinite() throws {
        let r = try Formula(parsing: "w*x + log(x)").evaluate(at: [.nan, .infinity, 0], parameters: ["w": 1])
        #expect(r.y[0].isNaN && r.dydx[0].isNaN && r.parameterGradients["w"]![0].isNaN)
        #expect(r.y[1] == .infinity && r.dydx[1] == 1)
        #expect(r.y[2] == -.infinity && r.dydx[2] == .infinity)
        let maxNaN = try Formula(parsing: "max(x, 1) + min(1, x)").evaluate(at: [Double.nan])
        #expect(maxNaN.y[0].isNaN && maxNaN.dydx[0].isNaN)
        // A negative base with an integral exponent is fine; a fractional one is NaN.
        let power = try Formula(parsing: "x^3 + (-2)^w").evaluate(at: [-2.0], parameters: ["w": 2])
        #expect(power.y == [-4] && power.dydx == [12])
        #expect(try Formula(parsing: "x^0.5").evaluate(at: [-4.0]).y[0].isNaN)
    }

    /// The same generic check in every precision, with a tolerance suited to it.
    func checkPrecision<T: GradFloat>(_: T.Type, tolerance: T) throws {
        let formula = try Formula(parsing: "tanh(w*x + b)*sig(x) + x^2")
        let xs: [T] = [-1, -0.5, 0.25, 1]
        let result = try formula.evaluate(at: xs, parameters: ["w": T(1.5), "b": T(-0.25)])
        let double = try formula.evaluate(at: xs.map(Double.init), parameters: ["w": 1.5, "b": -0.25])
        for i in xs.indices {
            #expect(result.y[i].isApproximatelyEqual(to: T(double.y[i]), absoluteTolerance: tolerance))
            #expect(result.dydx[i].isApproximatelyEqual(to: T(double.dydx[i]), absoluteTolerance: tolerance))
            for name in ["w", "b"] {
                #expect(result.parameterGradients[name]![i].isApproximatelyEqual(
                    to: T(double.parameterGradients[name]![i]), absoluteTolerance: tolerance))
            }
        }
    }

    @Test("The same generic code runs in Float and Float16")
    func precisions() throws {
        try checkPrecision(Float.self, tolerance: 1e-5)
        try checkPrecision(Float16.self, tolerance: 1e-2)
        try checkPrecision(Double.self, tolerance: 1e-15)
    }

    @Test("A chain that overflows Float16 gives Inf, not a crash")
    func float16Overflow() throws {
        let nested = try NestedFormula(parsing: "relu(w*x)")
        let result = try nested.evaluate(at: [Float16(0.5)], depths: [1, 2, 3, 4, 5, 6], parameters: ["w": 8])
        #expect(result[5]!.y == [16384] && result[5]!.dydx == [32768])
        #expect(result[6]!.y == [.infinity] && result[6]!.dydx == [.infinity])
        let direct = try Formula(parsing: "exp(w*x)").evaluate(at: [Float16(20)], parameters: ["w": 1])
        #expect(direct.y == [.infinity] && direct.dydx == [.infinity] && direct.parameterGradients["w"] == [.infinity])
    }
}
