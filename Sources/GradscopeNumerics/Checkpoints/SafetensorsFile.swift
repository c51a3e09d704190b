import Foundation

/// Reads the header of a `.safetensors` file and checks it against the specification:
///
///     [8 bytes: header length N, little-endian u64][N bytes: JSON header][data buffer]
///
/// The JSON maps each tensor's name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets
/// relative to the data buffer), in any key order, with an optional `"__metadata__"` string map.
/// The tensors must cover the data buffer exactly: sorted by offset, the first begins at 0, each
/// begins where the previous ends, the last ends at the end of the file.
///
/// Rejected, with a one-line ``CheckpointError`` naming the tensor or the byte offset: a header over
/// 100 MB or past the end of the file, a header that is not a JSON object, a dtype outside the
/// specification, a negative or overflowing shape, offsets outside the buffer, overlaps or holes,
/// and a byte count that is not shape × dtype width.
public enum SafetensorsFile {
    /// The largest header the specification allows: 100 MB.
    public static let maximumHeaderBytes: UInt64 = 100_000_000

    /// The tensors of the file in ascending offset.
    public static func tensors(of file: MappedFile) throws -> [CheckpointTensor] {
        let path = file.path
        guard file.size >= 8 else {
            throw CheckpointError(file: path, "is \(file.size) bytes long, too short for a safetensors file (an 8-byte header length comes first).")
        }
        let lengthBytes = try file.bytes(offset: 0, length: 8)
        let headerLength = lengthBytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= maximumHeaderBytes else {
            throw CheckpointError(file: path, "the header length at byte 0 says \(headerLength) bytes, over the specification's 100 MB limit. The file is not a safetensors file or is corrupt.")
        }
        guard headerLength <= file.size - 8 else {
            throw CheckpointError(file: path, "the header of \(headerLength) bytes (from byte 8) runs past the end of the file (\(file.size) bytes). The file is truncated or not a safetensors file.")
        }
        let header = try file.bytes(offset: 8, length: Int(headerLength))
        let bufferStart = 8 + headerLength
        let bufferLength = file.size - bufferStart
        let entries = try parseHeader(header, path: path)

        var tensors: [(begin: UInt64, end: UInt64, tensor: CheckpointTensor)] = []
        for entry in entries {
            guard let dtype = TensorDType(safetensorsName: entry.dtype) else {
                let known = TensorDType.safetensorsWidths.keys.sorted().joined(separator: ", ")
                throw CheckpointError(file: path, "tensor '\(entry.name)' has dtype '\(entry.dtype)', which the safetensors specification does not name (it names \(known)).")
            }
            var count: UInt64 = 1
            for d in entry.shape {
                let (p, o) = count.multipliedReportingOverflow(by: d)
                guard !o, p <= UInt64(Int.max / 16) else {
                    throw CheckpointError(file: path, "tensor '\(entry.name)' has shape \(entry.shape), whose element count overflows.")
                }
                count = p
            }
            let begin = entry.offsets[0], end = entry.offsets[1]
            guard begin <= end else {
                throw CheckpointError(file: path, "tensor '\(entry.name)' has data_offsets [\(begin), \(end)]: the end lies before the beginning.")
            }
            guard end <= bufferLength else {
                throw CheckpointError(file: path, "tensor '\(entry.name)' ends at byte \(end) of the data buffer (file byte \(bufferStart &+ end)), past the buffer's \(bufferLength) bytes.")
            }
            let bits = count * UInt64(dtype.bits)
            guard bits % 8 == 0, bits / 8 == end - begin else {
                throw CheckpointError(file: path, "tensor '\(entry.name)' holds \(end - begin) bytes, but its shape \(entry.shape) of \(entry.dtype) needs \(bits % 8 == 0 ? "\(bits / 8)" : "\(bits) bits, not a whole number of") bytes.")
            }
            let tensor = CheckpointTensor(name: entry.name, dtype: dtype, shape: entry.shape.map { Int($0) }, file: path,
                                          storage: .plain(offset: bufferStart + begin), byteCount: end - begin)
            tensors.append((begin, end, tensor))
        }
        tensors.sort { ($0.begin, $0.end, $0.tensor.name) < ($1.begin, $1.end, $1.tensor.name) }
        var covered: UInt64 = 0
        var previous: String?
        for t in tensors {
            if t.begin < covered {
                throw CheckpointError(file: path, "tensor '\(t.tensor.name)' begins at byte \(t.begin) of the data buffer, inside '\(previous ?? "")' (which ends at \(covered)): tensors overlap.")
            }
            if t.begin > covered {
                throw CheckpointError(file: path, "the data buffer has a hole at bytes \(covered)..<\(t.begin) (file byte \(bufferStart + covered)) before tensor '\(t.tensor.name)': tensors must cover it exactly.")
            }
            covered = t.end
            previous = t.tensor.name
        }
        guard covered == bufferLength else {
            throw CheckpointError(file: path, "the data buffer has \(bufferLength - covered) bytes after the last tensor\(previous.map { " '\($0)'" } ?? "") (from file byte \(bufferStart + covered)) that no tensor covers.")
        }
        return tensors.map(\.tensor)
    }

    struct Entry {
        var name: String
        var dtype: String
        var shape: [UInt64]
        var offsets: [UInt64]
    }

    /// The header's tensor entries (the metadata skipped), each checked for its three fields.
    static func parseHeader(_ header: [UInt8], path: String) throws -> [Entry] {
        guard header.first == UInt8(ascii: "{") else {
            throw CheckpointError(file: path, "the header at byte 8 does not begin with '{': it is not a JSON object, so this is not a safetensors file.")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(header), options: [])
        } catch {
            throw CheckpointError(file: path, "the header (bytes 8..<\(8 + header.count)) is not valid JSON. The file is corrupt.")
        }
        guard let root = object as? [String: Any] else {
            throw CheckpointError(file: path, "the header at byte 8 is not a JSON object.")
        }
        var entries: [Entry] = []
        for (name, value) in root where name != "__metadata__" {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Any], let offsets = fields["data_offsets"] as? [Any] else {
                throw CheckpointError(file: path, "tensor '\(name)' needs \"dtype\" (a string), \"shape\" and \"data_offsets\" (lists of integers).")
            }
            guard let dims = shape.map(nonNegativeInteger) as? [UInt64] else {
                throw CheckpointError(file: path, "tensor '\(name)' has shape \(shape), which is not a list of non-negative integers.")
            }
            guard offsets.count == 2, let pair = offsets.map(nonNegativeInteger) as? [UInt64] else {
                throw CheckpointError(file: path, "tensor '\(name)' has data_offsets \(offsets), which is not two non-negative integers.")
            }
            entries.append(Entry(name: name, dtype: dtype, shape: dims, offsets: pair))
        }
        return entries
    }

    /// A JSON number written as a whole number in 0…2^64 − 1 (booleans, fractions and exponents are not).
    static func nonNegativeInteger(_ value: Any) -> UInt64? {
        guard type(of: value) == NSNumber.self, let text = (value as? NSNumber)?.stringValue,
              !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return UInt64(text)
    }
}
