import Testing
@testable import GradscopeGallery

/// Tables are written for people in the terminal and the report; CSV keeps snake_case.
@Suite struct TableHeaderTests {
    @Test("Headers keep their punctuation; the columns stay snake_case")
    func headers() {
        let seed = Tour.seedFigures()
        func table(_ id: String) -> DataTable { seed.first { $0.id == id }!.table }
        #expect(table("s1-relu").headers == ["depth L", "slope for x > 0", "w^L"])
        #expect(table("s1-relu").columns == ["depth", "slope_for_x_gt_0", "w_to_the_depth"])
        #expect(table("s4-sigmoid").headers == ["depth L", "y(−1)", "y(1)", "max |dy/dx|"])
        #expect(table("s5-sigmoid-bias").headers == ["depth L", "slope at x = 0", "2^L"])
        #expect(table("s8-initial-state").headers == ["h_0", "∂h_3/∂h_0, w = 8", "∂h_3/∂h_0, w = 0.5"])
        #expect(table("s8-initial-state").csv.hasPrefix("h0,gradient_w8_T3,gradient_w0_5_T3\n"))
    }

    @Test("A table without headers spells its columns with spaces; the report prints the headers")
    func defaults() {
        let table = DataTable(columns: ["final_loss", "x"])
        #expect(table.headers == ["final loss", "x"])
        let html = ReportPage.table(DataTable(columns: ["six_xi_c"], headers: ["6ξ_c"]))
        #expect(html.contains("<th>6ξ_c</th>"))
    }
}
