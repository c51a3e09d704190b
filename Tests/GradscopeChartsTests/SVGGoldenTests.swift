import Testing
@testable import GradscopeCharts

@Suite struct SVGGoldenTests {
    @Test("The seed relu chart matches its golden SVG")
    func seedRelu() throws {
        try expectGolden(Examples.seedRelu.svg(), named: "seed-relu")
    }

    @Test("The log overflow chart with marker lines matches its golden SVG")
    func overflowLog() throws {
        try expectGolden(Examples.overflowLog.svg(), named: "overflow-log")
    }

    @Test("The heatmap with colour bar and trajectory matches its golden SVG")
    func surface() throws {
        try expectGolden(Examples.surface.svg(), named: "surface")
    }
}
