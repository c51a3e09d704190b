import Testing
@testable import GradscopeCharts

/// `NumberText.caption`: the numbers of figure captions and marker labels.
@Suite struct NumberTextCaptionTests {
    static let cases: [(Double, String)] = [
        (0, "0"), (65504, "65504"), (-2.5, "-2.5"), (0.1234, "0.123"), (123456, "1.2e5"),
        (3.4028234663852886e38, "3.4e38"), (1.401298464324817e-45, "1.4e-45"), (0.000244140625, "2.4e-4"),
        (9.996e10, "1e11"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
    ]

    @Test("Captions: integers below 1e5 in full, 3 significant digits, a 2-digit mantissa outside [1e−3, 1e5), inf/-inf/nan")
    func captions() {
        #expect(Self.cases.map { NumberText.caption($0.0) } == Self.cases.map(\.1))
    }
}
