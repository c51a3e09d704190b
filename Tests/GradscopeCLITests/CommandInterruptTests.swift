import Foundation
import Testing

/// Ctrl-C on long CLI work (issue #10, item 6): each command, run with options that keep it busy
/// for many seconds, stops on SIGINT with exit status 130, one line on stderr, and no file at or
/// beside its `--out` target (no report, no temp file).
@Suite(.serialized, .enabled(if: InterruptedRun.isAvailable, "needs .build/debug/gradscope"))
struct CommandInterruptTests {
    @Test("SIGINT: exit 130, one line on stderr, nothing written", arguments: [
        ["surface", "--grid", "1024", "--steps", "900"],
        ["phase", "--grid", "201", "--colour", "xi-c", "--trainability"],
        ["spectrum", "--width", "200", "--depth", "100"],
    ])
    func interrupted(arguments: [String]) throws {
        try check(arguments)
    }

    /// `layers` asks before each layer's weights are drawn and before each layer of every pass.
    @Test("layers: SIGINT stops it")
    func layers() throws {
        try check(["layers", "--width", "1000", "--depth", "100", "--batch", "32"])
    }

    func check(_ arguments: [String]) throws {
        let outcome = try InterruptedOutput.run(arguments, out: "\(arguments[0]).json")
        #expect(!outcome.finishedEarly, "\(arguments[0]) finished before the signal: the options are too small to test Ctrl-C")
        #expect(outcome.status == 130, "\(arguments[0]): \(outcome.standardError)")
        let lines = outcome.standardError.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(arguments[0]) stderr: \(outcome.standardError)")
        #expect(lines.first?.hasPrefix("Interrupted") == true, "\(arguments[0]) stderr: \(outcome.standardError)")
        #expect(outcome.leftFiles == [], "\(arguments[0]) left \(outcome.leftFiles)")
    }
}
