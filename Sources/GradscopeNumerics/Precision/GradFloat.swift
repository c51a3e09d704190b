import RealModule

/// The floating-point types the core computes in: Float16, ``BFloat16``, Float, Double.
///
/// Every arithmetic operation and elementary function is rounded to the type,
/// so a run in `Float16` gives what Float16 hardware gives, overflow to ±Inf and
/// underflow to subnormals or zero included.
public protocol GradFloat: Real, BinaryFloatingPoint, Sendable {
    /// The ``Precision`` case naming this type.
    static var precision: Precision { get }
}

extension Float16: GradFloat { public static var precision: Precision { .float16 } }
extension Float: GradFloat { public static var precision: Precision { .float32 } }
extension Double: GradFloat { public static var precision: Precision { .float64 } }
