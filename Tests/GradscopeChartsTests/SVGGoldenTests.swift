import Testing
@testable import GradscopeCharts

/// Byte-for-byte comparisons with `Golden/*.svg` (re-record with `GRADSCOPE_RECORD_GOLDEN=1` if a change is intended).
@Suite struct SVGGoldenTests {
    @Test("The seed relu chart matches its golden SVG")
    func seedRelu() throws {
        let svg = Examples.seedRelu.svg()
        let golden = try goldenSVG(for: svg, named: "seed-relu")
        #expect(golden == nil || svg == golden, "SVG differs from Golden/seed-relu.svg")
    }

    @Test("The log overflow chart with marker lines matches its golden SVG")
    func overflowLog() throws {
        let svg = Examples.overflowLog.svg()
        let golden = try goldenSVG(for: svg, named: "overflow-log")
        #expect(golden == nil || svg == golden, "SVG differs from Golden/overflow-log.svg")
    }

    @Test("The heatmap with colour bar and trajectory matches its golden SVG")
    func surface() throws {
        let svg = Examples.surface.svg()
        let golden = try goldenSVG(for: svg, named: "surface")
        #expect(golden == nil || svg == golden, "SVG differs from Golden/surface.svg")
    }
}
