import ArgumentParser
import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore

@Suite struct TrainCommandTests {
    @Test("A short run prints the baseline comparison; CSV has one row per step with ‖∂L/∂h_t‖ for t = 0…T")
    func textAndCSV() throws {
        let command = try TrainCommand.parse(["--length", "12", "--hidden", "8", "--steps", "20", "--eval-every", "10", "--test-size", "50",
                                              "--activation", "relu", "--init", "irnn", "--clip", "1", "--lr", "0.01"])
        let report = try command.report()
        let text = report.summary
        #expect(text.contains("relu Elman RNN, 8 units, init irnn; adding problem, T = 12; SGD lr 0.01, clip 1, batch 32, seed 0, Float32"))
        #expect(text.contains("Pascanu at the start: ρ = 1, λ₁ = 1 ≥ 1/γ = 1: exploding is possible"))
        #expect(text.contains("against the baseline 0.166667"))
        let csv = report.table.csv.split(separator: "\n")
        #expect(csv.count == 21)
        #expect(csv[0] == "step,loss,grad_norm,clipped,test_loss,test_accuracy," + (0...12).map { "dl_dh_\($0)" }.joined(separator: ","))
        #expect(csv[10].split(separator: ",", omittingEmptySubsequences: false).count == 19)
        let json = try report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["ending"] as? String == "completed" && (object["steps"] as? [Any])?.count == 20)
    }

    @Test("The temporal-order task reports test accuracy beside cross-entropy: in the table, the summary and the CSV")
    func orderAccuracy() throws {
        let command = try TrainCommand.parse(["--task", "order", "--length", "10", "--hidden", "8", "--steps", "4", "--eval-every", "2",
                                              "--test-size", "40", "--model", "gru", "--optimizer", "adam", "--lr", "0.01"])
        let report = try command.report()
        let evaluated = report.document.steps.filter { $0.testLoss != nil }
        #expect(evaluated.map(\.step) == [2, 4])
        for s in evaluated {
            let accuracy = try #require(s.testAccuracy)
            #expect((accuracy * 40).rounded() == accuracy * 40, "a share of 40 sequences")
        }
        let text = report.summary
        #expect(text.contains("test accuracy") && text.contains("Test accuracy ") && text.contains("(chance: 25 %)"))
        let csv = report.table.csv.split(separator: "\n")
        let header = csv[0].split(separator: ",").map(String.init)
        let column = try #require(header.firstIndex(of: "test_accuracy"))
        let row4 = csv[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Double(row4[column]) == evaluated.last?.testAccuracy)
        #expect(csv[1].split(separator: ",", omittingEmptySubsequences: false)[column] == "")
    }

    @Test("A diverging run is stopped and the text names the first Inf and NaN")
    func divergence() throws {
        let command = try TrainCommand.parse(["--length", "100", "--hidden", "8", "--steps", "30", "--activation", "relu",
                                              "--init", "identity:1.2", "--lr", "0.01", "--batch", "8", "--test-size", "16"])
        let text = try command.report().summary
        #expect(text.contains("Stopped at step"))
        #expect(text.contains("• First Inf: step") && text.contains("forward, time step"))
        #expect(text.contains("exceeds Float32's maximum"))
    }

    @Test("Bad options get one-line errors", arguments: [
        (["--activation", "gelu"], "--activation must be tanh, sigmoid, relu or linear"),
        (["--init", "smarttanh"], "Unknown --init 'smarttanh'"),
        (["--clip", "-1"], "--clip must be a positive number"),
        (["--precision", "float8_e4m3fn"], "--precision must be float32, float64, float16 or bfloat16 for training"),
        (["--log", "x.txt"], "--log 'x.txt' must end in .csv"),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try TrainCommand.parse(arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            #expect(TrainCommand.message(for: error).contains(message), "\(TrainCommand.message(for: error))")
        }
    }

    @Test("Help names the options and an example")
    func help() {
        let help = TrainCommand.helpMessage()
        for option in ["--task", "--length", "--model", "--hidden", "--activation", "--init", "--clip", "--lr", "--optimizer", "--batch", "--steps", "--seed", "--log", "--out", "--format"] {
            #expect(help.contains(option), "missing \(option)")
        }
        #expect(Gradscope.helpMessage().contains("train"))
    }

    @Test("Ctrl-C leaves a complete CSV log and exits with 130",
          .enabled(if: InterruptedRun.isAvailable), .timeLimit(.minutes(1)))
    func interrupted() throws {
        let (status, text) = try InterruptedRun.run(["train", "--length", "10", "--hidden", "4", "--steps", "500000",
                                                     "--batch", "4", "--test-size", "8"])
        #expect(status == 130)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count > 10)
        for (index, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == 17 && Int(cells[0]) == index + 1, "row \(index + 2): \(line)")
        }
    }
}
