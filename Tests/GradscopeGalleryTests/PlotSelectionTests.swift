import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

/// `plot --depth L`: the charts show the explorer's selection; long sweeps run in blocks with the same numbers.
@Suite struct PlotSelectionTests {
    @Test("The selection: all depths up to 7, else 1, 2, 3 and every quarter", arguments: [
        (3, [1, 2, 3]), (7, [1, 2, 3, 4, 5, 6, 7]), (8, [1, 2, 3, 4, 6, 8]), (1000, [1, 2, 3, 250, 500, 750, 1000]),
    ])
    func selection(depth: Int, expected: [Int]) {
        #expect(DepthSelection.shown(upTo: depth) == expected)
    }

    @Test("A sweep in blocks gives the same bits as one pass, and keeping depths keeps those curves")
    func blocks() throws {
        let formula = try NestedFormula(parsing: "tanh(w*x)", firstLayer: nil)
        let xs = (0..<1001).map { -1 + 2 * Double($0) / 1000 }
        let whole = try FormulaCurves(formula: formula, depths: Array(1...12), xs: xs, parameters: ["w": 8], precision: .float32)
        var calls: [Int] = []
        let blocks = try FormulaCurves.sweep(formula: formula, depths: Array(1...12), xs: xs, parameters: ["w": 8], precision: .float32,
                                             blocks: 7) { done, _ in calls.append(done) }
        #expect(calls == Array(1...calls.count) && calls.count > 1)
        #expect(blocks.x == whole.x)
        for (a, b) in zip(blocks.curves, whole.curves) {
            #expect(a.depth == b.depth)
            #expect(a.y.map(\.bitPattern) == b.y.map(\.bitPattern))
            #expect(a.dydx.map(\.bitPattern) == b.dydx.map(\.bitPattern))
            #expect(a.parameterGradients.mapValues { $0.map(\.bitPattern) } == b.parameterGradients.mapValues { $0.map(\.bitPattern) })
        }
        #expect(whole.keeping(depths: DepthSelection.shown(upTo: 12)).curves.compactMap(\.depth) == [1, 2, 3, 6, 9, 12])
    }
}
