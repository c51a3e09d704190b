import CVectorMath

/// The members of a ZIP archive (a NumPy `.npz`), read from its central directory, Zip64 included.
///
/// A hand reader rather than ZIPFoundation: the scan maps a stored member's bytes in place (no copy) and
/// inflates a deflated one window by window, so it needs each member's data offset and lengths, which
/// ZIPFoundation does not expose, and it must check every offset of a hostile archive against the file
/// before reading. Read: the end-of-central-directory record (searched in the last 64 KiB + 22 bytes),
/// the Zip64 locator and record when a field is saturated (0xFFFF / 0xFFFFFFFF), each central header
/// with its Zip64 extra field (id 0x0001), and each local header's name and extra lengths. Encrypted
/// members, multi-disk archives and methods other than stored (0) and deflated (8) are refused.
/// Each member's CRC-32 (from its central header) is checked against its bytes by ``verifyChecksum(of:in:)``.
struct ZipDirectory {
    struct Member: Equatable {
        var name: String
        var method: UInt16
        var compressedSize: UInt64
        var size: UInt64
        /// The file offset of the member's data (after its local header).
        var dataOffset: UInt64
        /// The CRC-32 of the uncompressed bytes, from the central directory header.
        var crc32: UInt32
    }

    var members: [Member]

    init(file: MappedFile) throws {
        let path = file.path
        func fail(_ what: String) -> CheckpointError { CheckpointError(file: path, what) }
        let tailLength = Int(min(file.size, 65_557))
        let tailStart = file.size - UInt64(tailLength)
        let tail = try file.bytes(offset: tailStart, length: tailLength)
        guard tail.count >= 22, let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            Self.u32(tail, $0) == 0x0605_4b50
        }) else {
            throw fail("is not a ZIP archive (no end-of-central-directory record in its last 64 KiB). An .npz is a ZIP file.")
        }
        var entries = UInt64(Self.u16(tail, eocd + 10))
        var directorySize = UInt64(Self.u32(tail, eocd + 12))
        var directoryOffset = UInt64(Self.u32(tail, eocd + 16))
        if Self.u16(tail, eocd + 4) != 0 || Self.u16(tail, eocd + 6) != 0 {
            throw fail("is a multi-disk ZIP archive (record at byte \(tailStart + UInt64(eocd))), which is not supported.")
        }
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let locatorAt = tailStart + UInt64(eocd)
            guard locatorAt >= 20 else { throw fail("has a Zip64 end record but no room for its locator before byte \(locatorAt).") }
            let locator = try file.bytes(offset: locatorAt - 20, length: 20)
            guard Self.u32(locator, 0) == 0x0706_4b50 else { throw fail("lacks the Zip64 locator expected at byte \(locatorAt - 20).") }
            let recordAt = Self.u64(locator, 8)
            guard recordAt <= file.size, file.size - recordAt >= 56 else { throw fail("has a Zip64 end record offset \(recordAt) outside the file.") }
            let record = try file.bytes(offset: recordAt, length: 56)
            guard Self.u32(record, 0) == 0x0606_4b50 else { throw fail("lacks the Zip64 end record at byte \(recordAt).") }
            entries = Self.u64(record, 32)
            directorySize = Self.u64(record, 40)
            directoryOffset = Self.u64(record, 48)
        }
        guard directoryOffset <= file.size, directorySize <= file.size - directoryOffset, directorySize <= 1 << 30 else {
            throw fail("has a central directory (\(directorySize) bytes at byte \(directoryOffset)) outside the file (\(file.size) bytes).")
        }
        guard entries <= directorySize / 46 else {
            throw fail("claims \(entries) members, more than its central directory of \(directorySize) bytes can hold.")
        }
        let directory = try file.bytes(offset: directoryOffset, length: Int(directorySize))
        var members: [Member] = []
        var at = 0
        for _ in 0..<entries {
            let where_ = directoryOffset + UInt64(at)
            guard at + 46 <= directory.count, Self.u32(directory, at) == 0x0201_4b50 else {
                throw fail("has no central directory header at byte \(where_).")
            }
            let flags = Self.u16(directory, at + 8)
            let method = Self.u16(directory, at + 10)
            let crc = Self.u32(directory, at + 16)
            var compressed = UInt64(Self.u32(directory, at + 20))
            var size = UInt64(Self.u32(directory, at + 24))
            let nameLength = Int(Self.u16(directory, at + 28)), extraLength = Int(Self.u16(directory, at + 30))
            let commentLength = Int(Self.u16(directory, at + 32))
            var localOffset = UInt64(Self.u32(directory, at + 42))
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw fail("has a central directory header at byte \(where_) that runs past the directory.") }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // Zip64 extra field: the saturated fields, in the order size, compressed size, offset.
            var e = at + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = Self.u16(directory, e), length = Int(Self.u16(directory, e + 2))
                guard e + 4 + length <= extraEnd else { break }
                if id == 0x0001 {
                    var f = e + 4
                    func take() throws -> UInt64 {
                        guard f + 8 <= e + 4 + length else { throw fail("member '\(name)' has a truncated Zip64 extra field at byte \(directoryOffset + UInt64(f)).") }
                        defer { f += 8 }
                        return Self.u64(directory, f)
                    }
                    if size == 0xFFFF_FFFF { size = try take() }
                    if compressed == 0xFFFF_FFFF { compressed = try take() }
                    if localOffset == 0xFFFF_FFFF { localOffset = try take() }
                }
                e += 4 + length
            }
            if flags & 1 != 0 { throw fail("member '\(name)' is encrypted, which is not supported.") }
            guard method == 0 || method == 8 else {
                throw fail("member '\(name)' uses compression method \(method); stored (0) and deflated (8) are read.")
            }
            guard localOffset <= file.size, file.size - localOffset >= 30 else {
                throw fail("member '\(name)' has its local header at byte \(localOffset), outside the file.")
            }
            let local = try file.bytes(offset: localOffset, length: 30)
            guard Self.u32(local, 0) == 0x0403_4b50 else { throw fail("member '\(name)' has no local header at byte \(localOffset).") }
            let dataOffset = localOffset + 30 + UInt64(Self.u16(local, 26)) + UInt64(Self.u16(local, 28))
            guard dataOffset <= file.size, compressed <= file.size - dataOffset else {
                throw fail("member '\(name)' has \(compressed) bytes of data from byte \(dataOffset), past the end of the file (\(file.size) bytes).")
            }
            if method == 0, compressed != size {
                throw fail("member '\(name)' is stored but its sizes differ (\(compressed) compressed, \(size) uncompressed).")
            }
            members.append(Member(name: name, method: method, compressedSize: compressed, size: size, dataOffset: dataOffset, crc32: crc))
            at = next
        }
        self.members = members
    }

    /// Reads `member`'s bytes (mapped windows, or inflated piece by piece) and checks their CRC-32 and,
    /// for a deflated member, their length against the central directory.
    /// - Throws: ``CheckpointError`` naming the member when they differ.
    static func verifyChecksum(of member: Member, in file: MappedFile) throws {
        var crc: UInt32 = 0
        var length: UInt64 = 0
        if member.method == 0 {
            var done: UInt64 = 0
            while done < member.size {
                let n = Int(min(UInt64(MappedFile.windowBytes), member.size - done))
                crc = try file.withWindow(offset: member.dataOffset + done, length: n) { gs_crc32(crc, $0.baseAddress, $0.count) }
                done += UInt64(n)
            }
            length = done
        } else {
            let stream = try DeflateStream(file: file, offset: member.dataOffset, length: member.compressedSize, member: member.name)
            try stream.forEachPiece { piece in
                crc = gs_crc32(crc, piece.baseAddress, piece.count)
                length += UInt64(piece.count)
                return length <= member.size
            }
            guard length == member.size else {
                let got = length > member.size ? "more than \(member.size)" : "\(length)"
                throw CheckpointError(file: file.path, "member '\(member.name)' inflates to \(got) bytes, not the \(member.size) its directory entry says: the archive is corrupt.")
            }
        }
        guard crc == member.crc32 else {
            throw CheckpointError(file: file.path, "member '\(member.name)' fails its CRC-32 check (directory 0x\(String(member.crc32, radix: 16)), data 0x\(String(crc, radix: 16))): the archive is corrupt; write it again.")
        }
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(b[i + $1]) << (8 * UInt32($1)) } }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[i + $1]) << (8 * UInt64($1)) } }
}
