import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
import GradscopeGallery

/// `gradscope train --scaling …`: FP8 training's counts, scales and log columns through the CLI,
/// its one-line errors, and the work cap of issue #10.
@Suite struct TrainCommandScalingTests {
    static let small = ["--length", "8", "--hidden", "32", "--steps", "4", "--batch", "8", "--test-size", "16", "--eval-every", "2"]

    @Test("--scaling current: text has the counts table and the last step's scales; CSV and JSON carry them", arguments: ["elman", "lstm", "gru"])
    func current(model: String) throws {
        let command = try TrainCommand.parse(Self.small + ["--model", model, "--scaling", "current", "--margin", "1"])
        let report = try command.report()
        let names = TrainExperiment.castTensorNames(model: TrainExperiment.Model(rawValue: model)!)
        #expect(report.summary.contains("FP8 training (float8_e4m3fn weights and activations, float8_e5m2 gradients; Float32 accumulation and master weights), scale=current(margin 1)"))
        #expect(report.summary.contains("FP8 casts at every matrix-product input, scale=current(margin 1)"))
        #expect(report.summary.contains("Scales at step 4"))
        for kind in ["weights ", "activations ", "gradients "] { #expect(report.summary.contains(kind)) }
        let header = report.table.columns
        #expect(Array(header.suffix(names.count)) == names.map(TrainExperiment.scaleColumn))
        // Every step has every scale, and each equals the step record's.
        for (row, step) in zip(report.table.rows, report.document.steps) {
            for (k, name) in names.enumerated() {
                #expect(row[header.count - names.count + k] == .number(Double(step.castScales![name]!)), "\(name) at step \(step.step)")
            }
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        let scaling = try #require(json["scaling"] as? [String: Any])
        #expect(scaling["recipe"] as? String == "scale=current(margin 1)")
        let counts = try #require(scaling["counts"] as? [String: [String: Any]])
        #expect(Set(counts.keys) == ["weights", "activations", "gradients"])
        #expect(counts.values.allSatisfy { ($0["values"] as? Int ?? 0) > 0 })
    }

    @Test("--scaling mx pads the input dimension 2 and says so; --log has the scale columns empty for mx")
    func mx() throws {
        let command = try TrainCommand.parse(Self.small + ["--scaling", "mx", "--scaling-format", "float6_e3m2fn"])
        let report = try command.report()
        #expect(report.summary.contains("• MX: a reduction dimension of 2 (x) is not a multiple of 32; its last block is padded with zeros."))
        #expect(report.document.scaling?.forwardFormat == "float6_e3m2fn" && report.document.scaling?.backwardFormat == "float6_e3m2fn")
    }

    @Test("--log of a delayed run: one row per step with its scales; a spike its history has not seen overflows and stops the run")
    func delayedLog() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-train-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: log) }
        let command = try TrainCommand.parse(Self.small + ["--scaling", "delayed", "--margin", "4", "--history", "2", "--spike", "3:1000", "--log", log.path])
        let report = try command.report()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == [report.table.columns.joined(separator: ",")] + report.table.rows.map { TrainExperiment.csvLine($0) })
        // x's amax is the marker 1: scale 448/2^4 = 28 after the first step; 1000·28 overflows float8_e4m3fn at step 3.
        #expect(report.document.steps.map { $0.castScales!["x"]! } == [1, 28, 28])
        #expect(report.document.ending == .nonFinite)
        #expect(report.summary.contains("Stopped at step 3") && report.summary.contains("a scaled run is not replayed"))
        #expect((report.document.scaling?.counts["activations"]?.overflowed ?? 0) > 0)
    }

    @Test("Bad scaling options get one-line errors", arguments: [
        (["--scaling", "fp8"], "--scaling must be none, current, delayed or mx, got 'fp8'."),
        (["--scaling", "current", "--scaling-format", "float6_e3m2fn"], "--scaling-format must be float8_e4m3fn or float8_e5m2 for --scaling current, got float6_e3m2fn."),
        (["--scaling", "delayed", "--history", "0"], "--history must be between 1 and 100000, got 0."),
        (["--scaling", "current", "--margin", "100"], "--margin must be an integer between -64 and 64, got 100."),
        (["--scaling", "delayed", "--spike", "0:10"], "--spike must be STEP:FACTOR with STEP between 1 and 1000 and a finite FACTOR, as in 50:1000; got '0:10'."),
        (["--spike", "5:10"], "--spike needs --scaling"),
        (["--scaling", "current", "--precision", "float64"], "--scaling models FP8 training with Float32 master weights and accumulation: use --precision float32, got float64."),
        (["--steps", "100000"], "Training 100000 steps × 100 × 32 sequences × 64² units is 3932160000000 multiply-adds; the limit is 1000000000000."),
        (["--steps", "10000000", "--length", "10", "--hidden", "4"], "The records of 10000000 steps × 11 time steps needs about 7200 MB of memory; the limit is 500 MB."),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try TrainCommand.parse(arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            #expect(TrainCommand.message(for: error).contains(message), "\(TrainCommand.message(for: error))")
        }
    }

    @Test("Issue #10: --steps 10000 at the default sizes is accepted (minutes of work, flat memory)")
    func tenThousandSteps() throws {
        _ = try TrainCommand.parse(["--steps", "10000"])
        _ = try TrainCommand.parse(["--steps", "2000", "--scaling", "current"])
    }
}
