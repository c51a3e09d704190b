import Foundation

/// Runs the built `gradscope` binary in a fresh temporary folder and collects what it printed,
/// its exit code and the files it left there.
struct BinaryRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Every path left in the folder (relative), sorted, excluding what `prepare` made.
    var leftBehind: [String]

    /// `.build/debug/gradscope`, built by `swift build --build-tests` before the tests run.
    static var binary: URL { InterruptedRun.binary }
    static var isAvailable: Bool { InterruptedRun.isAvailable }

    /// Runs `arguments` with a new temporary folder as the working directory.
    /// - Parameter prepare: makes files and folders in the working directory first.
    static func run(_ arguments: [String], prepare: (URL) throws -> Void = { _ in }) throws -> (BinaryRun, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try prepare(folder)
        let before = Set(try listing(folder))
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Output goes to files outside the folder, so a large output cannot block the process.
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        let after = try listing(folder).filter { !before.contains($0) }
        return (BinaryRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self), leftBehind: after.sorted()), folder)
    }

    /// Every path below `folder`, relative, links not followed.
    static func listing(_ folder: URL) throws -> [String] {
        var paths: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: absolute) {
                let child = relative.isEmpty ? name : relative + "/" + name
                paths.append(child)
                var isFolder: ObjCBool = false
                let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/" + child)
                if attributes[.type] as? FileAttributeType == .typeDirectory,
                   FileManager.default.fileExists(atPath: folder.path + "/" + child, isDirectory: &isFolder), isFolder.boolValue {
                    pending.append(child)
                }
            }
        }
        return paths
    }
}
