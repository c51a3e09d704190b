import Foundation
import RealModule
import Testing
import _Differentiation
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct ActivationTests {
    static let zs: [Double] = [-30, -7.5, -2, -1, -0.25, -1e-8, 0, 1e-8, 0.3, 1, 2.5, 9, 30]

    @Test("Every derivative matches a central finite difference", arguments: Activation.all)
    func derivativeMatchesFiniteDifference(activation: Activation) {
        // relu, leaky relu and elu have a kink at 0, where a central difference is meaningless.
        let kinked: Set<Activation> = [.relu, .leakyRelu(slope: 0.01), .elu(alpha: 1)]
        for z in Self.zs where !kinked.contains(activation) || abs(z) > 1e-6 {
            let h = 1e-6 * max(1, abs(z))
            let numeric = (activation(z + h) - activation(z - h)) / (2 * h)
            let exact = activation.derivative(at: z)
            #expect(abs(numeric - exact) <= 1e-7 * max(1, abs(exact)), "\(activation) at \(z): \(exact) vs \(numeric)")
        }
    }

    @Test("tanh and sigmoid derivatives keep relative accuracy deep in saturation")
    func saturatedDerivatives() {
        // sech²(30) = 4e^−60/(1+e^−60)², σ'(−30) = e^−30/(1+e^−30)²: mpmath values.
        #expect(Activation.tanh.derivative(at: 30.0).isApproximatelyEqual(to: 3.5026043050786081e-26, relativeTolerance: 1e-14))
        #expect(Activation.sigmoid.derivative(at: -30.0).isApproximatelyEqual(to: 9.3576229688384233e-14, relativeTolerance: 1e-14))
        #expect(Activation.sigmoid(-30.0).isApproximatelyEqual(to: 9.357622968839299e-14, relativeTolerance: 1e-14))
    }

    @Test("relu'(0) is 0, as in PyTorch and JAX")
    func reluAtZero() {
        #expect(Activation.relu.derivative(at: 0.0) == 0)
        #expect(Activation.relu.derivative(at: Float16(0.5)) == 1)
    }

    /// The limits at +Inf and −Inf that the doc comment of each case states: (φ, φ') at +Inf, then at −Inf.
    static let limits: [(Activation, plus: (Double, Double), minus: (Double, Double))] = [
        (.relu, (.infinity, 1), (0, 0)),
        (.leakyRelu(slope: 0.01), (.infinity, 1), (-.infinity, 0.01)),
        (.tanh, (1, 0), (-1, 0)),
        (.sigmoid, (1, 0), (0, 0)),
        (.linear, (.infinity, 1), (-.infinity, 1)),
        (.softplus, (.infinity, 1), (0, 0)),
        (.elu(alpha: 1), (.infinity, 1), (-1, 0)),
        (.gelu, (.infinity, 1), (0, 0)),
        (.swish, (.infinity, 1), (0, 0)),
        (.sine, (.nan, .nan), (.nan, .nan)),
    ]

    @Test("Every activation has its limits checked")
    func limitsCoverAll() {
        #expect(Self.limits.map(\.0) == Activation.all)
    }

    @Test("NaN propagates and ±Inf give the documented limits, in every precision", arguments: Self.limits.indices)
    func nonFinite(index: Int) {
        let (activation, plus, minus) = Self.limits[index]
        func same(_ got: Double, _ expected: Double) -> Bool { got == expected || (got.isNaN && expected.isNaN) }
        func check<T: GradFloat>(_: T.Type) {
            let (v, d) = activation.valueAndDerivative(at: T.nan)
            #expect(v.isNaN && d.isNaN, "\(activation) \(T.self) at NaN")
            for (z, limit) in [(T.infinity, plus), (-T.infinity, minus)] {
                let (value, derivative) = activation.valueAndDerivative(at: z)
                // Each limit is exact in every format: ±Inf, ±1, 0 or the slope rounded to T.
                #expect(same(Double(value), Double(T(limit.0))) && same(Double(derivative), Double(T(limit.1))),
                        "\(activation) \(T.self) at \(z): (\(value), \(derivative)), expected \(limit)")
            }
        }
        check(Double.self)
        check(Float.self)
        check(Float16.self)
        check(BFloat16.self)
    }

    @Test("Derivatives agree with Swift's automatic differentiation")
    func agreesWithDifferentiation() {
        @differentiable(reverse) func tanhRef(_ z: Double) -> Double { Foundation.tanh(z) }
        @differentiable(reverse) func sigmoidRef(_ z: Double) -> Double { 1 / (1 + Foundation.exp(-z)) }
        @differentiable(reverse) func softplusRef(_ z: Double) -> Double { Foundation.log(1 + Foundation.exp(z)) }
        @differentiable(reverse) func sinRef(_ z: Double) -> Double { Foundation.sin(z) }
        for z in [-3.0, -0.5, 0.1, 1.7, 4.0] {
            #expect(Activation.tanh.derivative(at: z).isApproximatelyEqual(to: gradient(at: z, of: tanhRef), relativeTolerance: 1e-13))
            #expect(Activation.sigmoid.derivative(at: z).isApproximatelyEqual(to: gradient(at: z, of: sigmoidRef), relativeTolerance: 1e-13))
            #expect(Activation.softplus.derivative(at: z).isApproximatelyEqual(to: gradient(at: z, of: softplusRef), relativeTolerance: 1e-13))
            #expect(Activation.sine.derivative(at: z).isApproximatelyEqual(to: gradient(at: z, of: sinRef), relativeTolerance: 1e-13))
        }
    }

    @Test("The same generic code runs in Float16, Float and Double")
    func genericPrecisions() {
        func check<T: GradFloat>(_: T.Type, tolerance: T) {
            let (y, d) = Activation.tanh.valueAndDerivative(at: T(0.5))
            #expect(y.isApproximatelyEqual(to: T(0.46211715726000974), relativeTolerance: tolerance))
            #expect(d.isApproximatelyEqual(to: T(0.7864477329659274), relativeTolerance: tolerance))
        }
        check(Float16.self, tolerance: 2e-3)
        check(Float.self, tolerance: 1e-6)
        check(Double.self, tolerance: 1e-15)
    }

    @Test("Names resolve, aliases included")
    func names() {
        #expect(Activation(named: "sig") == .sigmoid)
        #expect(Activation(named: "SiLU") == .swish)
        #expect(Activation(named: "leaky-relu") == .leakyRelu(slope: 0.01))
        #expect(Activation(named: "tanhh") == nil)
        #expect(Activation.sigmoid.maxSlope == 0.25)
    }
}
