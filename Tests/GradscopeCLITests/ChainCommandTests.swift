import ArgumentParser
import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
import GradscopeGallery

@Suite struct ChainCommandTests {
    @Test("relu, w = 8, depth 3 at x = 1 shows slopes 8, 64, 512")
    func reluSlopes() throws {
        let command = try ChainCommand.parse(["--activation", "relu", "--weight", "8", "--depth", "3", "--at", "1", "--format", "csv"])
        let csv = try ChainExperiment(settings: command.settings).run(progress: nil).table.csv
        #expect(csv == "layer,a,y,slope,dydx,dy_dw,dy_db\n1,8.0,8.0,1.0,8.0,64.0,64.0\n2,64.0,64.0,1.0,64.0,64.0,8.0\n3,512.0,512.0,1.0,512.0,64.0,1.0\n")
    }

    @Test("Negative numbers are accepted after options, with and without '='",
          arguments: [["--bias", "-4", "--at", "-0.5"], ["--bias=-4", "--at=-0.5"]])
    func negativeNumbers(arguments: [String]) throws {
        let command = try ChainCommand.parse(arguments + ["--weight", "-8"])
        #expect(command.settings.bias == -4)
        #expect(command.chain.input == -0.5)
        #expect(command.chain.weight == -8)
    }

    @Test("S5's first layer: --bias -4 --first-bias 0 gives slope 2^L at 0")
    func sigmoidFirstLayer() throws {
        let command = try ChainCommand.parse(["--activation", "sig", "--bias", "-4", "--first-bias", "0", "--depth", "5"])
        let report = try ChainExperiment(settings: command.settings).run(progress: nil)
        #expect(report.document.layers.map(\.dydx).map { ($0 * 1e12).rounded() / 1e12 } == [2, 4, 8, 16, 32])
        #expect(report.document.firstBias == 0 && report.document.firstWeight == nil && report.document.bias == -4)
    }

    @Test("JSON has camelCase keys and non-finite values as strings")
    func json() throws {
        let command = try ChainCommand.parse(["--activation", "relu", "--depth", "7", "--at", "1", "--precision", "float16", "--format", "json"])
        let json = try ChainExperiment(settings: command.settings).run(progress: nil).json()
        #expect(json.contains("\"outputGradientBias\""))
        #expect(json.contains("\"Infinity\""))
        #expect(json.contains("\"precision\" : \"float16\""))
    }

    @Test("Bad options give one-line errors that name the option", arguments: [
        (["--depth", "0"], "--depth must be between 1 and 100000"),
        (["--activation", "tanhh"], "tanhh"),
        (["--precision", "float8"], "float8"),
        (["--weight", "nan"], "--weight must be a finite number"),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try ChainCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = Gradscope.oneLine(for: error, arguments: ["chain"] + arguments)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }
}

@Suite struct OverflowCommandTests {
    @Test("JSON has the chain and one forecast per format with the documented keys, null where it never happens")
    func json() throws {
        let command = try OverflowCommand.parse(["--activation", "tanh", "--weight", "8", "--format", "json"])
        let json = try OverflowExperiment(settings: command.settings).run(progress: nil).json()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["activation", "weight", "bias", "input", "maxDepth", "overflow", "forecasts"])
        #expect(document["maxDepth"] as? Int == 10_000 && document["overflow"] as? String == "nonfinite")
        let objects = try #require(document["forecasts"] as? [[String: Any]])
        #expect(objects.map { $0["precision"] as? String } == ["float16", "bfloat16", "float32", "float64"])
        #expect(objects.map { $0["observedOverflowDepth"] as? Int } == [6, 43, 43, 342])
        #expect(objects.map { $0["predictedOverflowDepth"] as? Int } == [6, 43, 43, 342])
        #expect(objects.allSatisfy { $0["predictedUnderflowDepth"] is NSNull && $0["observedUnderflowDepth"] is NSNull })
    }

    @Test("--max-depth out of range is refused")
    func badMaxDepth() {
        #expect(throws: (any Error).self) { try OverflowCommand.parse(["--max-depth", "0"]) }
    }
}
