import Foundation
import Testing
@testable import GradscopeCLI
import GradscopeGallery

/// `overflow`, `layers` and `chain --overflow`: the same settings give the same JSON and CSV on the
/// command line and over HTTP (`gradscope NAME ARGS --format json` == `/api/NAME?ARGS`).
@Suite struct FacesAgreeOverflowLayersTests {
    static let overflowArguments: [[String]] = [
        ["--activation", "tanh", "--weight", "8", "--at", "0", "--max-depth", "400"],
        ["--activation", "sigmoid", "--bias=-4", "--first-bias", "0", "--first-weight", "6", "--max-depth", "50", "--precision", "bfloat16"],
        ["--weight", "8", "--max-depth", "40", "--precision", "float8_e4m3fn", "--overflow", "saturate"],
    ]

    @Test("gradscope overflow --format json == /api/overflow, and the CSVs too", arguments: overflowArguments)
    func overflow(arguments: [String]) async throws {
        let report = try OverflowExperiment(settings: OverflowCommand.parse(arguments).settings).run(progress: nil)
        let query = FacesAgreeTests.query(arguments)
        #expect(try await FacesAgreeTests.body("/api/overflow?\(query)") == report.json())
        #expect(try await FacesAgreeTests.body("/api/overflow.csv?\(query)") == report.table.csv)
    }

    @Test("gradscope overflow --narrow --overflow saturate == /api/overflow?narrow=true&overflow=saturate")
    func overflowNarrow() async throws {
        let report = try OverflowExperiment(settings: OverflowCommand.parse(["--narrow", "--overflow", "saturate", "--max-depth", "30"]).settings).run(progress: nil)
        #expect(report.document.forecasts.map(\.precision.rawValue) == ["float8_e4m3fn", "float8_e5m2", "float6_e3m2fn", "float6_e2m3fn", "float4_e2m1fn"])
        #expect(try await FacesAgreeTests.body("/api/overflow?narrow=true&overflow=saturate&max-depth=30") == report.json())
        // depth= is another name for max-depth=.
        #expect(try await FacesAgreeTests.body("/api/overflow?narrow=true&overflow=saturate&depth=30") == report.json())
    }

    static let chainArguments: [[String]] = [
        ["--weight", "8", "--depth", "6", "--precision", "float8_e4m3fn", "--overflow", "saturate"],
        ["--weight", "8", "--depth", "7", "--precision", "float8_e5m2", "--overflow", "nonfinite"],
    ]

    @Test("gradscope chain --overflow … --format json == /api/chain?overflow=…", arguments: chainArguments)
    func chain(arguments: [String]) async throws {
        let report = try ChainExperiment(settings: ChainCommand.parse(arguments).settings).run(progress: nil)
        let query = FacesAgreeTests.query(arguments)
        #expect(try await FacesAgreeTests.body("/api/chain?\(query)") == report.json())
        #expect(try await FacesAgreeTests.body("/api/chain.csv?\(query)") == report.table.csv)
    }

    static let layersArguments: [[String]] = [
        ["--width", "16", "--depth", "5", "--seeds", "2", "--batch", "2"],
        ["--width", "12", "--depth", "4", "--seeds", "1", "--batch", "3", "--activation", "relu", "--init", "he", "--sigma-b2", "0.05", "--seed", "7"],
        ["--width", "10", "--depth", "3", "--seeds", "2", "--batch", "2", "--init", "gaussian", "--sigma-w2", "1.5"],
    ]

    @Test("gradscope layers --format json == /api/layers, and the CSVs too", arguments: layersArguments)
    func layers(arguments: [String]) async throws {
        let report = try LayersExperiment(settings: LayersCommand.parse(arguments).settings).run(progress: nil)
        let query = FacesAgreeTests.query(arguments)
        #expect(try await FacesAgreeTests.body("/api/layers?\(query)") == report.json())
        #expect(try await FacesAgreeTests.body("/api/layers.csv?\(query)") == report.table.csv)
    }

    @Test("chain and overflow --help say which formats can only saturate", arguments: [ChainCommand.helpMessage(), OverflowCommand.helpMessage()])
    func help(text: String) {
        let text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("--overflow"))
        #expect(text.contains("float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate"))
    }

    @Test("Bad settings of overflow and layers are one line naming the flag", arguments: [
        (["overflow", "--max-depth", "0"], "--max-depth must be between 1 and 1000000, got 0."),
        (["overflow", "--weight", "nan"], "--weight must be a finite number, got nan."),
        (["chain", "--overflow", "clamp"], "clamp"),
        (["layers", "--init", "xavierr"], "--init 'xavierr' is unknown. Use one of: gaussian"),
        (["layers", "--init", "he", "--sigma-w2", "2"], "--sigma-w2 applies only to the gaussian initialisation; 'he' fixes σ_w² itself"),
        (["layers", "--init", "orthogonal", "--width", "800"], "--width must be at most 500 with the orthogonal initialisation"),
        (["layers", "--seeds", "65"], "--seeds must be between 1 and 64, got 65."),
    ])
    func badSettings(arguments: [String], message: String) {
        do {
            _ = try Gradscope.parseAsRoot(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = Gradscope.oneLine(for: error, arguments: arguments)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }
}
