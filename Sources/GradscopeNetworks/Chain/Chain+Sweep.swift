import GradscopeNumerics

/// `y_l(x)` and `dy_l/dx` of a chain for every depth `l = 1…L` and every x.
///
/// Stored row-major by depth in contiguous arrays: `y[(l − 1)·count + i]` is
/// `y_l(xs[i])`. The slope accumulates forward in the order
/// `d_l = (d_{l−1}·w_l)·φ'(a_l)`, `d_0 = 1`, every operation rounded to `T`.
public struct ChainSweep<T: GradFloat>: Sendable {
    /// The inputs.
    public let xs: [T]
    /// The number of depths, L.
    public let depth: Int
    /// `y_l(x)` for l = 1…L, row-major by depth.
    public let y: [T]
    /// `dy_l/dx` for l = 1…L, row-major by depth.
    public let dydx: [T]

    /// The number of inputs.
    public var count: Int { xs.count }

    /// The outputs `y_l(x)` at depth `l` (1-based).
    public func outputs(atDepth l: Int) -> ArraySlice<T> {
        y[(l - 1) * count ..< l * count]
    }

    /// The slopes `dy_l/dx` at depth `l` (1-based).
    public func slopes(atDepth l: Int) -> ArraySlice<T> {
        dydx[(l - 1) * count ..< l * count]
    }
}

extension Chain {
    /// Evaluates `y_l` and `dy_l/dx` for all depths 1…L over `xs` in one pass.
    ///
    /// Float and Double chains of relu, tanh, sigmoid and linear layers run on
    /// vectorised kernels split across the cores; everything else on the
    /// generic path, with every operation rounded to `T`.
    public func sweep<T: GradFloat>(over xs: [T]) -> ChainSweep<T> {
        let n = xs.count
        var y = [T](repeating: 0, count: n * depth)
        var dydx = [T](repeating: 0, count: n * depth)
        xs.withUnsafeBufferPointer { input in
            y.withUnsafeMutableBufferPointer { yOut in
                dydx.withUnsafeMutableBufferPointer { dOut in
                    if !ChainKernels.sweep(layers: layers, xs: input, y: yOut, dydx: dOut) {
                        genericSweep(input, y: yOut, dydx: dOut)
                    }
                }
            }
        }
        return ChainSweep(xs: xs, depth: depth, y: y, dydx: dydx)
    }

    /// The reference path: the shared ``ChainRecurrence`` in a plain loop, any precision, any
    /// activation, with x split into contiguous chunks across the cores when there are many.
    func genericSweep<T: GradFloat>(
        _ xs: UnsafeBufferPointer<T>, y: UnsafeMutableBufferPointer<T>, dydx: UnsafeMutableBufferPointer<T>
    ) {
        let n = xs.count
        let kernels = recurrences(in: T.self)
        nonisolated(unsafe) let (yOut, dOut) = (y, dydx)
        let threads = min(ChainKernels.defaultThreadCount, max(1, n / ChainKernels.parallelThreshold))
        ParallelGrid.forEachRange(of: n, parts: threads, alignment: 64) { range in
            for i in range {
                var input = xs[i]
                var slope: T = 1
                for (l, kernel) in kernels.enumerated() {
                    let step = kernel.forward(input)
                    slope = kernel.carry(slope, slope: step.slope).carried
                    input = step.output
                    yOut[l * n + i] = step.output
                    dOut[l * n + i] = slope
                }
            }
        }
    }
}
