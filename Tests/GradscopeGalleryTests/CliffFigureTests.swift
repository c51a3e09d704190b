import GradscopeCharts
import Foundation
import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

/// The cliff figure's caption is checked against the analytic wall b = x_0 − w·σ(x_0), not the data.
@Suite struct CliffFigureTests {
    static let figure = CliffFigure.make()

    @Test("Two heatmaps with the wall and both runs drawn on top, downsampled to 128×128")
    func charts() throws {
        #expect(Self.figure.charts.count == 2)
        #expect(Self.figure.svg.contains("wall (bisection)") && Self.figure.svg.contains("unclipped"))
        #expect(Self.figure.svg.utf8.count < 2_000_000)
        #expect(Self.figure.caption.contains("on a 512×512 grid in Float64 (drawn as 128×128 blocks"))
    }

    @Test("The caption names the wall where x_0 is the unstable fixed point, from w = 8 to w = 14 (w = 5…7 are smooth)")
    func wall() {
        let sigmoidHalf = 1 / (1 + exp(-0.5))
        #expect(Self.figure.caption.contains("at 7 of 13 sampled w, from b = \(NumberText.caption(0.5 - 8 * sigmoidHalf)) at w = 8"))
        #expect(Self.figure.caption.contains("to b = \(NumberText.caption(0.5 - 14 * sigmoidHalf)) at w = 14"))
    }

    @Test("The table: the unclipped run takes a long step and leaves the window; the clipped one steps at most η·threshold")
    func runs() {
        let longest = Self.figure.table.numbers("longest_step"), endB = Self.figure.table.numbers("end_b")
        #expect(longest[0] > 5 && endB[0] > 2)
        #expect(longest[1] <= 1 + 1e-12 && endB[1] < 2)
        #expect(Self.figure.data.rows.count == 82)
        #expect(Self.figure.caption.contains("unclipped — longest step \(NumberText.caption(longest[0]))"))
    }
}
