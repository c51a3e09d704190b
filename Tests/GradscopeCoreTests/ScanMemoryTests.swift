import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ScanMemoryTests {
    /// The built `gradscope` beside this test's build products (.build/debug/gradscope).
    static var binary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/gradscope").path
    }

    @Test("Scanning a generated 3 GB checkpoint stays under 1 GB resident (child process, max RSS)")
    func threeGigabytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-rss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.safetensors").path
        // 3 tensors of 256 Mi F32 values each (1 GiB each): 3 GiB of data.
        let perTensor: UInt64 = 1 << 30
        var header = "{"
        for i in 0..<3 {
            header += "\(i > 0 ? "," : "")\"t\(i)\":{\"dtype\":\"F32\",\"shape\":[\(perTensor / 4)],\"data_offsets\":[\(UInt64(i) * perTensor),\(UInt64(i + 1) * perTensor)]}"
        }
        header += "}"
        let h = Array(header.utf8)
        FileManager.default.createFile(atPath: path, contents: Data((0..<8).map { UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64($0))) } + h))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let chunk = Data([Float](repeating: 0.5, count: 16 << 20).withUnsafeBytes(Array.init))  // 64 MiB
        for _ in 0..<(3 * perTensor / UInt64(chunk.count)) { try handle.write(contentsOf: chunk) }
        try handle.close()

        var pid: pid_t = 0
        let args = [Self.binary, "scan", path, "--format", "json"]
        var argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        #expect(posix_spawn(&pid, Self.binary, &actions, nil, &argv, environ) == 0)
        var status: Int32 = 0
        var usage = rusage()
        #expect(wait4(pid, &status, 0, &usage) == pid)
        #expect(status == 0)
        let peakBytes = usage.ru_maxrss * 1024
        #expect(peakBytes < 1 << 30, "peak RSS \(peakBytes) bytes")
    }
}
