import RealModule

/// A dense row-major matrix of `rows × columns` elements of a ``GradFloat`` type.
///
/// Every product and sum is rounded to `T` in a fixed order (left to right along
/// a row), so a Float16 matrix computes what Float16 hardware without fused
/// multiply-add computes.
///
/// ```swift
/// let m = Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 3, 4])
/// m * [1, 1]          // [3, 7]
/// m.transposed()[0, 1] // 3
/// ```
public struct Matrix<T: GradFloat>: Hashable, Sendable {
    public let rows: Int
    public let columns: Int
    /// The elements, row after row: element (r, c) is `elements[r·columns + c]`.
    public var elements: [T]

    public init(rows: Int, columns: Int, elements: [T]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns,
                     "A \(rows)×\(columns) matrix needs \(rows * columns) elements, got \(elements.count).")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    public init(rows: Int, columns: Int, repeating value: T = 0) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// A matrix whose element (r, c) is `element(r, c)`.
    public init(rows: Int, columns: Int, _ element: (Int, Int) -> T) {
        var elements: [T] = []
        elements.reserveCapacity(rows * columns)
        for r in 0..<rows { for c in 0..<columns { elements.append(element(r, c)) } }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix { Matrix(rows: n, columns: n) { $0 == $1 ? 1 : 0 } }

    public subscript(row: Int, column: Int) -> T {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// The transpose: element (r, c) becomes (c, r).
    public func transposed() -> Matrix { Matrix(rows: columns, columns: rows) { self[$1, $0] } }

    /// The same matrix in another precision, each element rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> Matrix<U> {
        Matrix<U>(rows: rows, columns: columns, elements: elements.map { U($0) })
    }

    /// Every element passed through `transform`.
    public func map(_ transform: (T) -> T) -> Matrix { Matrix(rows: rows, columns: columns, elements: elements.map(transform)) }

    /// The matrix–vector product `(A·v)_r = Σ_c A[r, c]·v[c]`.
    public static func * (a: Matrix, v: [T]) -> [T] {
        precondition(v.count == a.columns, "A \(a.rows)×\(a.columns) matrix cannot multiply a vector of \(v.count).")
        return (0..<a.rows).map { r in
            var sum: T = 0
            for c in 0..<a.columns { sum += a.elements[r * a.columns + c] * v[c] }
            return sum
        }
    }

    /// The matrix product `(A·B)[r, c] = Σ_k A[r, k]·B[k, c]`.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "Cannot multiply \(a.rows)×\(a.columns) by \(b.rows)×\(b.columns).")
        var product = Matrix(rows: a.rows, columns: b.columns)
        for r in 0..<a.rows {
            for k in 0..<a.columns {
                let ark = a.elements[r * a.columns + k]
                for c in 0..<b.columns { product.elements[r * b.columns + c] += ark * b.elements[k * b.columns + c] }
            }
        }
        return product
    }

    /// The Frobenius norm `√(Σ a²)`, accumulated in Double and rounded once to `T`.
    public var frobeniusNorm: T { T(Double.sqrt(elements.reduce(0) { $0 + Double($1) * Double($1) })) }

    /// The largest magnitude `max |a|` (NaN if any element is NaN).
    public var maxMagnitude: T {
        elements.reduce(0) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1.magnitude) }
    }
}
