import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import GradscopeGallery
@testable import GradscopeServer

/// `serve --trace FILE`: `/api/trace` is `gradscope inspect FILE --format json`, in memory (`app.test(.router)`).
@Suite struct TraceEndpointTests {
    /// A fixture of the trace reader's tests (`Tests/GradscopeCoreTests/Resources/traces/make_traces.py`).
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GradscopeCoreTests/Resources/traces/\(name).gstrace").path
    }

    static func app(trace: TraceWatch?) -> some ApplicationProtocol {
        buildApplication(ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)), trace: trace)
    }

    @Test("/api/trace is byte for byte the inspect experiment's JSON (the CLI's --format json)", arguments: ["chain", "finite", "log_zero"])
    func sameJSON(name: String) async throws {
        let path = Self.fixture(name)
        let expected = try InspectExperiment(settings: .init(path: path)).run(progress: nil).json()
        try await Self.app(trace: try TraceWatch(path: path)).test(.router) { client in
            try await client.execute(uri: "/api/trace", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.headers[TraceController<ExplorerRequestContext>.staleHeader] == nil)
                #expect(String(buffer: response.body) == expected)
            }
        }
    }

    @Test("The chain fixture's story: the first −Inf at step 2, backward, layers.2 (Linear), an overflow")
    func chainStory() async throws {
        try await Self.app(trace: try TraceWatch(path: Self.fixture("chain"))).test(.router) { client in
            try await client.execute(uri: "/api/trace", method: .get) { response in
                let object = try TestApp.object(response.body)
                let first = try #require(object["firstNonFinite"] as? [String: Any])
                #expect(first["step"] as? Int == 2 && first["pass"] as? String == "backward")
                #expect(first["module"] as? String == "layers.2" && first["moduleType"] as? String == "Linear")
                #expect(first["value"] as? String == "-Infinity")
                #expect((first["cause"] as? [String: Any])?["kind"] as? String == "overflow")
            }
            try await client.execute(uri: "/api/trace.svg", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
                let svg = String(buffer: response.body)
                #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
                #expect(svg.contains("Gradient RMS") && svg.contains("Activation max |x|"))
            }
            try await client.execute(uri: "/api/trace.csv", method: .get) { response in
                #expect(String(buffer: response.body).hasPrefix("module,type,step,activation_absmax,gradient_rms,gain,nonfinite\n"))
            }
        }
    }

    @Test("Without --trace, /api/trace, .svg and .csv answer 404 with a JSON error; the page still loads the panel's script",
          arguments: ["/api/trace", "/api/trace.svg", "/api/trace.csv"])
    func noTrace(uri: String) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                let object = try TestApp.object(response.body)
                #expect(object["error"] as? String == "No trace is shown: start the explorer with gradscope serve --trace FILE.")
            }
            try await client.execute(uri: "/trace.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(String(buffer: response.body) == PageAssets.traceScript)
            }
        }
        #expect(PageAssets.html.contains("<script src=\"/trace.js\" defer></script>"))
    }

    @Test("The panel sets trace text with textContent only (module names are hostile), and polls /api/trace")
    func panelScript() {
        #expect(!PageAssets.traceScript.contains("innerHTML"))
        #expect(PageAssets.traceScript.contains("fetch(\"/api/trace\""))
        #expect(PageAssets.traceScript.contains("/api/trace.svg"))
    }

    @Test("A bad trace at start-up is the reader's one-line error", arguments: ["not_sqlite", "truncated", "corrupt", "foreign", "newer", "missing"])
    func badTrace(name: String) {
        do {
            _ = try TraceWatch(path: Self.fixture(name))
            Issue.record("\(name) was accepted")
        } catch {
            let message = "\(error)"
            #expect(!message.isEmpty && !message.contains("\n"), "\(name): \(message)")
            #expect(message.contains("\(name).gstrace"), "\(name): \(message)")
        }
    }

    @Test("A trace growing under the server is re-read: a copy replaced by another trace shows the new one, and a broken one keeps the last good report with the reason")
    func refreshes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.gstrace").path
        try FileManager.default.copyItem(atPath: Self.fixture("finite"), toPath: path)
        let watch = try TraceWatch(path: path, refreshSeconds: 0)
        #expect(try TestApp.object(ByteBuffer(string: watch.current().report.json()))["firstNonFinite"] is NSNull)

        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: Self.fixture("chain"), toPath: path)
        let (grown, failure) = watch.current()
        #expect(failure == nil)
        #expect(try grown.json() == InspectExperiment(settings: .init(path: path)).run(progress: nil).json())

        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: Self.fixture("not_sqlite"), toPath: path)
        let (kept, reason) = watch.current()
        #expect(try kept.json() == grown.json())
        #expect(reason?.contains("run.gstrace") == true)
        try await Self.app(trace: watch).test(.router) { client in
            try await client.execute(uri: "/api/trace", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[TraceController<ExplorerRequestContext>.staleHeader]?.contains("run.gstrace") == true)
            }
        }
    }
}
