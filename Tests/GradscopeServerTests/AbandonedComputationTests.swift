import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GradscopeServer

/// Issue #10 item 7, the computation itself: a surface request whose client closes the connection
/// mid-way stops at the grid's next chunk of rows (``RequestProgress`` → `SurfaceExperiment`), so
/// its worker is free again long before the work would have finished. `Resources/abandon_running.py`
/// drives a live server with one worker and no waiting line: first the control (the client stays,
/// a second heavy request is refused with 503 while it computes), then the same request abandoned
/// (the next heavy request gets the worker within a few polls).
@Suite(.serialized) struct AbandonedComputationTests {
    static let limits = ServerLimits(workers: 1, queueLimit: 0, retryAfterSeconds: 1, idleTimeoutSeconds: 5, bodyTimeoutSeconds: 5)

    @Test("An abandoned surface stops computing: its worker serves the next heavy request", .timeLimit(.minutes(2)))
    func abandonedSurfaceStops() async throws {
        let app = buildApplication(ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)), limits: Self.limits)
        nonisolated(unsafe) var result: [String: Any] = [:]
        try await app.test(.live) { client in
            let run = try await ExternalProcess.run(["/usr/bin/python3", ExternalProcess.resource("abandon_running.py"), "\(client.port!)"], timeout: 100)
            #expect(run.status == 0, "\(run.output)")
            let line = run.output.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? "{}"
            result = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
        // The control: while a client waits for the slow surface, the one worker is busy.
        #expect(result["whileKept"] as? Int == 503, "\(result)")
        #expect(result["kept"] as? Int == 200, "\(result)")
        // Abandoned: the server still answers, and the worker comes free for the next heavy request.
        #expect(result["health"] as? Int == 200, "\(result)")
        #expect(result["slotAfter"] as? Int == 200, "\(result)")
    }
}
