import GradscopeNumerics
import CVectorMath

/// Evaluates a ``SurfaceModel`` over rows of a grid, split across the cores: the C kernels
/// (`gs_surface_f64/f32`, the chain kernels' vector exp, AVX-512 or AVX2 chosen at run time) for Float
/// and Double tanh/sigmoid models, ``SurfaceModel/evaluate(w:b:)`` for everything else.
@_spi(Benchmarks)
public enum SurfaceKernels {
    /// Where the results go: three row-major buffers of columns·rows values.
    /// Addresses are kept as Int so that the closure run on several threads stays `Sendable`.
    public struct Output: Sendable {
        let loss: Int, dLossDW: Int, dLossDB: Int
        let count: Int

        public init<T>(loss: UnsafeMutableBufferPointer<T>, dLossDW: UnsafeMutableBufferPointer<T>,
                       dLossDB: UnsafeMutableBufferPointer<T>) {
            precondition(loss.count == dLossDW.count && loss.count == dLossDB.count, "Surface buffers differ in size.")
            self.loss = Int(bitPattern: loss.baseAddress)
            self.dLossDW = Int(bitPattern: dLossDW.baseAddress)
            self.dLossDB = Int(bitPattern: dLossDB.baseAddress)
            self.count = loss.count
        }

        func pointer<T>(_ base: Int, _ type: T.Type, offset: Int) -> UnsafeMutablePointer<T> {
            UnsafeMutablePointer<T>(bitPattern: base)! + offset
        }
    }

    /// Threads a grid may use: `GRADSCOPE_THREADS` if set to a positive number, else the CPUs
    /// this process may run on (as for the chain kernels).
    public static var defaultThreadCount: Int { ParallelGrid.defaultThreadCount }

    /// Grid points per thread below which the work stays on the calling thread.
    static let parallelThreshold = 4_096

    /// Fills `output` (rows·columns values, row-major by b) with the loss and gradient at (ws[c], bs[r]).
    ///
    /// - Parameters:
    ///   - threads: threads to split the rows over; nil uses ``defaultThreadCount``.
    ///   - vectorised: false forces the generic path (for tests).
    ///   - isa: the vector ISA of the C kernel (0 scalar, 2 AVX2, 3 AVX-512); nil picks the CPU's best.
    ///   - isCancelled: asked before each chunk of rows; once true the remaining chunks are skipped
    ///     (their values stay as they were: the caller checks it again and discards the output).
    public static func evaluate<T: GradFloat>(
        _ model: SurfaceModel, ws: [T], bs: [T], into output: Output,
        threads: Int? = nil, vectorised: Bool = true, isa: Int? = nil, isCancelled: (@Sendable () -> Bool)? = nil
    ) {
        let columns = ws.count, rows = bs.count
        precondition(output.count == columns * rows, "The output holds \(output.count) values, not \(columns)·\(rows).")
        guard columns > 0, rows > 0 else { return }
        let kernel = vectorised ? kernelModel(model, T.self) : nil
        let threadCount = max(1, min(threads ?? defaultThreadCount, rows, columns * rows / parallelThreshold))
        // Several chunks per thread, handed out as threads come free (``ParallelGrid``).
        let chunk = max(1, rows / (threadCount * chunksPerThread))
        let chunks = (rows + chunk - 1) / chunk
        let isaCode = Int32(isa ?? -1)
        let rowsOfChunk: @Sendable (Int) -> Void = { k in
            if isCancelled?() == true { return }
            let first = k * chunk, count = min(chunk, rows - first)
            if let kernel {
                runKernel(kernel, ws: ws, bs: Array(bs[first..<first + count]), output: output,
                          offset: first * columns, isa: isaCode)
            } else {
                for row in first..<first + count {
                    for column in 0..<columns {
                        let point = model.evaluate(w: ws[column], b: bs[row])
                        let i = row * columns + column
                        output.pointer(output.loss, T.self, offset: i).pointee = point.loss
                        output.pointer(output.dLossDW, T.self, offset: i).pointee = point.dLossDW
                        output.pointer(output.dLossDB, T.self, offset: i).pointee = point.dLossDB
                    }
                }
            }
        }
        ParallelGrid.forEachDynamically(chunks, workers: threadCount, rowsOfChunk)
    }

    /// Chunks of rows per thread.
    static let chunksPerThread = 8

    /// The C description of the model, or nil when the kernels do not cover it.
    static func kernelModel<T: GradFloat>(_ model: SurfaceModel, _: T.Type) -> SurfaceModelC? {
        guard T.self == Double.self || T.self == Float.self else { return nil }
        let act: Int32
        switch model.activation {
        case .tanh: act = Int32(GS_SURFACE_TANH)
        case .sigmoid: act = Int32(GS_SURFACE_SIGMOID)
        default: return nil
        }
        let loss = Int32(model.loss == .state ? GS_SURFACE_LOSS_STATE : GS_SURFACE_LOSS_OUTPUT)
        return SurfaceModelC(act: act, loss: loss, steps: Int32(model.steps), x0: model.initialState, target: model.target)
    }

    private static func runKernel<T: GradFloat>(
        _ model: SurfaceModelC, ws: [T], bs: [T], output: Output, offset: Int, isa: Int32
    ) {
        var model = model
        let status: Int32 = ws.withUnsafeBufferPointer { w in
            bs.withUnsafeBufferPointer { b in
                if T.self == Double.self {
                    return gs_surface_f64(&model, UnsafeRawPointer(w.baseAddress!).assumingMemoryBound(to: Double.self), w.count,
                                          UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: Double.self), b.count,
                                          output.pointer(output.loss, Double.self, offset: offset),
                                          output.pointer(output.dLossDW, Double.self, offset: offset),
                                          output.pointer(output.dLossDB, Double.self, offset: offset), isa)
                }
                return gs_surface_f32(&model, UnsafeRawPointer(w.baseAddress!).assumingMemoryBound(to: Float.self), w.count,
                                      UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: Float.self), b.count,
                                      output.pointer(output.loss, Float.self, offset: offset),
                                      output.pointer(output.dLossDW, Float.self, offset: offset),
                                      output.pointer(output.dLossDB, Float.self, offset: offset), isa)
            }
        }
        precondition(status == 0, "gs_surface failed with status \(status).")
    }
}
