import Testing
import GradscopeCharts
@testable import GradscopeGallery

/// One formatter per medium, each with one spelling of the non-finite values.
@Suite struct NumberMediaTests {
    static let values: [Double] = [.infinity, -.infinity, .nan, -.nan, 0.5]

    @Test("Terminal, CSV and chart labels write inf, -inf, nan (either sign); JSON writes Infinity, -Infinity, NaN")
    func spellings() throws {
        #expect(Self.values.map(TerminalNumber.short) == ["inf", "-inf", "nan", "nan", "0.5"])
        #expect(Self.values.map(TerminalNumber.brief) == ["inf", "-inf", "nan", "nan", "0.5"])
        #expect(Self.values.map(CSVNumber.text) == ["inf", "-inf", "nan", "nan", "0.5"])
        #expect(Self.values.map(NumberText.label) == ["inf", "-inf", "nan", "nan", "0.5"])
        #expect(Self.values.map(NumberText.caption) == ["inf", "-inf", "nan", "nan", "0.5"])
        #expect(try ExperimentJSON.encode(Self.values) == "[\n  \"Infinity\",\n  \"-Infinity\",\n  \"NaN\",\n  \"NaN\",\n  0.5\n]\n")
    }

    @Test("A table's CSV and JSON cells spell them as their media do")
    func tableCells() {
        let table = DataTable(columns: ["v"], rows: Self.values.map { [.number($0)] })
        #expect(table.csv == "v\ninf\n-inf\nnan\nnan\n0.5\n")
        #expect(table.json == "[\n  {\"v\": \"Infinity\"},\n  {\"v\": \"-Infinity\"},\n  {\"v\": \"NaN\"},\n  {\"v\": \"NaN\"},\n  {\"v\": 0.5}\n]\n")
    }
}
