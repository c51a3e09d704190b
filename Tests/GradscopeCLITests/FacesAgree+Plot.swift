import Foundation
import Testing
@testable import GradscopeCLI
import GradscopeGallery

/// `gradscope plot ARGS --format json|csv` prints exactly the body of `/api/curves?ARGS` (the flags'
/// names without the dashes; `--param w=8` is `param.w=8`), and the CLI's streamed output is the report's.
@Suite struct PlotFacesAgreeTests {
    /// The CLI's arguments and the same request's query.
    static let cases: [(arguments: [String], query: String)] = [
        (["relu(w*x)", "--param", "w=8", "--depths", "1,2,3", "--points", "7"], "formula=relu(w*x)&param.w=8&depths=1,2,3&depth=3&points=7"),
        (["sig(w*x - w/2)", "--first-layer", "sig(w*x)", "--param", "w=8", "--depths", "1,5,10", "--x=-2:2", "--points", "41", "--precision", "float32"],
         "formula=sig(w*x - w/2)&first=sig(w*x)&param.w=8&depths=1,5,10&depth=10&x=-2:2&points=41&precision=float32"),
        (["relu(w*x)", "--param", "w=8", "--depths", "3", "--x", "0.5:1", "--points", "2", "--precision", "float8_e4m3fn", "--overflow", "saturate"],
         "formula=relu(w*x)&param.w=8&depths=3&depth=3&x=0.5:1&points=2&precision=float8_e4m3fn&overflow=saturate"),
        (["tanh(w*x + b)", "--param", "w=2", "--param", "b=0.5", "--depths", "1,2", "--points", "5", "--precision", "float8_e5m2"],
         "weight=2&bias=0.5&activation=tanh&depth=2&points=5&precision=float8_e5m2"),
    ]

    static func encoded(_ query: String) -> String {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return "\(parts[0])=\(FacesAgreeTests.encode(String(parts[1])))"
        }.joined(separator: "&")
    }

    @Test("gradscope plot --format json == /api/curves, and the CSVs too", arguments: cases)
    func facesAgree(arguments: [String], query: String) async throws {
        let report = try PlotCommand.parse(arguments).experiment().run(progress: nil)
        #expect(try await FacesAgreeTests.body("/api/curves?\(Self.encoded(query))") == report.json())
        #expect(try await FacesAgreeTests.body("/api/curves.csv?\(Self.encoded(query))") == report.table.csv)
    }

    @Test("The binary's --format json and csv are the report's byte for byte", .enabled(if: BinaryRun.isAvailable), arguments: cases)
    func binaryAgrees(arguments: [String], query: String) throws {
        let report = try PlotCommand.parse(arguments).experiment().run(progress: nil)
        let (json, _) = try BinaryRun.run(["plot"] + arguments + ["--format", "json"])
        let (csv, _) = try BinaryRun.run(["plot"] + arguments + ["--format", "csv"])
        #expect(json.stdout == (try report.json()))
        #expect(csv.stdout == report.table.csv)
    }
}
