import CVectorMath
import Foundation
import GradscopeCore
import Testing

/// Writes `bytes` to a fresh temporary file and passes its path; the folder is removed afterwards.
func withTemporaryFile<R>(_ bytes: [UInt8], name: String = "t.safetensors", _ body: (String) throws -> R) throws -> R {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return try body(path)
}

/// A safetensors file from a header text and a data buffer.
func safetensors(_ header: String, _ data: [UInt8]) -> [UInt8] {
    let h = Array(header.utf8)
    return (0..<8).map { UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64($0))) } + h + data
}

@Suite struct ScanReaderTests {
    @Test("A valid file: tensors in ascending offset whatever the key order, metadata skipped, listed types kept")
    func validFile() throws {
        let header = #"{"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]},"__metadata__":{"k":"v"},"a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"#
        let floats: [Float] = [1.5, -.infinity]
        let data = [UInt8](repeating: 7, count: 4) + floats.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        try withTemporaryFile(safetensors(header, data)) { path in
            let checkpoint = try Checkpoint(paths: [path])
            #expect(checkpoint.tensors.map(\.name) == ["a", "b"])
            #expect(checkpoint.tensors.map(\.dtype) == [.listed(name: "I32", bits: 32), .float32])
            let stats = try CheckpointScanner(threads: 2).statistics(of: checkpoint)
            #expect(stats[0] == nil)
            let b = try #require(stats[1])
            #expect([b.n, b.negInf, b.posInf, b.nan, b.zeros] == [2, 1, 0, 0, 0])
            #expect(b.absmax == 1.5 && b.absminNonzero == 1.5 && b.sum == 1.5 && b.sumsq == 2.25)
        }
    }

    static let hostile: [(String, [UInt8], String)] = [
        ("short", [1, 2, 3], "too short"),
        ("huge header", safetensors("{}", []).enumerated().map { $0.offset == 4 ? 0x10 : $0.element }, "100 MB limit"),
        ("header past end", [0x40, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8), "runs past the end"),
        ("not JSON", safetensors("{oops", []), "not valid JSON"),
        ("unknown dtype", safetensors(#"{"w":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]), "tensor 'w' has dtype 'F12'"),
        ("negative shape", safetensors(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]), "tensor 'w' has shape"),
        ("outside buffer", safetensors(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, [0, 0, 0, 0]), "past the buffer's 4 bytes"),
        ("size mismatch", safetensors(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, [0, 0, 0, 0]), "needs 8 bytes"),
        ("overlap", safetensors(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}"#, [UInt8](repeating: 0, count: 6)), "tensors overlap"),
        ("hole", safetensors(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[6,10]}}"#, [UInt8](repeating: 0, count: 10)), "hole at bytes 4..<6"),
        ("tail", safetensors(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, [UInt8](repeating: 0, count: 6)), "2 bytes after the last tensor 'a'"),
        ("fraction offsets", safetensors(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4.0]}}"#, [0, 0, 0, 0]), "not two non-negative integers"),
        ("npy object", [0x93] + Array("NUMPY".utf8) + [1, 0, 60, 0] + Array("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }".utf8) + [UInt8](repeating: 0x20, count: 4) + [10], "object array"),
    ]

    @Test("Hostile files are one-line errors naming the tensor or byte offset", arguments: hostile)
    func hostileFiles(_ item: (String, [UInt8], String)) throws {
        let (label, bytes, fragment) = item
        try withTemporaryFile(bytes, name: label.contains("npy") ? "x.npy" : "x.safetensors") { path in
            do {
                _ = try Checkpoint(paths: [path])
                Issue.record("\(label): accepted")
            } catch let error as CheckpointError {
                #expect(error.description.contains(fragment), "\(label): \(error.description)")
                #expect(!error.description.contains("\n"))
            }
        }
    }

    /// Valid seeds for the fuzzer: a safetensors file of every scanned dtype, a .npy, and a stored and a deflated .npz.
    static func seeds() throws -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        let header = #"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[24,32]},"c":{"dtype":"F8_E4M3","shape":[8],"data_offsets":[32,40]},"d":{"dtype":"F16","shape":[4],"data_offsets":[40,48]}}"#
        out.append(("s.safetensors", safetensors(header, (0..<48).map { UInt8($0 * 37 & 0xFF) })))
        let npyHeader = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }"
        var npy = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let padded = npyHeader + String(repeating: " ", count: 63 - (10 + npyHeader.count) % 64) + "\n"
        npy += [UInt8(padded.utf8.count & 0xFF), UInt8(padded.utf8.count >> 8)] + Array(padded.utf8) + (0..<24).map { UInt8($0 * 11) }
        out.append(("n.npy", npy))
        // A stored .npz holding the .npy above, with a Zip64 extra field in its central header,
        // and the same member deflated (one stored deflate block).
        out.append(("z.npz", npz(member: "x.npy", npy, deflated: false)))
        out.append(("d.npz", npz(member: "x.npy", npy, deflated: true)))
        return out
    }

    /// A one-member ZIP archive: the member stored, or deflated as one stored deflate block
    /// (BFINAL = 1, BTYPE = 00, LEN, NLEN, the bytes), with its CRC-32 and a Zip64 extra field.
    static func npz(member: String, _ data: [UInt8], deflated: Bool) -> [UInt8] {
        let name = Array(member.utf8)
        func le(_ v: UInt64, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
        let body = deflated ? [1] + le(UInt64(data.count), 2) + le(UInt64(~UInt16(data.count)), 2) + data : data
        let crc = UInt64(data.withUnsafeBytes { gs_crc32(0, $0.baseAddress, $0.count) })
        let method: UInt64 = deflated ? 8 : 0
        let local = le(0x0403_4b50, 4) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(crc, 4) + le(UInt64(body.count), 4) + le(UInt64(data.count), 4) + le(UInt64(name.count), 2) + le(0, 2) + name
        let central = le(0x0201_4b50, 4) + le(45, 2) + le(45, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(crc, 4) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4)
            + le(UInt64(name.count), 2) + le(20, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + name + le(1, 2) + le(16, 2) + le(UInt64(data.count), 8) + le(UInt64(body.count), 8)
        let cdOffset = local.count + body.count
        let end = le(0x0605_4b50, 4) + le(0, 2) + le(0, 2) + le(1, 2) + le(1, 2) + le(UInt64(central.count), 4) + le(UInt64(cdOffset), 4) + le(0, 2)
        return local + body + central + end
    }

    @Test("CRC-32: the check value of \"123456789\" is 0xCBF43926, and pieces chain")
    func crc32() {
        let bytes = Array("123456789".utf8)
        #expect(bytes.withUnsafeBytes { gs_crc32(0, $0.baseAddress, 9) } == 0xCBF4_3926)
        let first = bytes.withUnsafeBytes { gs_crc32(0, $0.baseAddress, 4) }
        #expect(bytes.withUnsafeBytes { gs_crc32(first, $0.baseAddress! + 4, 5) } == 0xCBF4_3926)
        #expect(gs_crc32(0, nil, 0) == 0)
    }

    @Test(".npz: a member whose bytes no longer match its CRC-32 (stored or deflated) is a one-line error naming it",
          arguments: [false, true])
    func corruptedMember(_ deflated: Bool) throws {
        let npy = try Self.seeds().first { $0.0 == "n.npy" }!.1
        var archive = Self.npz(member: "layer.npy", npy, deflated: deflated)
        try withTemporaryFile(archive, name: "ok.npz") { path in
            let names = try Checkpoint(paths: [path]).tensors.map(\.name)
            #expect(names == ["layer"])
        }
        let header = 30 + "layer.npy".utf8.count + (deflated ? 5 : 0)
        archive[header + npy.count - 3] ^= 0x40  // a data byte: the .npy still parses, its CRC does not match
        try withTemporaryFile(archive, name: "bad.npz") { path in
            do {
                _ = try Checkpoint(paths: [path])
                Issue.record("a corrupted member was accepted")
            } catch let error as CheckpointError {
                #expect(error.description.hasPrefix("\(path): member 'layer.npy' fails its CRC-32 check (directory 0x"), "\(error.description)")
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test("Fuzzing: 4000 seeded mutations and truncations are errors or clean scans, never crashes")
    func fuzz() throws {
        var rng = Xoshiro256StarStar(seed: 13)
        var accepted = 0, rejected = 0
        for (name, seed) in try Self.seeds() {
            // Every seed scans cleanly as written.
            try withTemporaryFile(seed, name: name) { path in _ = try CheckpointScanner(threads: 1).statistics(of: try Checkpoint(paths: [path])) }
            for round in 0..<1000 {
                var bytes = seed
                if round % 4 == 0 {
                    bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
                } else {
                    for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                        let i = Int(rng.next() % UInt64(bytes.count))
                        bytes[i] = round % 3 == 0 ? [0, 0xFF, 0x7F, 0x80][Int(rng.next() % 4)] : UInt8(truncatingIfNeeded: rng.next())
                    }
                }
                try withTemporaryFile(bytes, name: name) { path in
                    do {
                        let checkpoint = try Checkpoint(paths: [path])
                        _ = try CheckpointScanner(threads: 1).statistics(of: checkpoint)
                        accepted += 1
                    } catch let error as CheckpointError {
                        #expect(!error.description.contains("\n"))
                        rejected += 1
                    }
                }
            }
        }
        #expect(accepted + rejected == 4000)
        #expect(rejected > 1000)
    }

    @Test("Statistics kernels: AVX-512, AVX2 and scalar give the same counts and extremes on random bit patterns")
    func kernelsAgree() {
        var rng = Xoshiro256StarStar(seed: 7)
        let bytes = (0..<40_003).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        for dtype in [GS_TS_F32, GS_TS_F16, GS_TS_BF16] {
            let width = dtype == GS_TS_F32 ? 4 : 2
            var results: [GSTensorStats] = []
            for isa: Int32 in [0, 2, 3] {
                var s = GSTensorStats()
                gs_tensor_stats_init(&s)
                bytes.withUnsafeBytes { _ = gs_tensor_stats_accumulate(&s, $0.baseAddress! + 1, (bytes.count - 1) / width, Int32(dtype), isa) }
                results.append(s)
            }
            for s in results.dropFirst() {
                let r = results[0]
                #expect([s.n, s.nan, s.pos_inf, s.neg_inf, s.zeros] == [r.n, r.nan, r.pos_inf, r.neg_inf, r.zeros])
                #expect(s.absmax == r.absmax && s.absmin_nonzero == r.absmin_nonzero)
                #expect([s.over.0, s.over.1, s.over.2, s.over.3, s.flush.0, s.flush.1, s.flush.2, s.flush.3] == [r.over.0, r.over.1, r.over.2, r.over.3, r.flush.0, r.flush.1, r.flush.2, r.flush.3])
                #expect([s.subnormal.0, s.subnormal.1, s.subnormal.2, s.subnormal.3] == [r.subnormal.0, r.subnormal.1, r.subnormal.2, r.subnormal.3])
            }
        }
    }
}
