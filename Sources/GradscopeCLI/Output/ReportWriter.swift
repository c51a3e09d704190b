import Foundation

/// Writes a report folder without ever removing anything it did not write.
///
/// The rule for the target folder:
/// - absent: the report is written into a staging folder beside it, renamed into place when complete;
/// - an empty folder: the files are written into it one by one;
/// - an earlier Gradscope report holding exactly the files its manifest (``manifestName``) lists, and
///   the folders they sit in: the new report is staged beside it, then swapped in, and only the
///   listed files of the old one are removed;
/// - anything else (a file, a symbolic link, a folder with other contents): a one-line error naming
///   the path and what was found, and nothing is touched.
///
/// Every report this writer leaves holds the manifest, a text file with one relative path per line.
enum ReportWriter {
    /// The manifest's name inside a report folder.
    static let manifestName = ".gradscope-manifest"
    /// The manifest's first line.
    static let manifestHeader = "# Gradscope report: the files below were written by gradscope and may be replaced by it."

    /// What is at the target folder.
    enum Target: Equatable {
        case absent
        case emptyFolder
        /// An earlier report: its files (relative paths, manifest included) and folders (deepest first).
        case earlierReport(files: [String], folders: [String])
    }

    static func write(_ files: [(path: String, contents: String)], to folder: URL) throws {
        let target = try inspect(folder)
        let manifest = manifestHeader + "\n" + files.map(\.path).joined(separator: "\n") + "\n"
        let all = files + [(manifestName, manifest)]
        let fm = FileManager.default
        switch target {
        case .emptyFolder:
            var written: [URL] = []
            do {
                for file in all {
                    let url = folder.appendingPathComponent(file.path)
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
                    written.append(url)
                }
            } catch {
                for url in written { unlink(url.path) }
                throw CommandError("Cannot write the report into '\(folder.path)': \(error.localizedDescription). The files written so far were removed.")
            }
        case .absent, .earlierReport:
            let parent = folder.deletingLastPathComponent()
            let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).gradscope-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            do {
                try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            } catch {
                throw CommandError("Cannot write the report into '\(folder.path)': cannot create a folder beside it in '\(parent.path)' (\(error.localizedDescription)). Choose a writable place.")
            }
            do {
                for file in all {
                    let url = staging.appendingPathComponent(file.path)
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
                }
            } catch {
                removeReport(at: staging, files: all.map(\.path))
                throw CommandError("Cannot write the report into '\(folder.path)': \(error.localizedDescription). Nothing was changed.")
            }
            try swap(staging, into: folder, old: target, newFiles: all.map(\.path))
        }
    }

    /// Renames the staged report into place; an earlier report is first moved aside, then its listed files removed.
    private static func swap(_ staging: URL, into folder: URL, old: Target, newFiles: [String]) throws {
        guard case .earlierReport(let files, let folders) = old else {
            guard rename(staging.path, folder.path) == 0 else {
                let reason = PathKind.systemError
                removeReport(at: staging, files: newFiles)
                throw CommandError("Cannot write the report into '\(folder.path)': cannot rename the staged report into place (\(reason)). Nothing was changed.")
            }
            return
        }
        let aside = staging.path + ".old"
        guard rename(folder.path, aside) == 0 else {
            let reason = PathKind.systemError
            removeReport(at: staging, files: newFiles)
            throw CommandError("Cannot replace the earlier report '\(folder.path)': cannot move it aside (\(reason)). Nothing was changed.")
        }
        guard rename(staging.path, folder.path) == 0 else {
            let reason = PathKind.systemError
            _ = rename(aside, folder.path)
            removeReport(at: staging, files: newFiles)
            throw CommandError("Cannot replace the earlier report '\(folder.path)': cannot rename the new one into place (\(reason)). The earlier report is unchanged.")
        }
        for file in files { unlink(aside + "/" + file) }
        for sub in folders { rmdir(aside + "/" + sub) }
        rmdir(aside)
    }

    /// Removes the listed files of a report this run wrote, then every folder left empty.
    private static func removeReport(at folder: URL, files: [String]) {
        for file in files { unlink(folder.appendingPathComponent(file).path) }
        let folders = Set(files.flatMap { parentFolders(of: $0) }).sorted { $0.count > $1.count }
        for sub in folders { rmdir(folder.appendingPathComponent(sub).path) }
        rmdir(folder.path)
    }

    /// `figures/a/b.svg` → `["figures", "figures/a"]`.
    static func parentFolders(of path: String) -> [String] {
        let parts = path.split(separator: "/").dropLast()
        return parts.indices.map { parts[...$0].joined(separator: "/") }
    }

    /// What is at `folder`, or a one-line error when it may not be written.
    static func inspect(_ folder: URL) throws -> Target {
        let path = folder.path
        let kind = PathKind(path)
        switch kind {
        case .absent:
            let parent = folder.deletingLastPathComponent()
            guard PathKind(parent.path) == .folder else {
                throw CommandError("Cannot write the report into '\(path)': the folder '\(parent.path)' does not exist. Create it first.")
            }
            return .absent
        case .folder:
            break
        default:
            throw CommandError("Cannot write the report into '\(path)': it is \(kind.phrase), not a folder. Give --out a new or empty folder.")
        }
        let found: (files: [String], folders: [String], others: [String])
        do {
            found = try contents(of: folder)
        } catch {
            throw CommandError("Cannot write the report into '\(path)': cannot list the folder (\(error.localizedDescription)). Give --out a new or empty folder.")
        }
        if found.files.isEmpty, found.folders.isEmpty, found.others.isEmpty { return .emptyFolder }
        let manifestPath = folder.appendingPathComponent(manifestName).path
        guard PathKind(manifestPath) == .regularFile, let listed = readManifest(manifestPath) else {
            let count = found.files.count + found.folders.count + found.others.count
            let example = (found.files.sorted() + found.others.sorted() + found.folders.sorted()).first ?? ""
            throw CommandError("Cannot write the report into '\(path)': it holds \(count) item\(count == 1 ? "" : "s") (such as '\(Self.escaped(example))') and is not an earlier Gradscope report. Give --out a new or empty folder.")
        }
        let expectedFiles = Set(listed + [manifestName])
        let expectedFolders = Set(listed.flatMap(parentFolders(of:)))
        let extra = Set(found.files).subtracting(expectedFiles).sorted() + found.others.sorted()
            + Set(found.folders).subtracting(expectedFolders).sorted()
        let missing = expectedFiles.subtracting(found.files).sorted()
        if let first = extra.first {
            throw CommandError("Cannot replace the earlier report '\(path)': it also holds '\(Self.escaped(first))', which its manifest does not list. Move that away or give --out another folder.")
        }
        if let first = missing.first {
            throw CommandError("Cannot replace the earlier report '\(path)': its manifest lists '\(Self.escaped(first))', which is missing or not a file. Give --out another folder.")
        }
        return .earlierReport(files: Array(expectedFiles).sorted(),
                              folders: Array(expectedFolders).sorted { $0.count > $1.count })
    }

    /// The relative paths in a manifest, or nil when it is not one this writer wrote.
    static func readManifest(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 10_000_000 else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == manifestHeader else { return nil }
        let listed = Array(lines.dropFirst())
        // A manifest never points outside its folder.
        guard listed.allSatisfy({ !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") && !$0.isEmpty }) else { return nil }
        return listed
    }

    /// Every regular file, folder and other entry below `folder`, as relative paths (links are "others").
    static func contents(of folder: URL) throws -> (files: [String], folders: [String], others: [String]) {
        var files: [String] = [], folders: [String] = [], others: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: absolute) {
                let child = relative.isEmpty ? name : relative + "/" + name
                switch PathKind(folder.path + "/" + child) {
                case .regularFile: files.append(child)
                case .folder: folders.append(child); pending.append(child)
                default: others.append(child)
                }
                if files.count + folders.count + others.count > 100_000 { return (files, folders, others) }
            }
        }
        return (files, folders, others)
    }

    /// Control characters shown as `\u{…}` so a message stays one line.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }
}
