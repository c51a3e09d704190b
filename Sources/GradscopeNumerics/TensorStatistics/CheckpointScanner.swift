import CVectorMath
import Foundation

/// Computes ``TensorStatistics`` for every scanned tensor of a ``Checkpoint``, split over the cores.
///
/// The work is a list of pieces (a plain tensor cut into windows of ``MappedFile/windowBytes``, a
/// deflated one whole); the pieces run on `threads` threads, each maps its window, runs the kernels
/// and unmaps it, so at most `threads` windows are resident at once. The partial results are merged
/// per tensor in piece order, so the sums are the same for every thread count.
public struct CheckpointScanner: Sendable {
    /// Threads to split the pieces over (at least 1).
    public var threads: Int
    /// The kernels' ISA (`-1` = the best this CPU has; 0, 2, 3 force scalar, AVX2, AVX-512).
    public var isa: Int32

    public init(threads: Int = max(Int(gs_available_cpus()), 1), isa: Int32 = -1) {
        self.threads = max(threads, 1)
        self.isa = isa
    }

    /// The statistics of each tensor of `checkpoint` (nil for listed, unscanned types), in its order.
    /// - Parameter progress: called with (bytes done, bytes in all) after each piece, from any thread.
    /// - Throws: ``CheckpointError`` if a window cannot be read or a deflated member is corrupt;
    ///   `CancellationError` when `isCancelled` turns true.
    public func statistics(of checkpoint: Checkpoint, progress: (@Sendable (UInt64, UInt64) -> Void)? = nil,
                           isCancelled: (@Sendable () -> Bool)? = nil) throws -> [TensorStatistics?] {
        struct Piece { var tensor: Int; var start: Int; var count: Int; var bytes: UInt64 }
        var pieces: [Piece] = []
        for (i, t) in checkpoint.tensors.enumerated() where t.dtype.isScanned {
            let width = t.dtype.bits / 8
            switch t.storage {
            case .plain:
                let per = max(MappedFile.windowBytes / width, 1)
                var start = 0
                repeat {
                    let n = min(per, t.elementCount - start)
                    pieces.append(Piece(tensor: i, start: start, count: n, bytes: UInt64(n * width)))
                    start += n
                } while start < t.elementCount
            case .deflated:
                pieces.append(Piece(tensor: i, start: 0, count: t.elementCount, bytes: t.byteCount))
            }
        }
        let total = pieces.reduce(0) { $0 + $1.bytes }
        let partials = UnsafeMutableBufferPointer<GSTensorStats>.allocate(capacity: pieces.count)
        defer { partials.deallocate() }
        let failures = UnsafeMutableBufferPointer<Error?>.allocate(capacity: pieces.count)
        failures.initialize(repeating: nil)
        defer { failures.deinitialize(); failures.deallocate() }
        let lock = NSLock()
        let isa = self.isa
        let pieceList = pieces
        nonisolated(unsafe) let out = partials, errors = failures
        nonisolated(unsafe) var doneBytes: UInt64 = 0
        ParallelGrid.forEachDynamically(pieces.count, workers: threads) { index in
            let piece = pieceList[index]
            var stats = TensorStatistics.empty
            if isCancelled?() == true {
                errors[index] = CancellationError()
            } else {
                let tensor = checkpoint.tensors[piece.tensor]
                do {
                    try tensor.forEachPiece(of: checkpoint.files[tensor.file]!, elements: piece.start, count: piece.count) {
                        TensorStatistics.accumulate(&stats, $0, dtype: tensor.dtype, isa: isa)
                    }
                } catch {
                    errors[index] = error
                }
            }
            out[index] = stats
            lock.lock()
            doneBytes += piece.bytes
            let sofar = doneBytes
            lock.unlock()
            progress?(sofar, total)
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
        var merged = [GSTensorStats?](repeating: nil, count: checkpoint.tensors.count)
        for (index, piece) in pieces.enumerated() {
            if merged[piece.tensor] == nil { merged[piece.tensor] = TensorStatistics.empty }
            gs_tensor_stats_merge(&merged[piece.tensor]!, &out[index])
        }
        return merged.map { $0.map(TensorStatistics.init) }
    }
}
