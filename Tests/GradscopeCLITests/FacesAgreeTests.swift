import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GradscopeCLI
import GradscopeGallery
import GradscopeServer

/// The same settings give the same JSON and CSV on both faces: `gradscope NAME ARGS --format json`
/// prints exactly the body of `/api/NAME?ARGS` (the flags' names without the dashes).
@Suite struct FacesAgreeTests {
    /// `["--depth", "3", "--at=-1"]` → `depth=3&at=-1`.
    static func query(_ arguments: [String]) -> String {
        var pairs: [String] = [], index = 0
        while index < arguments.count {
            let flag = arguments[index].dropFirst(2)
            if let equals = flag.firstIndex(of: "=") {
                pairs.append("\(flag[..<equals])=\(Self.encode(String(flag[flag.index(after: equals)...])))")
                index += 1
            } else {
                pairs.append("\(flag)=\(Self.encode(arguments[index + 1]))")
                index += 2
            }
        }
        return pairs.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? value
    }

    /// The body the server answers for `path`.
    static func body(_ path: String) async throws -> String {
        let app = Application(router: buildRouter())
        let body = Body()
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok, "\(path): \(String(buffer: response.body))")
                await body.set(String(buffer: response.body))
            }
        }
        return await body.text
    }

    actor Body {
        var text = ""
        func set(_ text: String) { self.text = text }
    }

    static let chainArguments: [[String]] = [
        ["--activation", "relu", "--weight", "8", "--depth", "3", "--at", "1"],
        ["--activation", "sigmoid", "--bias=-4", "--first-bias", "0", "--first-weight", "6", "--depth", "5", "--at", "0"],
        ["--activation", "tanh", "--weight", "8", "--depth", "50", "--at", "0", "--precision", "float16"],
    ]

    @Test("gradscope chain --format json == /api/chain, and the CSVs too", arguments: chainArguments)
    func chain(arguments: [String]) async throws {
        let report = try ChainExperiment(settings: ChainCommand.parse(arguments).settings).run(progress: nil)
        #expect(try await Self.body("/api/chain?\(Self.query(arguments))") == report.json())
        #expect(try await Self.body("/api/chain.csv?\(Self.query(arguments))") == report.table.csv)
    }

    static let surfaceArguments: [[String]] = [
        ["--grid", "8", "--start", "5,-2.4", "--iterations", "5"],
        ["--grid", "6", "--activation", "tanh", "--loss", "state", "--steps", "20", "--w=-4:-1", "--b", "-3:1",
         "--start=-2,0", "--lr", "0.5", "--clip", "2", "--iterations", "3", "--precision", "float32", "--x0=-0.5", "--target", "0.2"],
    ]

    @Test("gradscope surface --format json == /api/surface, and the CSVs too", arguments: surfaceArguments)
    func surface(arguments: [String]) async throws {
        let report = try SurfaceExperiment(settings: SurfaceCommand.parse(arguments).settings).run(progress: nil)
        #expect(try await Self.body("/api/surface?\(Self.query(arguments))") == report.json())
        #expect(try await Self.body("/api/surface.csv?\(Self.query(arguments))") == report.table.csv)
    }
}

/// `gradscope activations` and `/api/activations`: one Gallery value, two thin adapters.
@Suite struct ActivationsTests {
    static let arguments: [[String]] = [
        ["--activations", "tanh,relu,sig", "--x=-2:2", "--points", "9"],
        ["--activations", "gelu,swish", "--x", "-1:3", "--points", "5", "--precision", "bfloat16"],
    ]

    @Test("gradscope activations --format json == /api/activations, and the CSVs too", arguments: arguments)
    func facesAgree(arguments: [String]) async throws {
        let report = try ActivationsExperiment(settings: ActivationsCommand.parse(arguments).settings).run(progress: nil)
        #expect(try await FacesAgreeTests.body("/api/activations?\(FacesAgreeTests.query(arguments))") == report.json())
        #expect(try await FacesAgreeTests.body("/api/activations.csv?\(FacesAgreeTests.query(arguments))") == report.table.csv)
    }

    @Test("Float64 values and slopes match libm and a central difference (h = 1e-6, relative 1e-8)")
    func oracle() throws {
        let report = try ActivationsExperiment(settings: .init(activations: [.tanh, .sigmoid, .softplus], x: -3...3, points: 13)).run(progress: nil)
        let functions: [String: (Double) -> Double] = ["tanh": { Foundation.tanh($0) }, "sigmoid": { 1 / (1 + Foundation.exp(-$0)) },
                                                       "softplus": { Foundation.log1p(Foundation.exp($0)) }]
        #expect(report.document.x == (0..<13).map { -3 + Double($0) * 0.5 })
        #expect(report.document.activations.map(\.name) == ["tanh", "sigmoid", "softplus"])
        for curve in report.document.activations {
            let f = try #require(functions[curve.name])
            for (i, x) in report.document.x.enumerated() {
                #expect(abs(curve.value[i] - f(x)) <= 1e-15 * max(1, abs(f(x))), "\(curve.name)(\(x))")
                let h = 1e-6, difference = (f(x + h) - f(x - h)) / (2 * h)
                #expect(abs(curve.derivative[i] - difference) <= 1e-8 * max(1, abs(difference)), "\(curve.name)'(\(x))")
            }
        }
        #expect(report.table.columns == ["activation", "x", "value", "derivative"] && report.table.rows.count == 39)
        #expect(report.summary.contains("sup |φ'| (γ)") && report.summary.contains("0.25"))
    }

    @Test("Bad settings are one line naming the flag", arguments: [
        (["--activations", "tanhh"], "--activations must list known activations: Unknown activation 'tanhh'. Did you mean 'tanh'?"),
        (["--activations", "tanh,tanh"], "--activations must name each activation once, got 'tanh' twice."),
        (["--points", "1"], "--points must be between 2 and 100000, got 1."),
        (["--x", "2:1"], "The value '2:1' is invalid for '--x <x>': --x must be a range A:B"),
    ])
    func badSettings(arguments: [String], message: String) {
        do {
            _ = try ActivationsCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = ActivationsCommand.message(for: error)
            #expect(text.hasPrefix(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }
}
