/// Reads the protocol-buffer wire format by hand, field by field, every length checked against the
/// bytes left before it is used. Enough for TensorBoard's `Event`, `Summary` and `TensorProto`: a
/// generated swift-protobuf model of those messages would be larger than this and the few lines
/// that walk it, and the hostile-length checks would be the same.
struct ProtobufReader {
    enum WireType: UInt64 { case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5 }

    struct Malformed: Error {
        var reason: String
    }

    /// One field: its number and its value in the form its wire type gives.
    enum Field {
        case varint(Int, UInt64)
        case fixed64(Int, UInt64)
        case fixed32(Int, UInt32)
        case bytes(Int, ArraySlice<UInt8>)

        var number: Int {
            switch self {
            case .varint(let n, _), .fixed64(let n, _), .fixed32(let n, _), .bytes(let n, _): n
            }
        }
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard position < bytes.endIndex else { throw Malformed(reason: "a varint runs past the end") }
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { throw Malformed(reason: "a varint is longer than 10 bytes") }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        throw Malformed(reason: "a varint is longer than 10 bytes")
    }

    private mutating func little(_ count: Int) throws(Malformed) -> UInt64 {
        guard bytes.endIndex - position >= count else { throw Malformed(reason: "a \(count * 8)-bit field runs past the end") }
        var v: UInt64 = 0
        for k in 0..<count { v |= UInt64(bytes[position + k]) << UInt64(8 * k) }
        position += count
        return v
    }

    /// The next field, or nil at the end. Groups (wire types 3 and 4) are refused.
    mutating func next() throws(Malformed) -> Field? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        let number = Int(truncatingIfNeeded: key >> 3)
        guard number > 0 else { throw Malformed(reason: "field number 0") }
        switch WireType(rawValue: key & 7) {
        case .varint: return .varint(number, try varint())
        case .fixed64: return .fixed64(number, try little(8))
        case .fixed32: return .fixed32(number, UInt32(truncatingIfNeeded: try little(4)))
        case .lengthDelimited:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw Malformed(reason: "a field of \(length) bytes runs past the end")
            }
            let start = position
            position += Int(length)
            return .bytes(number, bytes[start..<position])
        case nil: throw Malformed(reason: "wire type \(key & 7) is not read here")
        }
    }
}
