import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct QuadratureTests {
    @Test("Gauss–Hermite gives the normal moments E[z^2k] = (2k − 1)!! and weights summing to 1", arguments: [64, 128, 200])
    func hermiteMoments(order: Int) {
        let rule = GaussHermite(order: order)
        #expect(abs(rule.weights.reduce(0, +) - 1) < 1e-14)
        var doubleFactorial = 1.0
        for k in 1...20 {
            doubleFactorial *= Double(2 * k - 1)
            let moment = rule.expectation { Foundation.pow($0, Double(2 * k)) }
            #expect(abs(moment / doubleFactorial - 1) < 1e-12, "k = \(k)")
        }
        #expect(abs(rule.expectation { $0 * $0 * $0 }) < 1e-13)
    }

    @Test("Gauss–Legendre (10) integrates degree-19 polynomials exactly")
    func legendre() {
        let rule = GaussLegendre.ten
        #expect(abs(rule.weights.reduce(0, +) - 2) < 1e-14)
        #expect(abs(rule.integrate(over: 0...1) { Foundation.pow($0, 19) } - 1.0 / 20) < 1e-15)
        #expect(abs(rule.integrate(over: -1...2) { $0 * $0 } - 3) < 1e-14)
    }

    @Test("The composite rule (relu taken through it numerically) matches the closed forms to 1e−12",
          arguments: [0.01, 0.5, 1, 4, 100, 1e4])
    func reluNumericalMatchesClosedForm(q: Double) {
        for alpha in [0.0, 0.01, 0.2] {
            let expectation = GaussianExpectation(activation: alpha == 0 ? .relu : .leakyRelu(slope: alpha))
            let numerical = expectation.numericalMoments(atVariance: q)
            let exact = GaussianExpectation.leakyMoments(slope: alpha, q)
            #expect(abs(numerical.meanSquare / exact.meanSquare - 1) < 1e-12, "q = \(q), α = \(alpha)")
            #expect(abs(numerical.slopeMeanSquare / exact.slopeMeanSquare - 1) < 1e-12)
            #expect(abs(numerical.lengthSlope / exact.lengthSlope - 1) < 1e-12)
            #expect(abs(numerical.mean - exact.mean) < 1e-12 * max(1, q.squareRoot()))
        }
    }

    @Test("Two-unit integrals of relu, nested and split at both kinks, match the arc-cosine kernel to 1e−10",
          arguments: [-0.9, -0.3, 0, 0.4, 0.8, 0.99, 1])
    func arcCosine(c: Double) {
        for q in [0.3, 2.0] {
            let numerical = GaussianExpectation(activation: .relu).numericalCorrelations(atVariance: q, correlation: c)
            let exact = GaussianExpectation.leakyCorrelations(slope: 0, q, c)
            #expect(abs(numerical.values - exact.values) < 1e-10 * q, "q = \(q), c = \(c)")
            #expect(abs(numerical.slopes - exact.slopes) < 1e-10, "q = \(q), c = \(c)")
        }
    }
}

@Suite struct MeanFieldKnownValueTests {
    @Test("tanh, σ_b = 0, σ_w² ≤ 1: q* = 0 and χ₁ = σ_w²", arguments: [0.25, 0.5, 0.9, 0.99, 1.0])
    func tanhOrdered(sigmaW2: Double) {
        let point = MeanField(activation: .tanh, sigmaW2: sigmaW2, sigmaB2: 0).fixedPoint()
        #expect(point.qStar < 1e-12)
        #expect(abs(point.chi1 - sigmaW2) < 1e-12)
        #expect(point.cStar == 1)
    }

    @Test("The critical point of tanh at σ_b = 0 is σ_w² = 1; relu's is 2 at every σ_b²")
    func criticalPoints() throws {
        let tanh = try #require(MeanField.criticalSigmaW2(activation: .tanh, sigmaB2: 0))
        #expect(abs(tanh - 1) < 1e-9)
        for b2 in [0, 0.05, 0.25] {
            let relu = try #require(MeanField.criticalSigmaW2(activation: .relu, sigmaB2: b2))
            #expect(abs(relu - 2) < 1e-10)
        }
    }

    @Test("relu: q* = σ_b²/(1 − σ_w²/2), χ₁ = σ_w²/2, ξ_c = −1/ln(σ_w²/2); q* = ∞ above σ_w² = 2")
    func reluClosedForm() {
        let point = MeanField(activation: .relu, sigmaW2: 1.5, sigmaB2: 0.1).fixedPoint()
        #expect(abs(point.qStar - 0.4) < 1e-13)
        #expect(abs(point.chi1 - 0.75) < 1e-15)
        #expect(abs(point.xiC - (-1 / log(0.75))) < 1e-12)
        let chaotic = MeanField(activation: .relu, sigmaW2: 2.5, sigmaB2: 0.1).fixedPoint()
        #expect(chaotic.qStar == .infinity)
        #expect(chaotic.chi1 == 1.25)
        #expect(chaotic.xiC.isNaN)
    }

    @Test("tanh, σ_b = 0, chaotic: c* = 0 (tanh is odd) and χ_c = σ_w² E[φ'(√q* z)]²")
    func tanhChaoticOdd() {
        let field = MeanField(activation: .tanh, sigmaW2: 2, sigmaB2: 0)
        let point = field.fixedPoint()
        #expect(abs(point.cStar) < 1e-12)
        let slopeMean = GaussHermite(order: 200).expectation { Activation.tanh.derivative(at: point.qStar.squareRoot() * $0) }
        #expect(abs(point.chiC - 2 * slopeMean * slopeMean) < 1e-9)
    }

    @Test("The critical line: χ₁ = 1 on it to 1e−10, σ_w² increasing in σ_b² from 1")
    func criticalLine() {
        let line = MeanField.criticalLine(activation: .tanh, sigmaB2s: stride(from: 0, through: 0.25, by: 0.05).map { $0 })
        #expect(line.count == 6)
        for (b2, w2) in line {
            #expect(abs(MeanField(activation: .tanh, sigmaW2: w2, sigmaB2: b2).fixedPoint().chi1 - 1) < 1e-10)
        }
        #expect(zip(line, line.dropFirst()).allSatisfy { $0.sigmaW2 < $1.sigmaW2 })
    }
}

/// One row of `Resources/meanfield_reference.csv` (scripts/gen_meanfield_reference.py, mpmath).
struct MeanFieldReference: Sendable, CustomStringConvertible {
    var kind: String
    var activation: Activation
    var sigmaW2, sigmaB2, qStar, chi1, chiQ, cStar, chiC, xiQ, xiC: Double

    var description: String { "\(kind) \(activation) σ_w² = \(sigmaW2), σ_b² = \(sigmaB2)" }

    static let all: [MeanFieldReference] = {
        let url = Bundle.module.url(forResource: "meanfield_reference", withExtension: "csv", subdirectory: "Resources")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            let n = f[2...].map { Double($0)! }
            return MeanFieldReference(kind: f[0], activation: Activation(named: f[1])!, sigmaW2: n[0], sigmaB2: n[1],
                                      qStar: n[2], chi1: n[3], chiQ: n[4], cStar: n[5], chiC: n[6], xiQ: n[7], xiC: n[8])
        }
    }()
}

@Suite struct MeanFieldReferenceTests {
    static let points = MeanFieldReference.all.filter { $0.kind == "point" }
    static let critical = MeanFieldReference.all.filter { $0.kind == "critical" }

    /// Relative error, with 1e−12 absolute near 0 and exact agreement for infinities.
    func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        if a == b { return true }
        guard a.isFinite, b.isFinite else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-3)
    }

    @Test("q*, χ₁, χ_q, c*, χ_c, ξ_q and ξ_c match mpmath to 1e−9", arguments: points)
    func point(reference: MeanFieldReference) {
        let p = MeanField(activation: reference.activation, sigmaW2: reference.sigmaW2, sigmaB2: reference.sigmaB2).fixedPoint()
        #expect(close(p.qStar, reference.qStar, 1e-9), "q* \(p.qStar) vs \(reference.qStar)")
        #expect(close(p.chi1, reference.chi1, 1e-9), "χ₁ \(p.chi1) vs \(reference.chi1)")
        #expect(close(p.chiQ, reference.chiQ, 1e-9), "χ_q \(p.chiQ) vs \(reference.chiQ)")
        #expect(close(p.cStar, reference.cStar, 1e-9), "c* \(p.cStar) vs \(reference.cStar)")
        #expect(close(p.chiC, reference.chiC, 1e-9), "χ_c \(p.chiC) vs \(reference.chiC)")
        #expect(close(p.xiC, reference.xiC, 1e-8), "ξ_c \(p.xiC) vs \(reference.xiC)")
        if reference.xiQ < 1e6 { #expect(close(p.xiQ, reference.xiQ, 1e-8), "ξ_q \(p.xiQ) vs \(reference.xiQ)") }
    }

    @Test("The critical σ_w² of tanh at σ_b² = 0.01, 0.05, 0.1, 0.25 matches mpmath to 1e−9 (the issue asks 1e−4)",
          arguments: critical)
    func criticalLine(reference: MeanFieldReference) throws {
        let w2 = try #require(MeanField.criticalSigmaW2(activation: .tanh, sigmaB2: reference.sigmaB2))
        #expect(abs(w2 - reference.sigmaW2) < 1e-9, "\(w2) vs \(reference.sigmaW2)")
    }
}
