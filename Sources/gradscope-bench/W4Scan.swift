import ArgumentParser
import CVectorMath
import Foundation
import GradscopeCore

/// `gradscope-bench w4 FILE`: the checkpoint scan (W4) on a safetensors file, printed in the peers'
/// JSON shape with their `totals` keys, beside the machine's memory-read bandwidth measured on the
/// same mapped file (a vectorised sum of its bytes) and, with `--spectral PREFIX`, the spectral norms.
struct W4Scan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "w4", abstract: "W4: per-tensor statistics of a checkpoint.")

    @Argument(help: "The .safetensors file (w4_make_checkpoint.py writes one).")
    var file: String

    @Option(help: "Timed repeats (the median is reported).")
    var repeats = 5

    @Option(help: "Untimed warm-up runs.")
    var warmup = 1

    @Option(help: "Threads (0 = every CPU this process may use).")
    var threads = 0

    @Option(help: "Name prefix of the 2-D tensors whose spectral norm is computed (timed apart).")
    var spectral: String?

    func run() throws {
        let checkpoint = try Checkpoint(paths: [file])
        let scanner = CheckpointScanner(threads: threads > 0 ? threads : Int(gs_available_cpus()))
        var stats: [TensorStatistics?] = []
        let timing = try BenchTiming.measure(warmup: warmup, repeats: repeats) { stats = try scanner.statistics(of: checkpoint) }
        let bandwidth = try BenchTiming.measure(warmup: warmup, repeats: repeats) { _ = try Self.readAll(checkpoint, threads: scanner.threads) }
        let size = Double(checkpoint.files[file]!.size)
        // The peers count the formats the W4 definition names: F64, F32, F16 and BF16 tensors.
        let counted = zip(checkpoint.tensors, stats).compactMap { [.float64, .float32, .float16, .bfloat16].contains($0.dtype) ? $1 : nil }
        var totals: [(String, BenchJSON)] = [
            ("n", .int(Int(counted.reduce(0) { $0 + $1.n }))), ("nan", .int(Int(counted.reduce(0) { $0 + $1.nan }))),
            ("pos_inf", .int(Int(counted.reduce(0) { $0 + $1.posInf }))), ("neg_inf", .int(Int(counted.reduce(0) { $0 + $1.negInf }))),
            ("zeros", .int(Int(counted.reduce(0) { $0 + $1.zeros }))),
        ]
        for f in TargetFormat.allCases {
            totals.append(("over_\(f.rawValue)", .int(Int(counted.reduce(0) { $0 + $1[f].over }))))
            totals.append(("flush_\(f.rawValue)", .int(Int(counted.reduce(0) { $0 + $1[f].flush }))))
            totals.append(("subnormal_\(f.rawValue)", .int(Int(counted.reduce(0) { $0 + $1[f].subnormal }))))
        }
        var fields: [(String, BenchJSON)] = [
            ("workload", .string("W4-scan")), ("impl", .string("gradscope")), ("file", .string((file as NSString).lastPathComponent)),
            ("bytes", .int(Int(size))), ("tensors", .int(counted.count)), ("threads", .int(scanner.threads)),
            ("isa", .int(Int(gs_vector_isa()))),
            ("sec_median", .number(timing.median)), ("sec_all", .array(timing.all.map { .number($0) })),
            ("gb_per_s", .number(size / timing.median / 1e9)),
            ("read_sec_median", .number(bandwidth.median)), ("read_gb_per_s", .number(size / bandwidth.median / 1e9)),
            ("fraction_of_read_bandwidth", .number(bandwidth.median / timing.median)),
            ("totals", .object(totals)),
        ]
        if let prefix = spectral {
            let chosen = checkpoint.tensors.filter { $0.name.hasPrefix(prefix) && $0.shape.count == 2 && $0.dtype.isScanned }
            var norms: [(String, BenchJSON)] = []
            let start = DispatchTime.now().uptimeNanoseconds
            for t in chosen {
                if let w = try WeightSpectrum(of: t, in: checkpoint.files[t.file]!, statistics: nil, gamma: 1) {
                    norms.append((t.name, .object([("lanczos", .number(w.spectralNorm.value)), ("bound", .number(w.spectralNorm.bound)),
                                                   ("iterations", .int(w.spectralNorm.iterations))])))
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            fields.append(("spectral", .object([("matrices", .int(chosen.count)), ("sec_best", .number(seconds)), ("norms", .object(norms))])))
        }
        print(BenchJSON.object(fields).text)
    }

    /// Sums every 8-byte word of the tensors' bytes through the same mapped windows and threads: the read limit.
    static func readAll(_ checkpoint: Checkpoint, threads: Int) throws -> UInt64 {
        let tensors = checkpoint.tensors
        let lock = NSLock()
        nonisolated(unsafe) var total: UInt64 = 0, failure: Error?
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var sum: UInt64 = 0
            for (i, t) in tensors.enumerated() {
                let width = max(t.dtype.bits / 8, 1), per = MappedFile.windowBytes / width
                for (piece, start) in stride(from: 0, to: t.elementCount, by: per).enumerated() where (i + piece) % threads == worker {
                    do {
                        try t.forEachPiece(of: checkpoint.files[t.file]!, elements: start, count: min(per, t.elementCount - start)) { bytes in
                            sum &+= gs_bytes_sum(bytes.baseAddress, bytes.count)
                        }
                    } catch { lock.lock(); failure = error; lock.unlock() }
                }
            }
            lock.lock(); total &+= sum; lock.unlock()
        }
        if let failure { throw failure }
        return total
    }
}
