/// The header of a NumPy `.npy` array (format versions 1.0, 2.0 and 3.0):
///
///     "\x93NUMPY" major minor, header length (u16 for version 1, u32 for 2 and 3, little-endian),
///     a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }, then the data
///
/// Floating-point descriptors `<f8`, `<f4`, `<f2` (and `=`/`|` byte orders) are scanned; other plain
/// types and big-endian floats are listed, not scanned; object arrays (`O`), whose bytes are pickled
/// Python objects, and structured arrays (a list of fields) are refused.
struct NumpyHeader: Equatable {
    var dtype: TensorDType
    var shape: [Int]
    var isColumnMajor: Bool
    /// Bytes from the start of the `.npy` content to its data.
    var dataOffset: Int
    /// shape × item size.
    var dataBytes: UInt64

    /// The largest header this reader accepts (numpy writes a few hundred bytes).
    static let maximumHeaderBytes = 1 << 20

    /// The number of bytes of the header's prefix needed before `parse` can run: the first 12 bytes tell it.
    static func headerEnd(prefix bytes: [UInt8], file: String, at origin: UInt64) throws -> Int {
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw CheckpointError(file: file, "byte \(origin) does not begin a .npy array (the magic \\x93NUMPY is missing).")
        }
        let major = bytes[6]
        switch major {
        case 1: return 10 + Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw CheckpointError(file: file, "the .npy header at byte \(origin) is truncated.") }
            let length = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
            guard length <= maximumHeaderBytes else {
                throw CheckpointError(file: file, "the .npy header at byte \(origin) claims \(length) bytes, over this reader's 1 MiB limit.")
            }
            return 12 + length
        default:
            throw CheckpointError(file: file, "the .npy array at byte \(origin) has format version \(major).\(bytes[7]); versions 1, 2 and 3 are read.")
        }
    }

    /// Parses a complete header (`bytes` holds at least `headerEnd` bytes).
    static func parse(_ bytes: [UInt8], file: String, at origin: UInt64) throws -> NumpyHeader {
        let end = try headerEnd(prefix: bytes, file: file, at: origin)
        guard bytes.count >= end else { throw CheckpointError(file: file, "the .npy header at byte \(origin) is truncated (\(end) bytes needed).") }
        let start = bytes[6] == 1 ? 10 : 12
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        func fail(_ what: String) -> CheckpointError {
            CheckpointError(file: file, "the .npy header at byte \(origin) \(what).")
        }
        var parser = PythonLiteral.Parser(text)
        guard case .dict(let dict)? = try? parser.value() else { throw fail("is not a Python dict literal") }
        guard case .string(let descr)? = dict["descr"] else {
            if case .list? = dict["descr"] { throw fail("describes a structured array (a list of fields); pass plain numeric arrays") }
            throw fail("has no 'descr' string")
        }
        guard case .bool(let fortran)? = dict["fortran_order"] else { throw fail("has no 'fortran_order' True/False") }
        guard case .tuple(let dims)? = dict["shape"] else { throw fail("has no 'shape' tuple") }
        var shape: [Int] = []
        var count: UInt64 = 1
        for d in dims {
            guard case .integer(let v) = d, v >= 0 else { throw fail("has a shape entry that is not a non-negative integer") }
            let (p, o) = count.multipliedReportingOverflow(by: UInt64(v))
            guard !o, p <= UInt64(Int.max / 16) else { throw fail("has a shape whose element count overflows") }
            count = p
            shape.append(v)
        }
        let (dtype, itemBytes) = try numpyType(descr, fail: fail)
        let (bytesNeeded, o) = count.multipliedReportingOverflow(by: UInt64(itemBytes))
        guard !o else { throw fail("has a shape whose byte count overflows") }
        return NumpyHeader(dtype: dtype, shape: shape, isColumnMajor: fortran, dataOffset: end, dataBytes: bytesNeeded)
    }

    /// `(type, item bytes)` of a descriptor such as `<f4`.
    static func numpyType(_ descr: String, fail: (String) -> CheckpointError) throws -> (TensorDType, Int) {
        var chars = Array(descr)
        var order: Character = "="
        if let first = chars.first, "<>|=".contains(first) { order = first; chars.removeFirst() }
        guard let kind = chars.first else { throw fail("has an empty 'descr'") }
        if kind == "O" { throw fail("describes an object array ('\(descr)'), whose bytes are pickled Python objects; it is refused") }
        guard let size = Int(String(chars.dropFirst())), size > 0, size <= 1 << 20 else {
            throw fail("has a 'descr' '\(descr)' this reader does not know")
        }
        let bigEndian = order == ">" && size > 1
        if kind == "f", !bigEndian {
            switch size {
            case 8: return (.float64, 8)
            case 4: return (.float32, 4)
            case 2: return (.float16, 2)
            default: break
            }
        }
        return (.listed(name: descr + (bigEndian ? " (big-endian)" : ""), bits: size * 8), size)
    }
}
