import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GradscopeServer

/// The explorer under abuse, on a real loopback socket: protocol garbage, slow and silent
/// clients, requests sent and abandoned, more heavy requests than the server takes. Each
/// scenario is `Resources/abuse.py` (bounded in count and time, 127.0.0.1 only); the server
/// runs with short timeouts so that the slow clients are closed within seconds.
@Suite(.serialized) struct AbuseTests {
    static let python = "/usr/bin/python3"
    /// One worker, a short line, 1 s timeouts.
    static let limits = ServerLimits(workers: 1, queueLimit: 4, retryAfterSeconds: 1, idleTimeoutSeconds: 1, bodyTimeoutSeconds: 1)
    /// The same with 30 s timeouts, for the scenarios that are not about slow clients.
    static let patientLimits = ServerLimits(workers: 1, queueLimit: 4, retryAfterSeconds: 1, idleTimeoutSeconds: 30, bodyTimeoutSeconds: 30)

    /// Runs one scenario of `abuse.py` against a fresh server and returns its JSON line.
    /// - Parameter limits: the server's limits; the slow-client scenarios need the 1 s timeouts, the others
    ///   take ``patientLimits`` so that a loaded machine (CI runs suites in parallel on two cores) cannot
    ///   close a connection by its idle timeout before the server has read the request.
    func scenario(_ name: String, count: Int = 20, gate: ComputeGate? = nil, limits: ServerLimits = Self.limits) async throws -> [String: Any] {
        let app = buildApplication(ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)), limits: limits, gate: gate)
        nonisolated(unsafe) var result: [String: Any] = [:]
        try await app.test(.live) { client in
            let run = try await ExternalProcess.run(
                [Self.python, ExternalProcess.resource("abuse.py"), "\(client.port!)", name, "--count", "\(count)"], timeout: 100)
            #expect(run.status == 0, "\(run.output)")
            let line = run.output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? "{}"
            result = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
        return result
    }

    @Test("Protocol garbage: the decoder's rejections are 400 with an empty body; the application's errors are JSON",
          .timeLimit(.minutes(2)))
    func garbage() async throws {
        let answers = try await scenario("garbage", limits: Self.patientLimits) as? [String: [String: Any]] ?? [:]
        func answer(_ name: String) -> (status: Int?, type: String?, body: String) {
            let a = answers[name] ?? [:]
            return (a["status"] as? Int, a["contentType"] as? String, a["body"] as? String ?? "")
        }
        for name in ["garbled request line", "unknown method", "header over 80 KB"] {
            #expect(answer(name).status == 400, "\(name)")
            #expect(answer(name).body.isEmpty, "\(name): the decoder's 400 has no body")
        }
        // A broken body comes after a good head: the application answers the head (no POST route: a
        // JSON 404), then the decoder's empty 400 closes the connection.
        #expect(answer("broken chunked body").status == 404)
        #expect(answer("broken chunked body").body.hasPrefix(#"{"error":"No page or endpoint at POST /api/health."#))
        #expect(answer("broken chunked body").body.hasSuffix("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
        for (name, status) in [("DELETE on a GET route", 404), ("unknown path", 404),
                               ("control character in a parameter name", 400), ("control character in a value", 400)] {
            #expect(answer(name).status == status, "\(name)")
            #expect(answer(name).type == "application/json; charset=utf-8", "\(name)")
            let error = try #require((try JSONSerialization.jsonObject(with: Data(answer(name).body.utf8)) as? [String: Any])?["error"] as? String)
            #expect(!error.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(name): \(error)")
        }
        let unknown = try #require(try JSONSerialization.jsonObject(with: Data(answer("control character in a parameter name").body.utf8)) as? [String: Any])
        #expect((unknown["error"] as? String)?.hasPrefix("Unknown parameter 'dep\\u{1b}th'.") == true, "\(unknown)")
        #expect(unknown["parameter"] as? String == "dep\\u{1b}th")
        let activation = try #require(try JSONSerialization.jsonObject(with: Data(answer("control character in a value").body.utf8)) as? [String: Any])
        #expect((activation["error"] as? String)?.contains("tan\\u{7}h") == true, "\(activation)")
        #expect(answer("HEAD /api/health").status == 200)
        #expect(answer("HEAD /api/health").body.isEmpty)
        #expect(answer("GET /api/health").body == #"{"status":"ok"}"#)
    }

    @Test("Slow clients: silent, half-sent, idle and trickling connections are closed by the timeouts",
          .timeLimit(.minutes(2)))
    func slowClients() async throws {
        let closed = try await scenario("slow")
        // Timeouts of 1 s; the bound only says "closed at all, by the timeout" (without one they stay open).
        for name in ["silent", "half-sent head", "idle after a response", "trickled body"] {
            let seconds = try #require(closed[name] as? Double, "\(name) was still open after 15 s")
            #expect(seconds >= 0.5 && seconds < 8, "\(name) closed after \(seconds) s")
        }
        #expect(closed["health afterwards"] as? Int == 200)
    }

    @Test("Abandoned requests are skipped, not computed, and the server keeps answering", .timeLimit(.minutes(2)))
    func abandoned() async throws {
        let gate = ComputeGate(workers: Self.limits.workers, queueLimit: Self.limits.queueLimit)
        let result = try await scenario("abandon", count: 20, gate: gate)
        #expect(result["blocker"] as? Int == 200)
        #expect(result["health"] as? Int == 200)
        #expect(result["after"] as? Int == 200)
        let counts = gate.counts
        // The blocker and the last request computed; of the 20 dropped ones, those that found the
        // line full were refused and those that waited were skipped when their turn came.
        #expect(counts.admitted + counts.refused == 22, "\(counts)")
        #expect(counts.refused + counts.abandoned == 20, "\(counts)")
        #expect(counts.abandoned == Self.limits.queueLimit, "\(counts)")
    }

    @Test("Beyond the line: 503 with a JSON error and Retry-After, the rest answered", .timeLimit(.minutes(2)))
    func busy() async throws {
        let result = try await scenario("busy", count: 12)
        #expect(result["blocker"] as? Int == 200)
        let answers = result["answers"] as? [[String: Any]] ?? []
        #expect(answers.count == 12)
        let statuses = answers.compactMap { $0["status"] as? Int }
        // One computing (the blocker), 4 waiting, so of the 12 at most 4 are answered 200.
        #expect(statuses.filter { $0 == 200 }.count == Self.limits.queueLimit, "\(statuses)")
        #expect(statuses.filter { $0 == 503 }.count == 12 - Self.limits.queueLimit, "\(statuses)")
        for answer in answers where answer["status"] as? Int == 503 {
            #expect(answer["retryAfter"] as? String == "1")
            #expect(answer["contentType"] as? String == "application/json; charset=utf-8")
            let body = try #require(try JSONSerialization.jsonObject(with: Data((answer["body"] as? String ?? "").utf8)) as? [String: Any])
            #expect(body["error"] as? String == "The server is busy: 1 request is computing and 4 waiting, the most it takes. Retry in 1 s.")
        }
    }
}

/// `gradscope serve` on a port that is taken: one line with the fix, exit code 1.
@Suite struct BusyPortTests {
    /// The debug build of the command-line tool, beside this package's sources.
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/gradscope").path

    @Test("A port in use: 'Port N is in use; pass --port 0 for any free port.', exit 1",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary)), .timeLimit(.minutes(1)))
    func busyPort() async throws {
        try await TestApp.make().test(.live) { client in
            let run = try await ExternalProcess.run([Self.binary, "serve", "--port", "\(client.port!)"], timeout: 30)
            #expect(run.status == 1)
            #expect(run.output == "Error: Port \(client.port!) is in use; pass --port 0 for any free port.\n")
        }
    }
}

/// The gate's admission rule without a server: exact counts, first come first served.
@Suite struct ComputeGateTests {
    @Test("One worker, a line of two: the fourth is refused at once, leaving hands the worker on in order")
    func admission() async throws {
        let gate = ComputeGate(workers: 1, queueLimit: 2)
        #expect(await gate.enter())
        let order = OrderLog()
        let waiters = (0..<2).map { i in
            Task {
                // Queue them in a fixed order: each starts once the previous one is waiting.
                for _ in 0..<200 where gate.load.waiting < i { try? await Task.sleep(for: .milliseconds(5)) }
                let admitted = await gate.enter()
                order.append(i)
                return admitted
            }
        }
        for _ in 0..<400 where gate.load.waiting < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(gate.load == (running: 1, waiting: 2))
        #expect(await gate.enter() == false)
        gate.leave()
        #expect(await waiters[0].value)
        gate.leave()
        #expect(await waiters[1].value)
        gate.leave()
        #expect(gate.load == (running: 0, waiting: 0))
        #expect(order.values == [0, 1])
        #expect(gate.counts == ComputeGate.Counts(admitted: 3, refused: 1, abandoned: 0))
    }
}

/// A thread-safe list for the test above.
final class OrderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func append(_ value: Int) { lock.withLock { items.append(value) } }
    var values: [Int] { lock.withLock { items } }
}
