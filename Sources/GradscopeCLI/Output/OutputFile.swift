import Foundation

/// A file the user asked for with `--out`: its kind comes from its extension, and it
/// is written to a temporary file beside it that is renamed over the target only when
/// every byte is written, so a failed run never leaves a partial or corrupt file.
///
/// The target must be absent or a regular file (that is what `--out FILE` names); a
/// folder, a symbolic link or a device is never replaced, and a rename that cannot
/// work is reported in one line, never worked around by deleting.
struct OutputFile: Sendable {
    enum Kind: String, CaseIterable { case svg, csv, json }

    var url: URL
    var kind: Kind

    /// Checks the path before any work is done.
    /// - Throws: ``CommandError`` naming the problem and the fix.
    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        guard let kind = Kind(rawValue: url.pathExtension.lowercased()) else {
            throw CommandError("Cannot tell what to write to '\(path)'. Give --out a file ending in .svg, .csv or .json.")
        }
        try OutputFile.checkTarget(path)
        self.url = url
        self.kind = kind
    }

    /// Throws unless `path` is absent or a regular file inside an existing folder.
    static func checkTarget(_ path: String, option: String = "--out") throws {
        let kind = PathKind(path)
        guard kind == .absent || kind == .regularFile else {
            throw CommandError("Cannot write '\(path)': it is \(kind.phrase), which \(option) never replaces. Give \(option) the path of a file.")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandError("Cannot write '\(path)': the folder '\(folder.path)' does not exist. Create it first.")
        }
    }

    /// Writes `text` to a temporary file beside the target, then renames it over the target.
    func write(_ text: String) throws {
        try OutputFile.replace(url.path, with: Data(text.utf8))
    }

    /// Writes `data` to `.<name>.gradscope-<pid>-<n>.tmp` beside `path` and renames it to `path`
    /// when the target is absent or a regular file; on any failure the temporary file is removed
    /// and the target is left as it was.
    static func replace(_ path: String, with data: Data, option: String = "--out") throws {
        try checkTarget(path, option: option)
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).gradscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandError("Cannot write '\(path)': cannot create a temporary file beside it (\(PathKind.systemError)). Choose a writable folder.")
        }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = PathKind.systemError
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = PathKind.systemError }
        close(descriptor)
        if failure == nil {
            // Checked again just before the rename: a folder or link that appeared meanwhile is never replaced.
            let now = PathKind(path)
            if now != .absent && now != .regularFile {
                failure = "it became \(now.phrase) while writing"
            } else if rename(temporary, path) != 0 {
                failure = "cannot rename the temporary file over it (\(PathKind.systemError))"
            }
        }
        if let failure {
            unlink(temporary)
            throw CommandError("Cannot write '\(path)': \(failure). Nothing was changed.")
        }
    }
}
