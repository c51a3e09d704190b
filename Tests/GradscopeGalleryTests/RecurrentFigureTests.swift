import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

@Suite struct RecurrentFigureTests {
    static let figures = Tour.recurrentFigures()

    @Test("The adding-problem figure compares three models with the baseline 1/6; the LSTM gets below 0.05")
    func models() throws {
        let f = try #require(Self.figures.first { $0.id == "rnn-adding-models" })
        #expect(f.table.rows.count == 3 && !f.charts.isEmpty)
        let mse = f.table.numbers("final_test_mse")
        #expect(mse[0] <= 0.05, "LSTM test MSE \(mse[0])")
        #expect(f.caption.contains("Reached a test MSE ≤ 0.05 in 400 steps: LSTM, Adam, clip 1"))
        #expect(abs(f.table.numbers("fraction_of_baseline")[0] - mse[0] * 6) < 1e-12)
    }

    @Test("The divergence figure: the unclipped run stops with its first Inf and NaN; the clipped run stays finite")
    func divergence() throws {
        let f = try #require(Self.figures.first { $0.id == "rnn-adding-divergence" })
        #expect(f.caption.contains("Unclipped, the run stopped at step"))
        #expect(f.caption.contains("First Inf: step") && f.caption.contains("exceeds Float32's maximum"))
        #expect(f.caption.contains("Clipped at 1 it stayed finite for all 200 steps"))
        #expect(f.charts.count == 2)
    }
}
