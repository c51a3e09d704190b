extension Precision {
    /// Calls `visitor` with the Swift type of this precision.
    ///
    ///     struct Overflow: PrecisionVisitor {
    ///         func visit<T: GradFloat>(_ type: T.Type) -> Bool { (T(8) * T.greatestFiniteMagnitude).isInfinite }
    ///     }
    ///     Precision.bfloat16.visit(Overflow())   // true, computed in BFloat16
    public func visit<V: PrecisionVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .float16: visitor.visit(Float16.self)
        case .bfloat16: visitor.visit(BFloat16.self)
        case .float32: visitor.visit(Float.self)
        case .float64: visitor.visit(Double.self)
        case .float8E4M3FN: visitor.visit(Float8E4M3FN.self)
        case .float8E5M2: visitor.visit(Float8E5M2.self)
        case .float6E3M2FN: visitor.visit(Float6E3M2FN.self)
        case .float6E2M3FN: visitor.visit(Float6E2M3FN.self)
        case .float4E2M1FN: visitor.visit(Float4E2M1FN.self)
        }
    }
}

/// Generic work to run in a precision chosen at run time (Swift has no generic closures).
public protocol PrecisionVisitor {
    associatedtype Result
    func visit<T: GradFloat>(_ type: T.Type) -> Result
}

extension BFloat16: GradFloat {
    public static var precision: Precision { .bfloat16 }
}
