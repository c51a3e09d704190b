#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only, whose bytes are read through memory-mapped windows.
///
/// Each window is mapped (`mmap`, populated), advised sequential, handed to a closure and unmapped
/// when the closure returns, so the resident memory of a scan is bounded by the windows in use,
/// whatever the file's size. Every request is checked against the file's size first: a window
/// past the end is an error, never a read outside the file.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    /// The size in bytes when the file was opened.
    public let size: UInt64
    private let descriptor: Int32

    /// Opens `path` for reading.
    /// - Throws: ``CheckpointError`` when the file cannot be opened or is not a regular file.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CheckpointError(file: path, "cannot be opened (\(String(cString: strerror(errno)))). Check the path and its permissions.")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw CheckpointError(file: path, "is not a regular file. Pass a checkpoint file or a folder holding one.")
        }
        descriptor = fd
        size = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    /// The window size the scan uses: 32 MiB.
    public static let windowBytes = 32 << 20

    /// Calls `body` with the bytes `[offset, offset + length)` of the file, mapped for the call only.
    /// - Throws: ``CheckpointError`` if the range is not inside the file or cannot be mapped.
    public func withWindow<R>(offset: UInt64, length: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(length))
        guard length >= 0, !overflow, end <= size else {
            throw CheckpointError(file: path, "bytes \(offset)..<\(offset &+ UInt64(max(length, 0))) lie past the end of the file (\(size) bytes).")
        }
        if length == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset / page * page
        let lead = Int(offset - start)
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let base = mmap(nil, lead + length, PROT_READ, flags, descriptor, off_t(start)), base != MAP_FAILED else {
            throw CheckpointError(file: path, "bytes \(offset)..<\(end) cannot be mapped (\(String(cString: strerror(errno)))).")
        }
        defer { munmap(base, lead + length) }
        _ = madvise(base, lead + length, MADV_SEQUENTIAL)
        return try body(UnsafeRawBufferPointer(start: base + lead, count: length))
    }

    /// The bytes `[offset, offset + length)` copied out (headers, directories): `length` is checked first.
    public func bytes(offset: UInt64, length: Int) throws -> [UInt8] {
        try withWindow(offset: offset, length: length) { Array($0) }
    }
}
