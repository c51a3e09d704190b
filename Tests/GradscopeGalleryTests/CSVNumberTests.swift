import Testing
@testable import GradscopeGallery

@Suite struct CSVNumberTests {
    @Test("CSV spells NaN of either sign as nan, infinities as inf and -inf, finite values as their shortest round trip")
    func spellings() {
        let negativeNaN = -Double.nan
        #expect(negativeNaN.sign == .minus && "\(negativeNaN)" == "-nan")
        #expect(CSVNumber.text(negativeNaN) == "nan")
        #expect(CSVNumber.text(Double.nan) == "nan")
        #expect(CSVNumber.text(-Float.nan) == "nan")
        #expect(CSVNumber.text(Double.signalingNaN) == "nan")
        #expect(CSVNumber.text(Double.infinity) == "inf")
        #expect(CSVNumber.text(-Float16.infinity) == "-inf")
        #expect(CSVNumber.text(0.1 as Double) == "0.1")
        #expect(CSVNumber.text(0.1 as Float) == "0.1")
        #expect(CSVNumber.text(Float16.greatestFiniteMagnitude) == "65504.0")
        let table = DataTable(columns: ["a", "b", "c"], rows: [[.number(-.nan), .number(.nan), .number(-.infinity)]])
        #expect(table.csv == "a,b,c\nnan,nan,-inf\n")
    }
}
