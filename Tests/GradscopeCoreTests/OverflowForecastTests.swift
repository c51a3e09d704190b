import Foundation
import Testing
@testable import GradscopeNumerics
@testable import GradscopeNetworks
@testable import GradscopeTheory

@Suite struct OverflowForecastTests {
    /// 8^L first exceeds each format's largest finite value at L = 6 (8^6 = 262144 > 65504),
    /// 43 (2^129 > 3.39e38 and > 3.40e38) and 342 (2^1026 > 1.8e308).
    @Test("tanh w = 8 at x = 0: dy/dx = 8^L overflows at the predicted depth in every format",
          arguments: [(Precision.float16, 6), (.bfloat16, 43), (.float32, 43), (.float64, 342)])
    func tanhOverflow(precision: Precision, depth: Int) throws {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0).forecast(in: precision)
        #expect(forecast.slope.predictedOverflowDepth == depth)
        #expect(forecast.slope.observedOverflowDepth == depth)
        // ∂y/∂b₁ = 8^(L−1): one layer later.
        #expect(forecast.firstBias.observedOverflowDepth == depth + 1)
        #expect(forecast.firstBias.predictedOverflowDepth == depth + 1)
        #expect(forecast.slope.observedUnderflowDepth == nil)
        #expect(forecast.firstWeight.observedOverflowDepth == nil, "∂y/∂w₁ = 0·∂y/∂b₁ at x = 0")
        #expect(forecast.confirmedByBackprop)
    }

    /// 0.5^L rounds to 0 once it is at most half the smallest subnormal: 2^−25, 2^−134, 2^−150, 2^−1075.
    /// BFloat16 and Float32 share an exponent range but not a subnormal range, so they differ here.
    @Test("tanh w = 0.5 at x = 0 underflows at 25, 134, 150 and 1075 layers",
          arguments: [(Precision.float16, 25), (.bfloat16, 134), (.float32, 150), (.float64, 1075)])
    func tanhUnderflow(precision: Precision, depth: Int) {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 0.5), input: 0, maxDepth: 2000).forecast(in: precision)
        #expect(forecast.slope.predictedUnderflowDepth == depth)
        #expect(forecast.slope.observedUnderflowDepth == depth)
        #expect(forecast.firstBias.observedUnderflowDepth == depth + 1, "∂y/∂b₁ lacks the first weight 0.5")
        #expect(forecast.slope.observedOverflowDepth == nil)
        #expect(forecast.confirmedByBackprop)
    }

    @Test("relu w = 8 at x = 1 overflows forward and backward in Float32 at depth 43")
    func reluForward() {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .relu, weight: 8), input: 1).forecast(in: .float32)
        #expect(forecast.forwardOverflowDepth == 43)
        #expect(forecast.slope.observedOverflowDepth == 43)
        #expect(forecast.firstWeight.observedOverflowDepth == 44, "∂y/∂w₁ = x·8^(L−1)")
    }

    @Test("A dead relu is an exact zero, not an underflow")
    func deadRelu() {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .relu, weight: 8), input: -0.5).forecast(in: .float32)
        #expect(forecast.exactZeroDepth == 1)
        #expect(forecast.slope.observedUnderflowDepth == nil)
        #expect(forecast.slope.predictedUnderflowDepth == nil)
        #expect(forecast.notes.contains { $0.contains("exactly zero") })
    }

    @Test("Saturated tanh: φ' underflows on its own in Float16, and the note says so")
    func saturatedFloat16() {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 1, maxDepth: 200).forecast(in: .float16)
        // a = 8·tanh(…) ≈ 8, sech²(8) ≈ 4.5e−7: a Float16 subnormal (≥ 6e−8), 8·4.5e−7 = 3.6e−6 per layer.
        let predicted = try! #require(forecast.slope.predictedUnderflowDepth)
        let observed = try! #require(forecast.slope.observedUnderflowDepth)
        #expect(abs(predicted - observed) <= 1)
        #expect(observed == 2)
    }

    @Test("JSON writes absent depths as null")
    func jsonNulls() throws {
        let forecast = OverflowForecaster(layer: ChainLayer(activation: .tanh, weight: 8), input: 0, maxDepth: 100).forecast(in: .float64)
        let json = String(decoding: try JSONEncoder().encode(forecast), as: UTF8.self)
        #expect(json.contains("\"predictedOverflowDepth\":null"))
        #expect(json.contains("\"firstWeight\":{") && json.components(separatedBy: "null").count - 1 >= 10, "nested depths are null too: \(json)")
        #expect(json.contains("\"precision\":\"float64\""))
        let decoded = try JSONDecoder().decode(OverflowForecast.self, from: Data(json.utf8))
        #expect(decoded == forecast)
    }
}
