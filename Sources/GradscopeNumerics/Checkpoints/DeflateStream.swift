import CVectorMath

/// A raw deflate stream (RFC 1951) decompressed window by window through zlib, loaded at run time.
final class DeflateStream {
    private let stream: OpaquePointer
    private let file: MappedFile
    private var offset: UInt64
    private var remaining: UInt64
    private let member: String
    private var finished = false

    /// The compressed bytes `[offset, offset + length)` of `file`.
    init(file: MappedFile, offset: UInt64, length: UInt64, member: String) throws {
        guard let s = gs_inflate_open() else {
            throw CheckpointError(file: file.path, "member '\(member)' is deflated, and zlib (libz.so.1) is not on this machine to inflate it.")
        }
        stream = s
        self.file = file
        self.offset = offset
        remaining = length
        self.member = member
    }

    deinit { gs_inflate_close(stream) }

    /// Calls `body` with successive pieces of the decompressed bytes until the stream ends
    /// or `body` returns `false`. Input is mapped in windows of 4 MiB, output comes in pieces of 4 MiB.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Bool) throws {
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
        defer { out.deallocate() }
        while !finished {
            let take = Int(min(remaining, 4 << 20))
            let windowStart = offset
            var ended = false
            var keepGoing = true
            let used: Int = try file.withWindow(offset: windowStart, length: take) { input in
                var consumed = 0
                while true {
                    var c = 0, p = 0
                    let base = input.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + consumed }
                    let r = gs_inflate_step(stream, base, take - consumed, out.baseAddress!.assumingMemoryBound(to: UInt8.self), out.count, &c, &p)
                    consumed += c
                    if r < 0 {
                        throw CheckpointError(file: file.path, "member '\(member)' has corrupt deflate data near byte \(windowStart + UInt64(consumed)) (\(String(cString: gs_inflate_error(stream)))).")
                    }
                    if p > 0 { keepGoing = try body(UnsafeRawBufferPointer(start: out.baseAddress, count: p)) }
                    if r == 1 { ended = true; break }
                    if !keepGoing { break }
                    if c == 0 && p == 0 { break }  // needs the next window
                }
                return consumed
            }
            offset += UInt64(used)
            remaining -= UInt64(used)
            if ended || !keepGoing { finished = true; return }
            if used == 0 && take == 0 || used == 0 && remaining == 0 {
                throw CheckpointError(file: file.path, "member '\(member)' ends before its deflate stream does (truncated at byte \(offset)).")
            }
            if used == 0 {
                throw CheckpointError(file: file.path, "member '\(member)' has deflate data that makes no progress at byte \(offset).")
            }
        }
    }
}
