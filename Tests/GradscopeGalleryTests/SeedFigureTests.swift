import Foundation
import GradscopeTestSupport
import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

/// Every caption's numbers are checked against fixed constants and the mpmath
/// reference, not against the data that produced them.
@Suite struct SeedFigureTests {
    static let figures = Tour.seedFigures()

    func figure(_ system: SeedSystem) -> Figure { Self.figures.first { $0.system == system }! }

    @Test("The tour has S1–S8 in the post's order, each with a chart, a table and data")
    func order() {
        #expect(Self.figures.map(\.system) == SeedSystem.allCases.map { $0 })
        for f in Self.figures {
            #expect(!f.charts.isEmpty && !f.table.rows.isEmpty && !f.data.rows.isEmpty && !f.caption.isEmpty, "\(f.id)")
        }
    }

    @Test("S1: relu slopes 8, 64, 512 for x > 0")
    func relu() {
        let f = figure(.s1Relu)
        #expect(f.table.numbers("slope_for_x_gt_0") == [8, 64, 512])
        #expect(f.caption.contains("8, 64, 512"))
        #expect(f.caption.contains("the same at every x > 0"))
    }

    @Test("S2: tanh slope at 0 is 8^L")
    func tanh() {
        let f = figure(.s2Tanh)
        #expect(f.table.numbers("slope_at_0") == [8, 64, 512])
        #expect(f.caption.contains("8, 64, 512 = 8^L"))
    }

    @Test("S3: three steep slopes at x = −0.125, 0, 0.125 with |dy/dx| ≈ 200 (mpmath)")
    func minefield() {
        let f = figure(.s3Minefield)
        #expect(f.table.numbers("x") == [-0.125, 0, 0.125])
        let expected = [199.96364379463665, -199.92736670762248, 199.96364379463665]
        for (got, want) in zip(f.table.numbers("dydx"), expected) {
            #expect(abs(got - want) <= 1e-12 * abs(want), "\(got) vs \(want)")
        }
        #expect(f.caption.hasPrefix("3 steep slopes"))
    }

    @Test("S4: the lowest value rises towards 1 (σ(−8) = 3.3535e−4 at depth 1)")
    func sigmoid() {
        let lows = figure(.s4Sigmoid).table.numbers("y_at_minus_1")
        #expect(abs(lows[0] - 0.0003353501304664781) <= 1e-15)
        #expect(lows[0] < lows[1] && lows[1] < lows[2] && lows[2] < 1)
        #expect(lows[1] > 0.5)
    }

    @Test("S5: sigmoid with bias −w/2 has slope 2^L at 0")
    func sigmoidBias() {
        for (got, want) in zip(figure(.s5SigmoidBias).table.numbers("slope_at_0"), [2.0, 4, 8]) {
            #expect(abs(got - want) <= 1e-14 * want)
        }
        #expect(figure(.s5SigmoidBias).caption.contains("2, 4, 8 = 2^L"))
    }

    @Test("S6: overflow at depths 6, 43, 43, 342 — 8^L against 65504, 3.39e38, 3.40e38, 1.80e308")
    func product() {
        let f = figure(.s6Product)
        let expected = [6.0, 43, 43, 342]
        #expect(f.table.numbers("observed_overflow_depth") == expected)
        #expect(f.table.numbers("predicted_overflow_depth") == expected)
        for (depth, limit) in zip([6, 43, 43, 342], [65504.0, 3.3895313892515355e38, 3.4028234663852886e38, .greatestFiniteMagnitude]) {
            // Independently: 8^(d−1) is finite and 8^d is not, in the format.
            #expect(Double.pow(8, Double(depth - 1)) <= limit)
            #expect(depth == 342 || Double.pow(8, Double(depth)) > limit)
        }
        #expect(f.caption.contains("Float16 at depth 6, BFloat16 at depth 43, Float32 at depth 43, Float64 at depth 342"))
        #expect(f.caption.contains("confirmed by running"))
    }

    @Test("S7: one unit vanishes (≤ 0.7^T); four relu units grow as 2.8^T and overflow Float32 at step 88")
    func recurrentClaim() {
        let f = figure(.s7Rnn)
        let at120 = f.table.numbers("log10_norm_at_120")
        #expect(at120[0] <= 120 * Double.log10(0.7) + 1e-9)
        #expect(abs(at120[2] - 120 * Double.log10(2.8)) < 1e-9)
        // Independently: the entries of W^T are 0.7^T·4^(T−1) = 2.8^T/4; in Float32 the first to exceed 3.4028e38 is T = 88.
        let first = (1...200).first { Double.pow(2.8, Double($0)) / 4 > Double(Float.greatestFiniteMagnitude) }
        #expect(first == 88)
        #expect(f.table.numbers("float32_overflow_step")[2] == 88)
        #expect(at120[1] < -100, "four tanh units saturate and vanish")
    }

    @Test("S8: the gradient through 3 tanh steps is 512 at h0 = 0 and tiny at h0 = 1; 0.125 = 0.5³ with w = 0.5")
    func initialState() {
        let f = figure(.s8InitialState)
        let w8 = f.table.numbers("gradient_w8_T3"), w05 = f.table.numbers("gradient_w0_5_T3")
        #expect(w8[0] == 512)
        #expect(w05[0] == 0.125)
        #expect(w8[3] < 1e-15)
    }

    @Test("S1, S2, S4 data agree with the mpmath reference at the depths they share")
    func reference() throws {
        let url = try #require(Bundle.module.url(forResource: "curves", withExtension: "csv", subdirectory: "Resources"))
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        var checked = 0
        for (system, act) in [(SeedSystem.s1Relu, "relu"), (.s2Tanh, "tanh"), (.s4Sigmoid, "sigmoid")] {
            let data = figure(system).data
            let depths = data.numbers("depth"), xs = data.numbers("x"), ys = data.numbers("y"), ds = data.numbers("dydx")
            for r in rows where r[0] == act && r[1] == "8.0" && r[2] == "0.0" {
                let depth = Double(r[3])!, x = Double(r[4])!
                guard let i = depths.indices.first(where: { depths[$0] == depth && xs[$0] == x }) else { continue }
                #expect(abs(ys[i] - Double(r[5])!) <= 1e-12 * abs(Double(r[5])!))
                #expect(abs(ds[i] - Double(r[6])!) <= 1e-12 * abs(Double(r[6])!))
                checked += 1
            }
        }
        #expect(checked >= 10)
    }
}
