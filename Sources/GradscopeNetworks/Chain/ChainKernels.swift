import GradscopeNumerics
import CVectorMath

/// Fast sweeps of single-unit chains over many inputs, through the vectorised C
/// kernels of `CVectorMath` (their own inlined vector exp, AVX-512 or AVX2 chosen at run
/// time; libm on other CPUs).
///
/// For each depth l = 1…L and input x they store `y_l(x)` and `dy_l/dx`, with
///
///     a = w·y_{l−1} + b   (two roundings),   y_l = φ(a),   d_l = (d_{l−1}·w)·φ'(a),   d_0 = 1
///
/// and φ' in the saturation-safe forms of ``Activation`` (tanh' = 4e/(1+e)², σ' = e/(1+e)²).
/// Every value is within 4 ulp of the exact φ and φ' of the rounded a; NaN and ±Inf propagate.
///
/// ```swift
/// let ok = ChainKernels.sweep(layers: layers, xs: xs, y: y, dydx: dydx)
/// ```
@_spi(Benchmarks)
public enum ChainKernels {
    /// Inputs per thread below which a sweep stays on the calling thread.
    static let parallelThreshold = 16_384

    /// The CPUs this process may run on (its affinity mask, as `taskset` sets it).
    public static var availableProcessorCount: Int { ParallelGrid.availableProcessorCount }

    /// The vector ISA the kernels use on this CPU: 0 scalar, 2 AVX2, 3 AVX-512.
    public static var vectorISA: Int { Int(gs_vector_isa()) }

    /// Threads a sweep may use: `GRADSCOPE_THREADS` if set to a positive number, else the
    /// CPUs this process may run on (``ParallelGrid``'s count).
    public static var defaultThreadCount: Int { ParallelGrid.defaultThreadCount }

    /// Fills `y` and `dydx` (each depth·n, row-major by layer) for Float/Double chains of relu, tanh, sigmoid or linear layers,
    /// splitting x across both cores when n is large. Returns false when no fast kernel applies (other types or activations); the caller then uses the generic path.
    ///
    /// - Parameters:
    ///   - layers: the chain, first layer first; weights and biases are rounded to `T`.
    ///   - xs: the n inputs.
    ///   - y: depth·n values; `y[l·n + i]` receives y_{l+1}(xs[i]).
    ///   - dydx: depth·n values laid out as `y`.
    ///   - threads: threads to split x over; `nil` uses ``defaultThreadCount``.
    ///   - isa: the vector ISA (0 scalar, 2 AVX2, 3 AVX-512); `nil` picks the CPU's best. For tests.
    /// - Returns: whether the fast kernel ran; false leaves `y` and `dydx` untouched.
    public static func sweep<T: GradFloat>(
        layers: [ChainLayer], xs: UnsafeBufferPointer<T>,
        y: UnsafeMutableBufferPointer<T>, dydx: UnsafeMutableBufferPointer<T>,
        threads: Int? = nil, isa: Int? = nil
    ) -> Bool {
        guard T.self == Double.self || T.self == Float.self else { return false }
        var codes: [Int32] = []
        for layer in layers {
            guard let code = activationCode(layer.activation) else { return false }
            codes.append(code)
        }
        let cLayers = zip(layers, codes).map { ChainLayerC(act: $1, w: $0.weight, b: $0.bias) }
        let n = xs.count
        precondition(y.count >= layers.count * n && dydx.count >= layers.count * n,
                     "ChainKernels.sweep: y and dydx need depth·n = \(layers.count * n) values.")
        guard n > 0, !layers.isEmpty else { return true }

        // Contiguous x chunks, a multiple of 64 values so that no cache line of a row is shared.
        let threadCount = max(1, min(threads ?? defaultThreadCount, n / parallelThreshold))
        let base = (x: Int(bitPattern: xs.baseAddress), y: Int(bitPattern: y.baseAddress),
                    dydx: Int(bitPattern: dydx.baseAddress))
        let isaCode = Int32(isa ?? -1)
        cLayers.withUnsafeBufferPointer { layers in
            ParallelGrid.forEachRange(of: n, parts: threadCount, alignment: 64) { range in
                let status = sweepChunk(T.self, layers: layers.baseAddress!, depth: Int32(layers.count),
                                        x: base.x + range.lowerBound * MemoryLayout<T>.stride, n: range.count,
                                        y: base.y + range.lowerBound * MemoryLayout<T>.stride,
                                        dydx: base.dydx + range.lowerBound * MemoryLayout<T>.stride,
                                        rowStride: n, isa: isaCode)
                precondition(status == GS_OK, "gs_chain_sweep failed with status \(status).")
            }
        }
        return true
    }

    /// The C activation code, or nil when the kernels do not cover the activation.
    static func activationCode(_ activation: Activation) -> Int32? {
        switch activation {
        case .linear: Int32(GS_ACT_LINEAR)
        case .relu: Int32(GS_ACT_RELU)
        case .tanh: Int32(GS_ACT_TANH)
        case .sigmoid: Int32(GS_ACT_SIGMOID)
        default: nil
        }
    }

    /// One chunk of x through the Float or Double kernel; addresses come as Int so the
    /// closure that calls this from several threads stays `Sendable`.
    private static func sweepChunk<T: GradFloat>(
        _: T.Type, layers: UnsafePointer<ChainLayerC>, depth: Int32,
        x: Int, n: Int, y: Int, dydx: Int, rowStride: Int, isa: Int32
    ) -> Int32 {
        if T.self == Double.self {
            return gs_chain_sweep_f64(layers, depth, UnsafePointer(bitPattern: x), n,
                                      UnsafeMutablePointer(bitPattern: y), UnsafeMutablePointer(bitPattern: dydx),
                                      rowStride, isa)
        }
        return gs_chain_sweep_f32(layers, depth, UnsafePointer(bitPattern: x), n,
                                  UnsafeMutablePointer(bitPattern: y), UnsafeMutablePointer(bitPattern: dydx),
                                  rowStride, isa)
    }
}
