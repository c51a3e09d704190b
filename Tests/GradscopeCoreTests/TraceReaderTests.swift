import Foundation
import GradscopeCore
import Testing

/// The trace reader on the fixtures `Resources/traces/make_traces.py` writes (schema version 1).
@Suite struct TraceReaderTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: "gstrace", subdirectory: "Resources/traces")?.path
            ?? "Resources/traces/\(name).gstrace"
    }

    @Test("A fixture reads back every table: modules, parameters, steps with their classes, every stats row")
    func readsChain() throws {
        let trace = try TraceFile(contentsOf: Self.fixture("chain"))
        #expect(trace.meta["schema_version"] == "1")
        #expect(trace.modules.map(\.name) == ["", "layers.0", "layers.1", "layers.2", "layers.3"])
        #expect(trace.modules.map(\.isLeaf) == [false, true, true, true, true])
        #expect(trace.parameters.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"])
        #expect(trace.steps.map(\.step) == [1, 2])
        #expect(trace.steps[0].loss == 0.25 && trace.steps[0].gradientNorm == 3)
        #expect(trace.steps[1].gradientNorm == nil)
        #expect(trace.steps.map(\.learningRates) == [[0.01], [0.01]])
        #expect(trace.records.count == 2 * 26)   // 4 parameters, 7 forward, the loss, 10 backward, 4 updates
        let nan = try #require(trace.records.first { $0.statistics.nan > 0 })
        #expect(nan.step == 2 && nan.kind == .parameterGradient && nan.parameterID == 0)
    }

    @Test("Histograms are summed over the full steps before the first non-finite one")
    func healthyHistograms() throws {
        let trace = try TraceFile(contentsOf: Self.fixture("chain"))
        // Step 2 holds the first Inf, so only step 1's output of layers.0 ([-8, 0, 8]) is counted: one zero, two in 2^3.
        let h = try #require(trace.healthyHistograms[HistogramKey(kind: .output, moduleID: 1, parameterID: nil)])
        #expect(h.zeros == 1)
        #expect(h.nonZeroFinite == 2)
        #expect(h.count(atOrAbove: 3) == 2 && h.count(atOrAbove: 4) == 0)
    }

    @Test("Hostile files: one line naming the problem", arguments: [
        ("not_sqlite", "is not an SQLite database"),
        ("truncated", "is corrupt or truncated"),
        ("corrupt", "is corrupt or truncated"),
        ("foreign", "is not a Gradscope trace: it has no table"),
        ("newer", "has trace schema version 2; this gradscope reads version 1"),
    ])
    func hostile(name: String, expected: String) throws {
        let path = Self.fixture(name)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: TraceError.self) { try TraceFile(contentsOf: path) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("\n") == false)
        // Read-only: the file is unchanged and no journal was left beside it.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("A missing file is a one-line error")
    func missing() {
        let error = #expect(throws: TraceError.self) { try TraceFile(contentsOf: "/nonexistent/run.gstrace") }
        #expect(error?.message == "'/nonexistent/run.gstrace' does not exist. Give the path of a trace written by gradscope_probe.")
    }

    @Test("CRC-32C of the standard check string, and TensorFlow's mask")
    func crc() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        let crc = CRC32C.checksum([UInt8]())
        #expect(CRC32C.masked([UInt8]()) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    @Test("trainer_state.json with bare NaN and Infinity tokens")
    func trainerState() throws {
        let json = #"{"log_history": [{"step": 1, "loss": 2.0, "grad_norm": 1.0, "learning_rate": 0.001},"# +
            #" {"step": 2, "loss": NaN, "grad_norm": Infinity}, {"eval_loss": 1.0, "step": 2}, {"step": 3, "loss": -Infinity}]}"#
        let log = try TrainingLogFile(trainerState: Data(json.utf8), path: "trainer_state.json")
        #expect(log.entries.map(\.step) == [1, 2, 3])
        #expect(log.entries[0].loss == 2 && log.entries[0].learningRate == 0.001)
        #expect(log.entries[1].loss?.isNaN == true && log.entries[1].gradientNorm == .infinity)
        #expect(log.entries[2].loss == -.infinity)
        let inspection = LogInspection(log)
        #expect(inspection.firstNonFinite?.step == 2 && inspection.firstNonFinite?.kind == .nan)
        #expect(inspection.remedies.first?.value == 1)
    }

    @Test("A trainer_state.json without log_history, or not JSON, is one line")
    func trainerStateErrors() {
        let a = #expect(throws: TraceError.self) { try TrainingLogFile(trainerState: Data(#"{"x": 1}"#.utf8), path: "s.json") }
        #expect(a?.message == "'s.json' has no 'log_history': it is not a Trainer's trainer_state.json.")
        let b = #expect(throws: TraceError.self) { try TrainingLogFile(trainerState: Data("{log".utf8), path: "s.json") }
        #expect(b?.message.hasPrefix("'s.json' is not valid JSON") == true)
    }
}
