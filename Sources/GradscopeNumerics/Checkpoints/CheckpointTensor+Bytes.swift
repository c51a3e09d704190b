extension CheckpointTensor {
    /// Calls `body` with the tensor's bytes in pieces holding whole elements (of `MappedFile.windowBytes`
    /// at most), from element `start` for `count` elements: mapped windows of a plain tensor, inflated
    /// pieces of a deflated one (which is always read from its start). `file` must be this tensor's file.
    /// - Throws: ``CheckpointError`` when the bytes lie outside the file or a deflated stream is corrupt or short.
    public func forEachPiece(of file: MappedFile, elements start: Int = 0, count: Int? = nil,
                             _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let width = max(dtype.bits / 8, 1)
        let total = count ?? (elementCount - start)
        let windowElements = max(MappedFile.windowBytes / width, 1)
        switch storage {
        case .plain(let offset):
            var done = 0
            while done < total {
                let n = min(windowElements, total - done)
                try file.withWindow(offset: offset + UInt64((start + done) * width), length: n * width, body)
                done += n
            }
        case .deflated(let offset, let compressedLength, let skip):
            precondition(start == 0, "A deflated tensor is read from its start.")
            let stream = try DeflateStream(file: file, offset: offset, length: compressedLength, member: name)
            var toSkip = Int(skip)
            var wanted = total * width
            var carry: [UInt8] = []
            try stream.forEachPiece { piece in
                var piece = piece
                if toSkip > 0 {
                    let s = min(toSkip, piece.count)
                    toSkip -= s
                    piece = UnsafeRawBufferPointer(rebasing: piece[s...])
                }
                if !carry.isEmpty {
                    let need = min(width - carry.count, piece.count, wanted - carry.count)
                    carry += piece[0..<need]
                    piece = UnsafeRawBufferPointer(rebasing: piece[need...])
                    if carry.count == width {
                        try carry.withUnsafeBytes(body)
                        wanted -= width
                        carry.removeAll()
                    }
                }
                let whole = min(piece.count / width * width, wanted)
                if whole > 0 {
                    try body(UnsafeRawBufferPointer(rebasing: piece[0..<whole]))
                    wanted -= whole
                }
                if wanted > 0, whole < piece.count { carry += piece[whole..<min(piece.count, whole + wanted)] }
                return wanted > 0
            }
            if wanted > 0 {
                throw CheckpointError(file: file.path, "member '\(name)' decompresses to \(total * width - wanted) data bytes, fewer than its shape needs (\(total * width)).")
            }
        }
    }
}
