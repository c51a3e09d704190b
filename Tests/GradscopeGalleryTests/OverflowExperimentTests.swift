import Testing
import GradscopeCore
@testable import GradscopeGallery

/// `overflow` keeps its depth table for all nine formats, and `chain --overflow` rounds past the
/// largest finite value as the rule says, in every format.
@Suite struct OverflowExperimentTests {
    /// (format, overflow depth of tanh w = 8 at 0, underflow depth of tanh w = 0.5 at 0): the slope is
    /// w^L, derived by hand (see EightBitsFigureTests; the narrow rows are issue #14's table).
    static let handDerived: [(Precision, Int, Int)] = [
        (.float16, 6, 25), (.bfloat16, 43, 134), (.float32, 43, 150), (.float64, 342, 1075),
        (.float8E4M3FN, 3, 10), (.float8E5M2, 6, 17), (.float6E3M2FN, 2, 5), (.float6E2M3FN, 1, 4), (.float4E2M1FN, 1, 2),
    ]

    @Test("Overflow and underflow depths of the post's chain, predicted and observed, in all nine formats, both rules",
          arguments: OverflowRule.allCases)
    func depthTable(rule: OverflowRule) throws {
        let formats = Self.handDerived.map(\.0)
        let over = try OverflowExperiment(settings: .init(weight: 8, maxDepth: 2000, precisions: formats, overflow: rule)).run(progress: nil)
        let under = try OverflowExperiment(settings: .init(weight: 0.5, maxDepth: 2000, precisions: formats, overflow: rule)).run(progress: nil)
        #expect(over.document.forecasts.map(\.precision) == formats)
        #expect(over.document.forecasts.map(\.slope.observedOverflowDepth) == Self.handDerived.map(\.1))
        #expect(over.document.forecasts.map(\.slope.predictedOverflowDepth) == Self.handDerived.map(\.1))
        #expect(under.document.forecasts.map(\.slope.observedUnderflowDepth) == Self.handDerived.map(\.2))
        #expect(under.document.forecasts.map(\.slope.predictedUnderflowDepth) == Self.handDerived.map(\.2))
        #expect(over.document.overflow == rule)
        // The CSV has one row per format, the slope's depths first, empty where nothing happens.
        #expect(over.table.rows.count == 9)
        #expect(over.table.csv.split(separator: "\n")[1].hasPrefix("float16,6,6,,,"))
        #expect(over.table.csv.split(separator: "\n")[5].hasPrefix("float8_e4m3fn,3,3,,,"))
    }

    /// d_l = (d_{l−1}·w)·tanh'(0) = 8^l rounded to the format: 8, 64, then 512 is past float8_e4m3fn's
    /// 448 (its overflow threshold is 464): NaN by the OCP rule, 448 saturated, and 448·8 saturates again.
    @Test("A float8_e4m3fn tanh chain with w = 8: dy/dx is 8, 64, NaN… (nonfinite) or 8, 64, 448… (saturate)")
    func float8E4M3FNChain() throws {
        let nonfinite = try ChainExperiment(settings: .init(weight: 8, depth: 5, precision: .float8E4M3FN)).run(progress: nil)
        let saturate = try ChainExperiment(settings: .init(weight: 8, depth: 5, precision: .float8E4M3FN, overflow: .saturate)).run(progress: nil)
        let slopes = nonfinite.document.layers.map(\.dydx)
        #expect(slopes[0] == 8 && slopes[1] == 64 && slopes[2...].allSatisfy { $0.isNaN }, "\(slopes)")
        #expect(saturate.document.layers.map(\.dydx) == [8, 64, 448, 448, 448])
        // ∂y_5/∂b_l runs backwards: 1, 8, 64 from the last layer, then 512 → NaN or 448, and 448·8 → 448.
        let biases = nonfinite.document.layers.map(\.outputGradientBias)
        #expect(biases[2...] == [64, 8, 1] && biases[0...1].allSatisfy { $0.isNaN }, "\(biases)")
        #expect(saturate.document.layers.map(\.outputGradientBias) == [448, 448, 64, 8, 1])
        #expect(nonfinite.document.layers.map(\.output) == [0, 0, 0, 0, 0] && saturate.document.layers.map(\.output) == [0, 0, 0, 0, 0])
        #expect(saturate.document.overflow == .saturate && nonfinite.document.overflow == .nonfinite)
        #expect(saturate.table.csv.split(separator: "\n")[3] == "3,0.0,0.0,1.0,448.0,0.0,64.0")
        #expect(nonfinite.table.csv.split(separator: "\n")[3] == "3,0.0,0.0,1.0,nan,0.0,64.0")
        #expect(saturate.summary.contains("overflow rule saturate"))
    }

    /// float8_e5m2: 8^6 = 262144 is past 57344 (threshold 61440): +Inf or 57344. The formats without Inf
    /// and NaN saturate under both rules (float6_e3m2fn: 64 → 28), and the wide ones always give +Inf.
    @Test("dy/dx of the w = 8 tanh chain in every format under both rules", arguments: [
        (Precision.float8E5M2, OverflowRule.nonfinite, [8, 64, 512, 4096, 32768, .infinity, .infinity]),
        (.float8E5M2, .saturate, [8, 64, 512, 4096, 32768, 57344, 57344]),
        (.float6E3M2FN, .nonfinite, [8, 28, 28, 28, 28, 28, 28]),
        (.float6E3M2FN, .saturate, [8, 28, 28, 28, 28, 28, 28]),
        (.float6E2M3FN, .saturate, [7.5, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5]),
        (.float4E2M1FN, .nonfinite, [6, 6, 6, 6, 6, 6, 6]),
        (.float16, .saturate, [8, 64, 512, 4096, 32768, .infinity, .infinity]),
    ] as [(Precision, OverflowRule, [Double])])
    func everyFormat(precision: Precision, rule: OverflowRule, expected: [Double]) throws {
        let report = try ChainExperiment(settings: .init(weight: 8, depth: 7, precision: precision, overflow: rule)).run(progress: nil)
        #expect(report.document.layers.map(\.dydx) == expected)
    }
}
