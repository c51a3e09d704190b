import Testing
import GradscopeCore
@testable import GradscopeGallery

/// "Eight bits and fewer": the depths against hand-derived values, the recipes' story, and
/// every caption number read back from the data.
@Suite struct EightBitsFigureTests {
    static let eight = EightBitsFigure.make()
    static let figures = eight.figures

    /// (precision, overflow depth with w = 8, underflow depth with w = 0.5), derived by hand:
    /// the slope at 0 is w^L; it overflows at the first L with 8^L rounding past the format's
    /// maximum (the weight rounded first: 8 → 7.5 in e2m3fn and 6 in e2m1fn, both saturating at
    /// depth 1) and underflows at the first L with 2^−L ≤ half the smallest subnormal (a tie
    /// with an even zero): Float16 2^−24 → 25, BFloat16 2^−133 → 134, Float32 2^−149 → 150,
    /// Float64 2^−1074 → 1075; the narrow ones are issue #14's table.
    static let handDerived: [(Precision, Int, Int)] = [
        (.float16, 6, 25), (.bfloat16, 43, 134), (.float32, 43, 150), (.float64, 342, 1075),
        (.float8E4M3FN, 3, 10), (.float8E5M2, 6, 17), (.float6E3M2FN, 2, 5), (.float6E2M3FN, 1, 4), (.float4E2M1FN, 1, 2),
    ]

    @Test("All nine formats: predicted and observed depths equal the hand-derived ones")
    func depths() {
        let depths = Self.eight.depths
        #expect(depths.map(\.precision) == Self.handDerived.map(\.0))
        for (d, (_, over, under)) in zip(depths, Self.handDerived) {
            #expect(d.overflow.predicted == over && d.overflow.observed == over, "\(d.precision)")
            #expect(d.underflow.predicted == under && d.underflow.observed == under, "\(d.precision)")
        }
    }

    @Test("The depths table holds the same numbers, one row per format")
    func depthsTable() {
        let table = Self.figures[0].table
        #expect(table.rows.count == 9)
        #expect(table.numbers("overflow_depth_observed") == Self.handDerived.map { Double($0.1) })
        #expect(table.numbers("overflow_depth_predicted") == Self.handDerived.map { Double($0.1) })
        #expect(table.numbers("underflow_depth_observed") == Self.handDerived.map { Double($0.2) })
        #expect(table.numbers("underflow_depth_predicted") == Self.handDerived.map { Double($0.2) })
        #expect(table.numbers("largest_finite") == [65504, 3.3895313892515355e38, 3.4028234663852886e38, .greatestFiniteMagnitude,
                                                   448, 57344, 28, 7.5, 6])
    }

    @Test("The depths caption lists the narrow formats' depths from the data")
    func depthsCaption() {
        #expect(Self.figures[0].caption == "With w = 8 the slope overflows at depth float8_e4m3fn 3, float8_e5m2 6, float6_e3m2fn 2, float6_e2m3fn 1, float4_e2m1fn 1; with w = 0.5 it rounds to zero at depth float8_e4m3fn 10, float8_e5m2 17, float6_e3m2fn 5, float6_e2m3fn 4, float4_e2m1fn 2 — in all nine formats the depth predicted from Σ log|w·φ'| is the depth observed by running the chain.")
    }

    @Test("The story: delayed scaling overflows at the spike, the other recipes stay finite")
    func story() {
        let runs = Self.eight.runs
        #expect(runs.map(\.recipe) == EightBitsFigure.recipes)
        #expect(runs.map(\.firstNaNStep) == [nil, nil, 40, nil])
        #expect(runs.map(\.steps.count) == [60, 60, 40, 60])
        // Before the spike delayed scaling overflowed nothing; at the spike the inputs y_0 did.
        let delayed = runs[2]
        #expect(delayed.steps[38].loss.isFinite)
        #expect((delayed.counts[.activations]?.overflowed ?? 0) > 0)
        for run in [runs[0], runs[1]] {
            #expect(run.counts.values.allSatisfy { $0.overflowed == 0 }, "\(run.recipe)")
            #expect(run.finalLoss.isFinite && run.finalLoss < run.steps[0].loss, "\(run.recipe)")
        }
        #expect(runs[3].finalLoss.isFinite && runs[3].finalLoss < runs[3].steps[0].loss)
        // Unscaled casts lose the small values; current scaling keeps almost all of them.
        let plain = runs[0].counts[.gradients]!, current = runs[1].counts[.gradients]!
        #expect(plain.flushedToZeroFraction > 10 * current.flushedToZeroFraction)
        #expect(plain.subnormalFraction > 100 * current.subnormalFraction)
    }

    @Test("The recipes table is the runs' counts, whole")
    func recipesTable() {
        let table = Self.figures[1].table
        #expect(table.rows.count == 4)
        for kind in TensorKind.allCases {
            #expect(table.numbers("\(kind.rawValue)_overflowed") == Self.eight.runs.map { $0.counts[kind]!.overflowedFraction })
            #expect(table.numbers("\(kind.rawValue)_flushed") == Self.eight.runs.map { $0.counts[kind]!.flushedToZeroFraction })
            #expect(table.numbers("\(kind.rawValue)_subnormal") == Self.eight.runs.map { $0.counts[kind]!.subnormalFraction })
        }
        let losses = table.numbers("final_loss")
        #expect(losses[0] == Self.eight.runs[0].finalLoss && losses[1] == Self.eight.runs[1].finalLoss && losses[2].isNaN && losses[3] == Self.eight.runs[3].finalLoss)
        #expect(Self.figures[1].data.rows.count == 60 + 60 + 40 + 60)
    }

    @Test("Every number of the recipes caption comes from the runs")
    func recipesCaption() {
        let runs = Self.eight.runs
        func percent(_ x: Double) -> String { TerminalNumber.short((x * 1000).rounded() / 10) + " %" }
        let g = runs[0].counts[.gradients]!, w = runs[0].counts[.weights]!
        let expected = "Unscaled, \(percent(g.flushedToZeroFraction)) of the gradients flush to zero and \(percent(g.subnormalFraction)) are subnormal (weights: \(percent(w.flushedToZeroFraction)) and \(percent(w.subnormalFraction))). "
            + "scale=delayed(history 1024, margin 1) turns the loss into NaN at step 40 — the step whose inputs spike ×100, which its amax history had not seen. "
            + "Finite through all 60 steps: scale=none (final loss \(TerminalNumber.short(runs[0].finalLoss))), scale=current(margin 1) (final loss \(TerminalNumber.short(runs[1].finalLoss))), scale=mx (final loss \(TerminalNumber.short(runs[3].finalLoss)))."
        #expect(Self.figures[1].caption == expected)
        print(Self.figures[1].caption)
    }

    @Test("The tour lists the section after the autopsy, and the figures carry their ids")
    func tour() {
        #expect(Self.figures.map(\.id) == EightBitsFigure.figureIDs)
        #expect(Tour.sections[2].title == "Eight bits and fewer" && Tour.sections[2].figureIDs == EightBitsFigure.figureIDs)
    }
}
