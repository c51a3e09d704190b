import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks

/// The post's chain y = tanh(w·y), slope at x = 0 equal to w^L, in the narrow formats.
@Suite struct NarrowFormatOverflowTests {
    /// Hand-derived: 8^L first rounds past 464 (e4m3fn) at L = 3 (512), past 61440 (e5m2) at 6
    /// (262144), past 30 (e3m2fn) at 2 (64); 8 itself does not fit e2m3fn (max 7.5) or e2m1fn
    /// (max 6): depth 1. 0.5^L first rounds to 0 at half the smallest subnormal: 2⁻¹⁰, 2⁻¹⁷,
    /// 2⁻⁵, 2⁻⁴, 2⁻².
    static let depths: [(Precision, overflow: Int, underflow: Int)] = [
        (.float8E4M3FN, 3, 10), (.float8E5M2, 6, 17), (.float6E3M2FN, 2, 5), (.float6E2M3FN, 1, 4), (.float4E2M1FN, 1, 2),
    ]

    @Test("Overflow depth at w = 8, predicted and observed, in both overflow modes", arguments: depths, OverflowRule.allCases)
    func overflow(_ row: (Precision, overflow: Int, underflow: Int), _ rule: OverflowRule) {
        var forecaster = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0, maxDepth: 40)
        forecaster.overflow = rule
        let forecast = forecaster.forecast(in: row.0)
        #expect(forecast.slope.predictedOverflowDepth == row.overflow)
        #expect(forecast.slope.observedOverflowDepth == row.overflow)
        #expect(forecast.slope.observedUnderflowDepth == nil)
    }

    @Test("Underflow depth at w = 0.5, predicted and observed", arguments: depths)
    func underflow(_ row: (Precision, overflow: Int, underflow: Int)) {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 0.5), input: 0, maxDepth: 40).forecast(in: row.0)
        #expect(forecast.slope.predictedUnderflowDepth == row.underflow)
        #expect(forecast.slope.observedUnderflowDepth == row.underflow)
        #expect(forecast.slope.observedOverflowDepth == nil)
    }

    @Test("e4m3fn runs the chain to NaN, or to 448 when saturating")
    func nonfiniteOrSaturated() {
        #expect(Precision.float8E4M3FN.roundsPastGreatestFinite(512))
        #expect(!Precision.float8E4M3FN.roundsPastGreatestFinite(464))
        #expect(Precision.float6E2M3FN.roundsPastGreatestFinite(7.75))
        #expect(Precision.float16.roundsPastGreatestFinite(65520))
        #expect(!Precision.float16.roundsPastGreatestFinite(65519))
        var forecaster = OverflowForecaster(layer: ChainLayer(activation: .relu, weight: 8), input: 1, maxDepth: 5)
        #expect(forecaster.forecast(in: .float8E4M3FN).forwardOverflowDepth == 3)
        forecaster.overflow = .saturate
        let saturated = forecaster.forecast(in: .float8E4M3FN)
        #expect(saturated.forwardOverflowDepth == nil, "y saturates at 448 and stays finite")
        #expect(saturated.slope.observedOverflowDepth == 3)
    }
}
