import Testing
@testable import GradscopeCharts

@Suite struct TickTests {
    @Test("Domain 0…1 gets ticks 0, 0.2, …, 1")
    func unitInterval() {
        let ticks = Tick.linear(over: 0...1)
        #expect(ticks.map(\.coordinate) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("Domain −1…1 gets ticks in steps of 0.5 with no \"-0\"")
    func symmetric() {
        let ticks = Tick.linear(over: -1...1)
        #expect(ticks.map(\.coordinate) == [-1, -0.5, 0, 0.5, 1])
        #expect(ticks.map(\.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
    }

    @Test("Steps are 1, 2 or 5 times a power of ten", arguments: [
        (0.0...7.0, 1.0), (0.0...13.0, 2.0), (-30.0...60.0, 20.0), (0.0...0.003, 0.0005), (100.0...350.0, 50.0),
    ])
    func steps(domain: ClosedRange<Double>, step: Double) {
        let ticks = Tick.linear(over: domain)
        #expect(abs((ticks[1].coordinate - ticks[0].coordinate) - step) <= step * 1e-12)
        #expect(ticks.allSatisfy { domain.contains($0.coordinate) })
    }

    @Test("Large and tiny linear ticks use scientific labels")
    func scientificLabels() {
        #expect(Tick.linear(over: 0...4e6).map(\.label) == ["0", "1e6", "2e6", "3e6", "4e6"])
        #expect(Tick.linear(over: 0...5e-5).map(\.label).last == "5e-5")
    }

    @Test("Extreme linear domains fall back to labelled ends instead of trapping")
    func extremes() {
        #expect(Tick.linear(over: -1e308...1e308).map(\.label) == ["-1e308", "1e308"])
        #expect(Tick.linear(over: 1e30...(1e30 + 1e14)).count == 2)
    }

    @Test("A log axis from 1e-300 to 1e300 gets thinned decades")
    func thinnedDecades() {
        let ticks = AxisScale.log10.ticks(over: -300...300)
        #expect(ticks.map(\.coordinate) == [-300, -200, -100, 0, 100, 200, 300])
        #expect(ticks.first?.label == "10⁻³⁰⁰")
        #expect(ticks.last?.label == "10³⁰⁰")
    }

    @Test("A short log axis labels every decade")
    func everyDecade() {
        #expect(Tick.decades(over: -2...3).map(\.label) == ["10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³"])
    }

    @Test("Coordinates have at most two decimals and never read \"-0\"")
    func coordinates() {
        #expect(NumberText.coordinate(-0.001) == "0")
        #expect(NumberText.coordinate(-0.0) == "0")
        #expect(NumberText.coordinate(12.345) == "12.35" || NumberText.coordinate(12.345) == "12.34")
        #expect(NumberText.coordinate(3.1) == "3.1")
        #expect(NumberText.coordinate(-7.999) == "-8")
    }

    @Test("Value labels keep three significant digits")
    func labels() {
        #expect(NumberText.label(65504) == "65500")
        #expect(NumberText.label(123_456) == "1.23e5")
        #expect(NumberText.label(0.5) == "0.5")
        #expect(NumberText.label(-12.5) == "-12.5")
        #expect(NumberText.label(3.4e38) == "3.4e38")
        #expect(NumberText.label(.nan) == "nan")
    }
}
