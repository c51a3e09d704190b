import Testing
@testable import GradscopeCharts

@Suite struct PaletteTests {
    @Test("Up to three depths get the seed's pink, red and dark red")
    func seedDepths() {
        #expect((1...3).map { Palette.depthColour(depth: $0, of: 3).hex } == ["#FFC0CB", "#FF0000", "#8B0000"])
        #expect(Palette.depthColour(depth: 1, of: 1).hex == "#FFC0CB")
    }

    @Test("More depths get a ramp from light to dark")
    func ramp() {
        let colours = (1...8).map { Palette.depthColour(depth: $0, of: 8) }
        #expect(colours.first?.hex == "#FFC0CB")
        #expect(colours.last?.hex == "#8B0000")
        let brightness = colours.map { Int($0.red) + Int($0.green) + Int($0.blue) }
        #expect(zip(brightness, brightness.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test("Viridis runs from #440154 to #FDE725")
    func viridisEnds() {
        #expect(ColourMap.viridis.colour(at: 0).hex == "#440154")
        #expect(ColourMap.viridis.colour(at: 1).hex == "#FDE725")
        #expect(ColourMap.viridis.colour(at: -3).hex == "#440154")
        #expect(ColourMap.viridis.colour(at: .nan).hex == "#440154")
    }

    @Test("The diverging map is blue, white-ish and red")
    func diverging() {
        let low = ColourMap.diverging.colour(at: 0), middle = ColourMap.diverging.colour(at: 0.5)
        let high = ColourMap.diverging.colour(at: 1)
        #expect(low.blue > low.red && high.red > high.blue)
        #expect(middle.hex == "#F7F7F7")
    }

    @Test("Hex round-trips")
    func hex() {
        #expect(Colour(hex: "#0a0B0c").hex == "#0A0B0C")
        #expect(Colour(hex: "FFFFFF").mixed(with: "#000000", by: 0.5).hex == "#808080")
    }
}
