import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GradscopeCLI
import GradscopeGallery
import GradscopeServer

/// `bias` and `first-bias` mean the same on both faces: `bias` is every layer's b (an expression in w such as
/// `-w/2` evaluated at the weight), layer 1's too unless `first-bias` is given — ``ChainExperiment/Settings``
/// decides it once, and `gradscope chain|overflow ARGS --format json` is the body of `/api/chain|overflow?ARGS`.
@Suite struct FacesAgreeChainBiasTests {
    static let chainArguments: [[String]] = [
        ["--activation", "sigmoid", "--weight", "8", "--bias=-w/2", "--depth", "3", "--at", "0"],
        ["--activation", "sigmoid", "--bias=-w/2", "--first-bias", "0", "--depth", "4", "--at", "0"],
        ["--activation", "tanh", "--weight", "3", "--bias=-w/2", "--first-weight", "2", "--depth", "3", "--at", "0.25"],
        ["--activation", "tanh", "--bias", "-4", "--first-bias", "1", "--depth", "3", "--at", "0.5"],
        ["--activation", "relu", "--weight", "2", "--bias", "w/4 - 1", "--depth", "3", "--at", "1"],
    ]

    @Test("gradscope chain --bias/--first-bias --format json == /api/chain?bias=…&first-bias=…, and the CSVs", arguments: chainArguments)
    func chain(arguments: [String]) async throws {
        let report = try ChainExperiment(settings: ChainCommand.parse(arguments).settings).run(progress: nil)
        let query = FacesAgreeTests.query(arguments)
        #expect(try await FacesAgreeTests.body("/api/chain?\(query)") == report.json())
        #expect(try await FacesAgreeTests.body("/api/chain.csv?\(query)") == report.table.csv)
    }

    static let overflowArguments: [[String]] = [
        ["--activation", "sigmoid", "--bias=-w/2", "--max-depth", "60"],
        ["--activation", "sigmoid", "--bias=-w/2", "--first-bias", "0", "--max-depth", "60", "--precision", "float16"],
    ]

    @Test("gradscope overflow --bias -w/2 --format json == /api/overflow?bias=-w/2", arguments: overflowArguments)
    func overflow(arguments: [String]) async throws {
        let report = try OverflowExperiment(settings: OverflowCommand.parse(arguments).settings).run(progress: nil)
        let query = FacesAgreeTests.query(arguments)
        #expect(try await FacesAgreeTests.body("/api/overflow?\(query)") == report.json())
        #expect(try await FacesAgreeTests.body("/api/overflow.csv?\(query)") == report.table.csv)
    }

    /// Other settings the faces read differently before: the surface's activation (the server took only
    /// sigmoid and tanh) and plot's `--depths` alone (the server's depth stayed 3 and refused deeper depths).
    @Test("gradscope surface --activation relu == /api/surface?activation=relu")
    func surfaceActivation() async throws {
        let arguments = ["--grid", "6", "--activation", "relu", "--steps", "10", "--start", "5,-2.4", "--iterations", "3"]
        let report = try SurfaceExperiment(settings: SurfaceCommand.parse(arguments).settings).run(progress: nil)
        #expect(try await FacesAgreeTests.body("/api/surface?\(FacesAgreeTests.query(arguments))") == report.json())
    }

    @Test("gradscope plot F --depths 1,5,10 == /api/curves?formula=F&depths=1,5,10 (no depth)")
    func plotDepths() async throws {
        let report = try PlotCommand.parse(["tanh(w*x)", "--param", "w=2", "--depths", "1,5,10", "--points", "9"]).experiment().run(progress: nil)
        #expect(try await FacesAgreeTests.body("/api/curves?formula=tanh(w*x)&param.w=2&depths=1,5,10&points=9") == report.json())
    }

    @Test("bias=-w/2 is b = −4 at every layer with w = 8; with first-bias=0 it is the post's S5, dy_l/dx = 2^l at x = 0")
    func meaning() async throws {
        let body = try await FacesAgreeTests.body("/api/chain?activation=sigmoid&bias=-w/2&depth=3&at=0")
        let everyLayer = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        #expect(everyLayer["bias"] as? Double == -4)
        #expect(everyLayer["firstBias"] == nil)
        let layers = everyLayer["layers"] as! [[String: Any]]
        #expect((layers[0]["preactivation"] as? Double) == -4)  // a_1 = 8·0 − 4

        let s5 = try ChainExperiment(settings: ChainCommand.parse(["--activation", "sigmoid", "--bias=-w/2", "--first-bias", "0",
                                                                   "--depth", "4", "--at", "0"]).settings).run(progress: nil)
        #expect(s5.document.bias == -4 && s5.document.firstBias == 0)
        // σ(0) = 1/2 and σ'(0) = 1/4 exactly, so every a_l is 0 and each layer multiplies dy/dx by 8/4 = 2.
        #expect(s5.document.layers.map(\.preactivation) == [0, 0, 0, 0])
        #expect(s5.document.layers.map(\.dydx) == [2, 4, 8, 16])
    }

    @Test("A bias that is neither a number nor an expression in w is one sentence on both faces", arguments: [
        ("-w/y", "bias '-w/y' may use only w, not 'y'. Write a number or an expression in w such as -w/2."),
        ("x/2", "bias 'x/2' may not use x. Write a number or an expression in w such as -w/2."),
    ])
    func badBias(text: String, sentence: String) async throws {
        do {
            _ = try ChainCommand.parse(["--bias", text])
            Issue.record("--bias \(text) was accepted")
        } catch {
            #expect(ChainCommand.message(for: error) == "--\(sentence)")
        }
        let app = Application(router: buildRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/chain?bias=\(FacesAgreeTests.encode(text))", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(String(buffer: response.body).utf8))
                #expect(body.error == sentence)
                #expect(body.parameter == "bias")
            }
        }
    }
}
