import Testing
import GradscopeCharts

/// The chart medium's one formatter spells the non-finite values as the terminal and CSV do.
@Suite struct NumberTextLabelTests {
    @Test("Tick labels: inf, -inf, and nan for a NaN of either sign; ±0 as 0; the extremes with 3 digits")
    func spellings() {
        let values: [Double] = [.infinity, -.infinity, .nan, -.nan, .signalingNaN, 0, -0.0,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, Double(Float.leastNonzeroMagnitude)]
        #expect(values.map(NumberText.label) == ["inf", "-inf", "nan", "nan", "nan", "0", "0", "1.8e308", "-1.8e308", "1.4e-45"])
    }
}
