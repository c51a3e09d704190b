import GradscopeNumerics
import Dispatch

/// A ``SurfaceModel``'s loss and exact gradient on an evenly spaced grid of (w, b).
///
/// Row-major, one row per b: `loss[row·columns + column]` is L(ws[column], bs[row]),
/// as numpy's `meshgrid(linspace(w…), linspace(b…))` lays it out.
///
/// ```swift
/// let grid = SurfaceModel.pascanu.surface(w: 2...14, b: -10...2, resolution: 512, in: Double.self)
/// grid.maximumGradient   // (w, b, ‖∇L‖) on the wall
/// ```
public struct SurfaceGrid<T: GradFloat>: Sendable {
    /// The model evaluated.
    public let model: SurfaceModel
    /// The weights, one per column: `linspace(w.lower, w.upper, columns)`.
    public let ws: [Double]
    /// The biases, one per row: `linspace(b.lower, b.upper, rows)`.
    public let bs: [Double]
    /// L(w, b), row-major by b.
    public internal(set) var loss: [T]
    /// ∂L/∂w, laid out as `loss`.
    public internal(set) var dLossDW: [T]
    /// ∂L/∂b, laid out as `loss`.
    public internal(set) var dLossDB: [T]

    public var columns: Int { ws.count }
    public var rows: Int { bs.count }

    /// The flat index of (column, row).
    public func index(column: Int, row: Int) -> Int { row * columns + column }

    /// ‖∇L‖ at a flat index, in Double.
    public func gradientNorm(at index: Int) -> Double {
        let dw = Double(dLossDW[index]), db = Double(dLossDB[index])
        return (dw * dw + db * db).squareRoot()
    }

    /// The grid point with the largest finite ‖∇L‖ (nil if none is finite).
    public var maximumGradient: (w: Double, b: Double, norm: Double)? {
        var best: (index: Int, norm: Double)?
        for i in loss.indices {
            let norm = gradientNorm(at: i)
            if norm.isFinite, norm > best?.norm ?? -1 { best = (i, norm) }
        }
        return best.map { (ws[$0.index % columns], bs[$0.index / columns], $0.norm) }
    }

    /// The row whose ‖∇L‖ is largest in a column (finite values only).
    public func rowOfMaximumGradient(inColumn column: Int) -> Int? {
        (0..<rows).filter { gradientNorm(at: index(column: column, row: $0)).isFinite }
            .max { gradientNorm(at: index(column: column, row: $0)) < gradientNorm(at: index(column: column, row: $1)) }
    }

    /// The number of grid points whose loss or gradient is NaN or ±Inf.
    public var nonFiniteCount: Int {
        loss.indices.count { !(loss[$0].isFinite && dLossDW[$0].isFinite && dLossDB[$0].isFinite) }
    }

    /// `count` evenly spaced values from the lower to the upper bound, as numpy's `linspace`:
    /// `lower + i·(upper − lower)/(count − 1)`, the last value exactly `upper`.
    public static func samples(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        precondition(count >= 1, "A grid axis needs at least one sample.")
        guard count > 1 else { return [range.lowerBound] }
        let step = (range.upperBound - range.lowerBound) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? range.upperBound : range.lowerBound + Double($0) * step }
    }
}

extension SurfaceModel {
    /// The loss and exact gradient on a `resolution × resolution` grid over the w and b ranges.
    ///
    /// Rows are split across the cores (`threads`, default every available CPU); Float and
    /// Double tanh/sigmoid models run on vectorised C kernels, the rest on
    /// ``evaluate(w:b:)``. Every point is independent, so the split never changes a value.
    public func surface<T: GradFloat>(
        w: ClosedRange<Double>, b: ClosedRange<Double>, resolution: Int, in type: T.Type = T.self, threads: Int? = nil
    ) -> SurfaceGrid<T> {
        surface(w: w, b: b, columns: resolution, rows: resolution, in: type, threads: threads)
    }

    /// The loss and exact gradient on a `columns × rows` grid over the w and b ranges.
    /// `isCancelled` is asked before each chunk of rows: once true the rest stay 0 (discard the grid).
    public func surface<T: GradFloat>(
        w: ClosedRange<Double>, b: ClosedRange<Double>, columns: Int, rows: Int, in type: T.Type = T.self,
        threads: Int? = nil, vectorised: Bool = true, isCancelled: (@Sendable () -> Bool)? = nil
    ) -> SurfaceGrid<T> {
        let ws = SurfaceGrid<T>.samples(w, count: columns), bs = SurfaceGrid<T>.samples(b, count: rows)
        var grid = SurfaceGrid<T>(model: self, ws: ws, bs: bs, loss: .init(repeating: 0, count: columns * rows),
                                  dLossDW: .init(repeating: 0, count: columns * rows),
                                  dLossDB: .init(repeating: 0, count: columns * rows))
        let tw = ws.map { T($0) }, tb = bs.map { T($0) }
        grid.loss.withUnsafeMutableBufferPointer { loss in
            grid.dLossDW.withUnsafeMutableBufferPointer { dw in
                grid.dLossDB.withUnsafeMutableBufferPointer { db in
                    let out = SurfaceKernels.Output(loss: loss, dLossDW: dw, dLossDB: db)
                    SurfaceKernels.evaluate(self, ws: tw, bs: tb, into: out, threads: threads, vectorised: vectorised, isCancelled: isCancelled)
                }
            }
        }
        return grid
    }
}
