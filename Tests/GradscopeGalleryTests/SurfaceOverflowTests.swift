import Testing
import GradscopeCore
@testable import GradscopeGallery

/// `surface --overflow`: in float8_e4m3fn (no Inf) an overflow is NaN under `nonfinite` and ±448
/// under `saturate`; where nothing overflowed both rules give the same bits.
@Suite struct SurfaceOverflowTests {
    static func run(_ rule: OverflowRule, precision: Precision = .float8E4M3FN) throws -> SurfaceExperiment.Document {
        try SurfaceExperiment(settings: .init(steps: 20, grid: 16, start: nil, precision: precision, overflow: rule)).run(progress: nil).document
    }

    @Test("float8_e4m3fn: the NaN points of nonfinite are finite under saturate, every other point is the same")
    func narrow() throws {
        let nonfinite = try Self.run(.nonfinite), saturated = try Self.run(.saturate)
        let nanPoints = nonfinite.dLossDWGrid.indices.filter { nonfinite.dLossDWGrid[$0].isNaN }
        #expect(nanPoints == [62, 76, 77, 105, 120])
        #expect(saturated.dLossDWGrid.allSatisfy { $0.isFinite && abs($0) <= 448 })
        for i in nonfinite.dLossDWGrid.indices where !nanPoints.contains(i) {
            #expect(nonfinite.dLossDWGrid[i] == saturated.dLossDWGrid[i], "point \(i)")
        }
        #expect(nonfinite.lossGrid == saturated.lossGrid)
        #expect(nonfinite.overflow == .nonfinite && saturated.overflow == .saturate)
    }

    @Test("A wide format has no overflow key and the rule changes nothing")
    func wide() throws {
        let a = try Self.run(.nonfinite, precision: .float32), b = try Self.run(.saturate, precision: .float32)
        #expect(a.overflow == nil && b.overflow == nil)
        #expect(a.dLossDWGrid == b.dLossDWGrid && a.lossGrid == b.lossGrid)
    }
}
