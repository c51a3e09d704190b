import Foundation

/// Writes a report folder all at once: the files go into a fresh sibling folder
/// that replaces the old one only when every file is written, so a failed run
/// leaves either the previous report or none, never half of one.
enum ReportWriter {
    static func write(_ files: [(path: String, contents: String)], to folder: URL) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandError("Cannot write the report into '\(folder.path)': the folder '\(parent.path)' does not exist. Create it first.")
        }
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? fm.removeItem(at: staging)
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            if fm.fileExists(atPath: folder.path) { try fm.removeItem(at: folder) }
            try fm.moveItem(at: staging, to: folder)
        } catch {
            try? fm.removeItem(at: staging)
            throw CommandError("Cannot write the report into '\(folder.path)': \(error.localizedDescription)")
        }
    }
}
