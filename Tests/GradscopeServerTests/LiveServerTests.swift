import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import GradscopeGallery
@testable import GradscopeServer

/// The app on a real loopback socket: a live request, a real headless Chromium, a wrk load
/// test and a malformed-request barrage. `scripts/test` installs chromium, chromium-driver,
/// python3-selenium and wrk; outside CI a missing tool skips its test, in CI it fails.
@Suite(.serialized) struct LiveServerTests {
    static let python = "/usr/bin/python3"
    static let hasBrowser = ExternalProcess.find(["/usr/bin/chromium"]) != nil && ExternalProcess.find(["/usr/bin/chromedriver"]) != nil
        && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/selenium")
    #if DEBUG
    /// The test command runs a debug build (about 10x slower on the chart path than `swift run -c release`).
    static let build = "debug", redrawBound = 1000.0
    #else
    static let build = "release", redrawBound = 500.0
    #endif
    static let hasWrk = ExternalProcess.find(["/usr/bin/wrk", "/usr/local/bin/wrk"]) != nil

    @Test("A live request over TCP")
    func live() async throws {
        try await TestApp.make().test(.live) { client in
            try await client.execute(uri: "/api/view?activation=relu&weight=8&depth=3", method: .get) { response in
                #expect(response.status == .ok)
                let view = try TestApp.decode(ExplorerView.self, response.body)
                #expect(view.numbers.last?.maxSlope == 512)
            }
        }
    }

    @Test("The explorer in headless Chromium: controls, LaTeX, figures, shared URL, input-to-redraw time",
          .enabled(if: hasBrowser || ExternalProcess.isCI), .timeLimit(.minutes(2)))
    func browser() async throws {
        try await TestApp.make().test(.live) { client in
            let run = try await ExternalProcess.run(
                [Self.python, ExternalProcess.resource("explorer_e2e.py"), "http://127.0.0.1:\(client.port!)", "--samples", "12"], timeout: 100)
            print(run.output)
            #expect(run.status == 0, "\(run.output)")
            let last = run.output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? "{}"
            let timing = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Double] ?? [:]
            let median = try #require(timing["redrawMedianMs"])
            print("Input-to-redraw, depth-100 chain at 1000 points (\(Self.build) build): median \(median) ms, p90 \(timing["redrawP90Ms"] ?? -1) ms, server \(timing["serverMedianMs"] ?? -1) ms (target 50 ms in a release build)")
            #expect(median < Self.redrawBound, "input-to-redraw median \(median) ms")
        }
    }

    @Test("Load: wrk on the main endpoints, throughput and p99", .enabled(if: hasWrk || ExternalProcess.isCI), .timeLimit(.minutes(2)))
    func load() async throws {
        try await TestApp.make().test(.live) { client in
            let run = try await ExternalProcess.run(
                [Self.python, ExternalProcess.resource("load_test.py"), "http://127.0.0.1:\(client.port!)", "--seconds", "1", "--connections", "4"],
                timeout: 90)
            print(run.output)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("| view, depth 100, 1000 points |"))
        }
    }

    @Test("A malformed-request barrage leaves the server answering correctly", .timeLimit(.minutes(2)))
    func barrage() async throws {
        try await TestApp.make().test(.live) { client in
            let run = try await ExternalProcess.run(
                [Self.python, ExternalProcess.resource("barrage.py"), "127.0.0.1", "\(client.port!)", "--seed", "7"], timeout: 90)
            print(run.output)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("ok: the server answers"))
        }
    }
}
