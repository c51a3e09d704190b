import CVectorMath

/// The element type of a checkpoint tensor, by its safetensors name (`F32`, `BF16`, `F8_E4M3`, …).
///
/// The floating-point types the scan reads are `float64`, `float32`, `float16`, `bfloat16`,
/// `float8E4M3FN` and `float8E5M2`; every other type the safetensors specification names
/// (integers, `BOOL`, `C64`, `F8_E8M0`, `F6_*`, `F4`, the FNUZ variants) is `listed`: shown with
/// its shape and size, not scanned. NumPy's descriptors (`<f4`, `<f2`, …) map onto the same cases.
public enum TensorDType: Hashable, Sendable, CustomStringConvertible {
    case float64, float32, float16, bfloat16, float8E4M3FN, float8E5M2
    /// A type that is listed, not scanned: its name as the file spells it and its width in bits.
    case listed(name: String, bits: Int)

    /// The safetensors specification's names and widths in bits (safetensors `Dtype`, 0.6).
    static let safetensorsWidths: [String: Int] = [
        "BOOL": 8, "U8": 8, "I8": 8, "U16": 16, "I16": 16, "U32": 32, "I32": 32, "U64": 64, "I64": 64,
        "F64": 64, "F32": 32, "F16": 16, "BF16": 16, "F8_E4M3": 8, "F8_E5M2": 8, "F8_E8M0": 8,
        "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8, "F6_E2M3": 6, "F6_E3M2": 6, "F4": 4, "C64": 64, "C128": 128,
    ]

    /// The type a safetensors header names, or `nil` for a name outside the specification.
    public init?(safetensorsName name: String) {
        switch name {
        case "F64": self = .float64
        case "F32": self = .float32
        case "F16": self = .float16
        case "BF16": self = .bfloat16
        case "F8_E4M3": self = .float8E4M3FN
        case "F8_E5M2": self = .float8E5M2
        default:
            guard let bits = Self.safetensorsWidths[name] else { return nil }
            self = .listed(name: name, bits: bits)
        }
    }

    /// The width of one element in bits.
    public var bits: Int {
        switch self {
        case .float64: 64
        case .float32: 32
        case .float16, .bfloat16: 16
        case .float8E4M3FN, .float8E5M2: 8
        case .listed(_, let bits): bits
        }
    }

    /// Whether the scan computes statistics for this type.
    public var isScanned: Bool {
        if case .listed = self { return false }
        return true
    }

    /// The kernels' code (`GS_TS_*`), for scanned types.
    var kernelCode: Int32? {
        switch self {
        case .float64: Int32(GS_TS_F64)
        case .float32: Int32(GS_TS_F32)
        case .float16: Int32(GS_TS_F16)
        case .bfloat16: Int32(GS_TS_BF16)
        case .float8E4M3FN: Int32(GS_TS_F8_E4M3FN)
        case .float8E5M2: Int32(GS_TS_F8_E5M2)
        case .listed: nil
        }
    }

    /// The name as a report prints it: the safetensors spelling (`F32`, `F8_E4M3`, or the listed name).
    public var description: String {
        switch self {
        case .float64: "F64"
        case .float32: "F32"
        case .float16: "F16"
        case .bfloat16: "BF16"
        case .float8E4M3FN: "F8_E4M3"
        case .float8E5M2: "F8_E5M2"
        case .listed(let name, _): name
        }
    }
}
