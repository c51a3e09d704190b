import Testing
import GradscopeCore
@testable import GradscopeGallery

/// `layers`' per-layer histograms in the data: the whole list of edges and counts, against a direct count.
@Suite struct LayersHistogramTests {
    static let settings = LayersExperiment.Settings(width: 8, depth: 14, activation: .tanh, sigmaW2: 2.5, sigmaB2: 0.1, batch: 3, seeds: 1, seed: 5)

    /// The bucket rule written out again: r from the drawn layers' finite magnitudes, 31 edges, and each
    /// value counted where e_i ≤ v < e_{i+1} (the last bucket also holds v = r).
    static func directCount(_ values: [[Double]]) -> (edges: [Double], drawn: [Int], counts: [[Int]], outside: [Int]) {
        let drawn = values.count <= 10 ? Array(1...values.count) : (0..<10).map { 1 + $0 * (values.count - 1) / 9 }
        let magnitudes = drawn.flatMap { values[$0 - 1] }.filter(\.isFinite).map(\.magnitude).sorted()
        var r = magnitudes[Int(Double(magnitudes.count) * 0.999)]
        if r == 0 { r = 1 }
        let edges = (0...30).map { -r + 2 * r * Double($0) / 30 }
        var counts: [[Int]] = [], outside: [Int] = []
        for layer in values {
            counts.append((0..<30).map { i in layer.filter { edges[i] <= $0 && ($0 < edges[i + 1] || (i == 29 && $0 == r)) }.count })
            outside.append(layer.filter { $0.magnitude > r }.count)
        }
        return (edges, drawn, counts, outside)
    }

    @Test("Edges and counts of every layer match a direct count of the seeded network's values")
    func wholeList() throws {
        let report = try LayersExperiment(settings: Self.settings).run(progress: nil)
        let scheme = try Self.settings.initializer()
        let pass = WideNetwork(width: 8, depth: 14, activation: .tanh, initialization: scheme, sigmaB2: 0.1, seed: 5).pass(batch: 3, seed: 5 ^ 0x5EED_BA7C)
        for (histograms, values) in [(report.document.histograms.activations, pass.activations), (report.document.histograms.gradients, pass.gradients)] {
            let direct = Self.directCount(values)
            #expect(histograms.bucketEdges == direct.edges)
            #expect(histograms.drawnLayers == direct.drawn)
            #expect(histograms.drawnLayers == [1, 2, 3, 5, 6, 8, 9, 11, 12, 14])
            #expect(histograms.layers.map(\.layer) == Array(1...14))
            #expect(histograms.layers.map(\.counts) == direct.counts)
            #expect(histograms.layers.map(\.outside) == direct.outside)
            #expect(histograms.layers.map(\.nonFinite) == Array(repeating: 0, count: 14))
            // Every value lands somewhere: 8 units × 3 inputs per layer.
            #expect(histograms.layers.allSatisfy { $0.counts.reduce(0, +) + $0.outside + $0.nonFinite == 24 })
        }
        // The CSV carries the same lists, ';'-separated, on every layer's row.
        let table = report.table
        #expect(table.columns.suffix(8) == ["activation_bucket_edges", "activation_bucket_counts", "activation_outside", "activation_non_finite",
                                            "gradient_bucket_edges", "gradient_bucket_counts", "gradient_outside", "gradient_non_finite"])
        let gradients = report.document.histograms.gradients
        for (row, layer) in zip(table.rows, gradients.layers) {
            #expect(row[table.columns.firstIndex(of: "gradient_bucket_counts")!] == .text(layer.counts.map(String.init).joined(separator: ";")))
            #expect(row[table.columns.firstIndex(of: "gradient_bucket_edges")!] == .text(gradients.bucketEdges.map(CSVNumber.text).joined(separator: ";")))
        }
        // The SVG draws exactly the drawn layers' counts.
        let svg = report.svg
        #expect(svg.contains("layer 14") && !svg.contains("layer 13<"))
    }

    @Test("NaN and ±Inf are counted as non-finite, values past r as outside; an all-zero set of values gives r = 1")
    func edgeCases() {
        let zero = LayersExperiment.Histograms([[0, 0, 0], [.nan, .infinity, -.infinity]])
        let edges: [Double] = (0...30).map { (i: Int) -> Double in -1 + 2 * Double(i) / 30 }
        let counts: [Int] = (0..<30).map { (i: Int) -> Int in i == 15 ? 3 : 0 }
        #expect(zero.bucketEdges == edges)
        #expect(zero.layers[0].counts == counts && zero.layers[0].outside == 0 && zero.layers[0].nonFinite == 0)
        #expect(zero.layers[1].counts == Array(repeating: 0, count: 30) && zero.layers[1].nonFinite == 3)
        // 2000 values 1…2000: r is the value at index ⌊0.999·2000⌋ = 1998, i.e. 1999; 2000 lies outside.
        let wide = LayersExperiment.Histograms([(1...2000).map(Double.init)])
        #expect(wide.bucketEdges.first == -1999 && wide.bucketEdges.last == 1999)
        #expect(wide.layers[0].outside == 1 && wide.layers[0].counts.reduce(0, +) == 1999)
        #expect(wide.layers[0].counts.prefix(15).allSatisfy { $0 == 0 })
    }
}
