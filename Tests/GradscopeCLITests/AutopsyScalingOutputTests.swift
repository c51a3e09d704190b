import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore

/// `gradscope autopsy --remedies scale=…`: the scaling counts in JSON and CSV, and the scales in `--log`.
@Suite struct AutopsyScalingOutputTests {
    static let arguments = ["--model", "mlp", "--width", "32", "--depth", "3", "--weight", "1", "--precision", "float8_e4m3fn",
                            "--steps", "3", "--remedies", "scale=none,scale=current,scale=delayed,scale=mx"]

    static func report() throws -> (AutopsyCommand, AutopsyReport) {
        let command = try AutopsyCommand.parse(arguments)
        return (command, Autopsy.perform(try command.autopsyCase(), remedies: try command.remedyList()))
    }

    @Test("JSON: every scale= run has per-kind counts and fractions; the baseline has none; values counted by hand")
    func json() throws {
        let (command, report) = try Self.report()
        let n = try command.autopsyCase().data.count
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try command.render(report, format: .json).utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(runs.map { $0["remedy"] as? String } == ["none", "scale=none", "scale=current", "scale=delayed", "scale=mx"])
        #expect(runs[0]["scaling"] == nil)
        // Per step: W_1 32×1, W_2 32×32, W_3 1×32; y_0 n×1, y_1 and y_2 n×32; ∂L/∂a n×32, n×32, n×1.
        // MX casts W and y once more along the other dimension (W_1 only: the first layer
        // passes no gradient back), and the gradients twice except ∂L/∂a_1 (the same reason).
        let perTensor = (weights: 1088, activations: n * 65, gradients: n * 65)
        let mx = (weights: 1088 + 1024 + 32, activations: 2 * n * 65, gradients: n * 65 + n * 33)
        for (index, run) in runs.enumerated().dropFirst() {
            let scaling = try #require(run["scaling"] as? [String: Any])
            let expected = index == 4 ? mx : perTensor
            let recipe = try #require(report.runs[index].scaling)
            #expect(scaling["recipe"] as? String == recipe.recipe.name)
            for (kind, values) in [("weights", expected.weights), ("activations", expected.activations), ("gradients", expected.gradients)] {
                let counts = try #require(scaling[kind] as? [String: Any])
                let c = recipe.counts[TensorKind(rawValue: kind)!]!
                #expect(counts["values"] as? Int == 3 * values, "\(index) \(kind)")
                #expect(counts["values"] as? Int == c.values && counts["overflowed"] as? Int == c.overflowed
                        && counts["flushedToZero"] as? Int == c.flushedToZero && counts["subnormal"] as? Int == c.subnormal
                        && counts["nonFinite"] as? Int == c.nonFinite, "\(index) \(kind)")
                #expect(abs((counts["subnormalFraction"] as? Double ?? -1) - Double(c.subnormal) / Double(c.values)) <= 1e-15)
            }
            let steps = try #require(run["steps"] as? [[String: Any]])
            #expect(steps.count == 3)
            #expect((steps[0]["castScales"] as? [String: Double])?.count == (index == 4 ? nil : 9))
        }
    }

    @Test("CSV: the remedies table gains 15 count columns when a recipe ran, empty for the baseline; unchanged otherwise")
    func csv() throws {
        let (command, report) = try Self.report()
        let lines = try command.render(report, format: .csv).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + 5 + 3 + 1)  // header, 5 runs, 3 layers' histograms (an MLP), the final newline
        let header: String = "remedy,final_loss,max_grad_norm,stayed_finite,first_nonfinite_step,steps_run,unchanged_groups,note,"
                + "weights_values,weights_overflowed,weights_flushed_to_zero,weights_subnormal,weights_non_finite,"
                + "activations_values,activations_overflowed,activations_flushed_to_zero,activations_subnormal,activations_non_finite,"
                + "gradients_values,gradients_overflowed,gradients_flushed_to_zero,gradients_subnormal,gradients_non_finite,"
                + "layer,gradient_bucket_edges,gradient_bucket_counts,gradient_outside,gradient_non_finite"
        #expect(lines[0] == header)
        #expect(lines[1].hasSuffix(",,,,,,,,,,,,,,,"))
        for (line, run) in zip(lines.dropFirst(2).prefix(4), report.runs.dropFirst()) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).dropLast(5)
            #expect(cells.count == 23)
            let counts = try #require(run.scaling).counts
            let expected = TensorKind.allCases.flatMap { k in [counts[k]!.values, counts[k]!.overflowed, counts[k]!.flushedToZero, counts[k]!.subnormal, counts[k]!.nonFinite] }
            #expect(cells.suffix(15).map { Int($0) } == expected.map(Optional.init))
        }
        let plain = try AutopsyCommand.parse(["--model", "mlp", "--width", "4", "--depth", "3", "--steps", "2", "--remedies", "clip-norm=1"])
        let plainCSV = try plain.render(Autopsy.perform(try plain.autopsyCase(), remedies: try plain.remedyList()), format: .csv)
        #expect(plainCSV.hasPrefix("remedy,final_loss,max_grad_norm,stayed_finite,first_nonfinite_step,steps_run,unchanged_groups,note,"
                                   + "layer,gradient_bucket_edges,gradient_bucket_counts,gradient_outside,gradient_non_finite\n"))
    }

    @Test("--log: one scale column per cast tensor; current's first W_1 scale is 448/amax(W_1)/2, delayed starts at 1 and then uses step 1's amax")
    func log() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-scales-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var command = try AutopsyCommand.parse(Self.arguments + ["--log", path, "--margin", "1"])
        command.output.format = .json
        try command.run()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.suffix(9)) == ["scale_w_1", "scale_y_0", "scale_grad_a_1", "scale_w_2", "scale_y_1", "scale_grad_a_2",
                                            "scale_w_3", "scale_y_2", "scale_grad_a_3"])
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[0] } == Array(repeating: "baseline", count: 3) + Array(repeating: "scale=none", count: 3)
                + Array(repeating: "scale=current(margin 1)", count: 3) + Array(repeating: "scale=delayed(history 1024; margin 1)", count: 3)
                + Array(repeating: "scale=mx", count: 3))
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        #expect(rows.allSatisfy { $0.count == header.count })
        // Independent oracle: W_1 drawn as the autopsy draws it (seed 0), rounded to Float32.
        var rng = Xoshiro256StarStar(seed: 0)
        let initial = MLPNetwork(width: 32, depth: 3, activation: .tanh).initialParameters(using: &rng)
        let amax = initial.values[0].prefix(32).map { Float($0).magnitude }.max()!
        let current = rows.first { $0[0].hasPrefix("scale=current") }!
        #expect(Float(current[column("scale_w_1")]) == 448 / amax / 2)
        let delayed = rows.filter { $0[0].hasPrefix("scale=delayed") }
        #expect(delayed[0].suffix(9).allSatisfy { $0 == "1.0" })
        #expect(Float(delayed[1][column("scale_w_1")]) == 448 / amax / 2)
        #expect(rows.filter { $0[0] == "scale=none" }.allSatisfy { $0.suffix(9).allSatisfy { $0 == "1.0" } })
        #expect(rows.filter { $0[0] == "baseline" || $0[0] == "scale=mx" }.allSatisfy { $0.suffix(9).allSatisfy(\.isEmpty) })
    }
}
