import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
@testable import GradscopeGallery

/// `gradscope autopsy --model mlp`: the baseline's step-1 gradients per layer, as bucket edges and
/// counts, in `--format json` and `--format csv` — every bucket of every layer checked.
@Suite struct AutopsyHistogramOutputTests {
    static let arguments = ["--model", "mlp", "--width", "3", "--depth", "3", "--weight", "2", "--points", "5", "--steps", "1",
                            "--seed", "7", "--remedies", "none"]

    /// The bucket rule restated as a plain loop: r = the ⌊0.999·n⌋-th smallest |g| over all layers,
    /// 30 buckets of [−r, r], the last one closed.
    static func expected(_ gradients: [[Double]]) -> (edges: [Double], counts: [[Int]]) {
        let magnitudes = gradients.joined().filter(\.isFinite).map(\.magnitude).sorted()
        var r = magnitudes[min(magnitudes.count - 1, Int(Double(magnitudes.count) * 0.999))]
        if r == 0 { r = 1 }
        let edges = (0...30).map { -r + 2 * r * Double($0) / 30 }
        let counts = gradients.map { layer in
            (0..<30).map { i in layer.filter { $0 >= edges[i] && ($0 < edges[i + 1] || (i == 29 && $0 == r)) }.count }
        }
        return (edges, counts)
    }

    @Test("JSON and CSV hold the 31 edges and each layer's 30 counts of the baseline's step-1 gradients")
    func histograms() throws {
        let command = try AutopsyCommand.parse(Self.arguments)
        let report = try command.experiment().run(progress: nil)
        let autopsy = Autopsy.perform(try command.autopsyCase(), remedies: [])
        let gradients = try #require(autopsy.baseline.run?.firstGradients).values
        #expect(gradients.map(\.count) == [6, 12, 4])  // W_1 3×1 + b_1, W_2 3×3 + b_2, W_3 1×3 + b_3
        let (edges, counts) = Self.expected(gradients)
        let histograms = try #require(report.document.histograms)
        #expect(histograms.bucketEdges == edges)
        #expect(histograms.layers.map(\.counts) == counts)
        #expect(histograms.layers.map(\.layer) == [1, 2, 3])
        #expect(histograms.layers.map { $0.counts.reduce(0, +) + $0.outside + $0.nonFinite } == [6, 12, 4])

        let object = try #require(try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        let json = try #require(object["histograms"] as? [String: Any])
        // Foundation's JSON reader may round the last bit; the document above is checked exactly.
        let jsonEdges = try #require(json["bucketEdges"] as? [Double])
        #expect(jsonEdges.count == 31 && zip(jsonEdges, edges).allSatisfy { abs($0 - $1) <= 1e-15 * abs($1) })
        #expect((json["layers"] as? [[String: Any]])?.map { $0["counts"] as? [Int] ?? [] } == counts)

        let lines = report.table.csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 1 + 3)
        #expect(lines[0].hasSuffix(",note,layer,gradient_bucket_edges,gradient_bucket_counts,gradient_outside,gradient_non_finite"))
        for (l, line) in lines.dropFirst(2).enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 13)
            #expect(cells[0] == "none (baseline)" && cells[1..<8].allSatisfy(\.isEmpty))
            #expect(cells[8] == String(l + 1))
            #expect(cells[9].split(separator: ";").map { Double($0)! } == edges)
            #expect(cells[10].split(separator: ";").map { Int($0)! } == counts[l])
            #expect(Int(cells[11])! + Int(cells[12])! + counts[l].reduce(0, +) == gradients[l].count)
        }
    }

    @Test("A chain has no histograms: the JSON has no key and the CSV keeps its eight columns")
    func chainHasNone() throws {
        let report = try AutopsyCommand.parse(["--depth", "3", "--steps", "2", "--remedies", "none"]).experiment().run(progress: nil)
        #expect(report.document.histograms == nil)
        #expect(!(try report.json()).contains("\"histograms\""))
        #expect(report.table.csv.hasPrefix("remedy,final_loss,max_grad_norm,stayed_finite,first_nonfinite_step,steps_run,unchanged_groups,note\n"))
    }
}
