import Foundation

/// The tensors of one or more checkpoint files, in the order a scan reports them: files in the order
/// given (a folder's or an index's shards by name), each file's tensors in ascending offset.
///
/// A path may be a `.safetensors` file, a `*.safetensors.index.json` (its shards are read), a folder
/// holding either (an index wins over loose shards), or a NumPy `.npy` / `.npz` file (a folder of them too).
///
/// ```swift
/// let checkpoint = try Checkpoint(paths: ["model.safetensors"])
/// for tensor in checkpoint.tensors { print(tensor.name, tensor.dtype, tensor.shape) }
/// ```
public struct Checkpoint: Sendable {
    /// Every tensor, in report order.
    public var tensors: [CheckpointTensor]
    /// The files opened, by path (each tensor's `file` is a key).
    public var files: [String: MappedFile]

    /// Opens and checks every path. - Throws: ``CheckpointError`` naming the file and the problem.
    public init(paths: [String]) throws {
        var tensors: [CheckpointTensor] = []
        var files: [String: MappedFile] = [:]
        for path in paths {
            for file in try Self.checkpointFiles(at: path) where files[file] == nil {
                let mapped = try MappedFile(path: file)
                files[file] = mapped
                tensors += try Self.tensors(of: mapped)
            }
        }
        var seen: [String: String] = [:]
        for t in tensors {
            if let other = seen[t.name] {
                throw CheckpointError(file: t.file, "tensor '\(t.name)' appears again (first in \(other)). Scan the files separately.")
            }
            seen[t.name] = t.file
        }
        self.tensors = tensors
        self.files = files
    }

    /// The files behind a path: the file itself, an index's shards, or a folder's checkpoint files.
    static func checkpointFiles(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CheckpointError(file: path, "does not exist. Pass a .safetensors, .npy or .npz file, an index .json or a folder.")
        }
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
            let join = { (name: String) in (path as NSString).appendingPathComponent(name) }
            if let index = names.first(where: { $0.hasSuffix(".safetensors.index.json") }) {
                return try shards(ofIndex: join(index))
            }
            let safetensors = names.filter { $0.hasSuffix(".safetensors") }
            if !safetensors.isEmpty { return safetensors.map(join) }
            let numpy = names.filter { $0.hasSuffix(".npy") || $0.hasSuffix(".npz") }
            if !numpy.isEmpty { return numpy.map(join) }
            throw CheckpointError(file: path, "holds no .safetensors, index .json, .npy or .npz file.")
        }
        if path.hasSuffix(".json") { return try shards(ofIndex: path) }
        return [path]
    }

    /// The shard files a `model.safetensors.index.json` names in its `weight_map`, sorted by name.
    static func shards(ofIndex path: String) throws -> [String] {
        let index = try MappedFile(path: path)
        guard index.size <= 100_000_000 else { throw CheckpointError(file: path, "is \(index.size) bytes, too large for an index (100 MB at most).") }
        let bytes = try index.bytes(offset: 0, length: Int(index.size))
        guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
              let map = root["weight_map"] as? [String: Any] else {
            throw CheckpointError(file: path, "is not a safetensors index (a JSON object with a \"weight_map\" of tensor names to shard files).")
        }
        var shardNames = Set<String>()
        for (tensor, value) in map {
            guard let shard = value as? String, !shard.isEmpty, !shard.contains("/"), shard != "..", shard != "." else {
                throw CheckpointError(file: path, "maps tensor '\(tensor)' to \(value), not a file name in the index's folder.")
            }
            shardNames.insert(shard)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let shards = shardNames.sorted().map { (folder as NSString).appendingPathComponent($0) }
        for shard in shards where !FileManager.default.fileExists(atPath: shard) {
            throw CheckpointError(file: path, "names shard '\((shard as NSString).lastPathComponent)', which is not in \(folder.isEmpty ? "." : folder).")
        }
        return shards
    }

    /// The tensors of one file, by its content: the `.npy` magic, a ZIP (`PK`), else safetensors.
    static func tensors(of file: MappedFile) throws -> [CheckpointTensor] {
        let magic = try file.bytes(offset: 0, length: Int(min(file.size, 6)))
        if magic.first == 0x93, magic.count == 6, Array(magic[1...]) == Array("NUMPY".utf8) {
            return [try numpyTensor(in: file)]
        }
        if magic.starts(with: [0x50, 0x4B]) || file.path.hasSuffix(".npz") {
            return try zipTensors(in: file)
        }
        return try SafetensorsFile.tensors(of: file)
    }

    static func numpyTensor(in file: MappedFile) throws -> CheckpointTensor {
        let prefix = try file.bytes(offset: 0, length: Int(min(file.size, 12)))
        let end = try NumpyHeader.headerEnd(prefix: prefix, file: file.path, at: 0)
        guard UInt64(end) <= file.size else { throw CheckpointError(file: file.path, "the .npy header (\(end) bytes) runs past the end of the file (\(file.size) bytes).") }
        let header = try NumpyHeader.parse(try file.bytes(offset: 0, length: end), file: file.path, at: 0)
        let available = file.size - UInt64(header.dataOffset)
        guard header.dataBytes == available else {
            throw CheckpointError(file: file.path, "holds \(available) data bytes after its header (byte \(header.dataOffset)), but shape \(header.shape) of '\(header.dtype)' needs \(header.dataBytes).")
        }
        let name = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        return CheckpointTensor(name: name, dtype: header.dtype, shape: header.shape, isColumnMajor: header.isColumnMajor,
                                file: file.path, storage: .plain(offset: UInt64(header.dataOffset)), byteCount: header.dataBytes)
    }

    static func zipTensors(in file: MappedFile) throws -> [CheckpointTensor] {
        let directory = try ZipDirectory(file: file)
        var tensors: [CheckpointTensor] = []
        for member in directory.members.sorted(by: { $0.dataOffset < $1.dataOffset }) where member.name.hasSuffix(".npy") {
            let name = String(member.name.dropLast(4))
            try ZipDirectory.verifyChecksum(of: member, in: file)
            let header: NumpyHeader
            if member.method == 0 {
                let prefix = try file.bytes(offset: member.dataOffset, length: Int(min(member.size, 12)))
                let end = try NumpyHeader.headerEnd(prefix: prefix, file: file.path, at: member.dataOffset)
                guard UInt64(end) <= member.size else {
                    throw CheckpointError(file: file.path, "member '\(member.name)': its .npy header (\(end) bytes) runs past the member's \(member.size) bytes.")
                }
                header = try NumpyHeader.parse(try file.bytes(offset: member.dataOffset, length: end), file: file.path, at: member.dataOffset)
            } else {
                var prefix: [UInt8] = []
                let stream = try DeflateStream(file: file, offset: member.dataOffset, length: member.compressedSize, member: member.name)
                var needed = 12
                try stream.forEachPiece { piece in
                    prefix += piece.prefix(NumpyHeader.maximumHeaderBytes + 12 - prefix.count)
                    if prefix.count >= 12 { needed = try NumpyHeader.headerEnd(prefix: prefix, file: file.path, at: member.dataOffset) }
                    return prefix.count < needed
                }
                header = try NumpyHeader.parse(prefix, file: file.path, at: member.dataOffset)
            }
            guard UInt64(header.dataOffset) <= member.size, header.dataBytes == member.size - UInt64(header.dataOffset) else {
                throw CheckpointError(file: file.path, "member '\(member.name)' holds \(member.size &- UInt64(header.dataOffset)) data bytes, but shape \(header.shape) of '\(header.dtype)' needs \(header.dataBytes).")
            }
            let storage: CheckpointTensor.Storage = member.method == 0
                ? .plain(offset: member.dataOffset + UInt64(header.dataOffset))
                : .deflated(offset: member.dataOffset, compressedLength: member.compressedSize, skip: UInt64(header.dataOffset))
            tensors.append(CheckpointTensor(name: name, dtype: header.dtype, shape: header.shape, isColumnMajor: header.isColumnMajor,
                                            file: file.path, storage: storage, byteCount: header.dataBytes))
        }
        return tensors
    }
}
