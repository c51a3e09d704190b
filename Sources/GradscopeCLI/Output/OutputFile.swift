import Foundation

/// A file the user asked for with `--out`: its kind comes from its extension, and it
/// is written atomically (a temporary file renamed into place), so a failed run
/// never leaves a partial or corrupt file.
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
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandError("Cannot write '\(path)': the folder '\(folder.path)' does not exist. Create it first.")
        }
        self.url = url
        self.kind = kind
    }

    /// Writes `text` atomically.
    func write(_ text: String) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandError("Cannot write '\(url.path)': \(error.localizedDescription)")
        }
    }
}
