import Foundation
import Testing
@testable import GradscopeCLI

/// `--out` never removes or replaces a path gradscope did not write: the report folder rule
/// (absent → created, empty → filled, an earlier report → replaced, anything else → one line
/// and nothing touched) and the single-file rule (absent or a regular file → temp file renamed
/// over it; a folder, a link or a device → one line).
@Suite(.enabled(if: BinaryRun.isAvailable, "needs .build/debug/gradscope (swift build --build-tests)"))
struct OutputSafetyTests {
    static let tour = ["tour", "--figure", "S1"]

    /// Every file below `folder` with its contents, for "nothing touched".
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try BinaryRun.listing(folder) {
            let url = folder.appendingPathComponent(path)
            if PathKind(url.path) == .regularFile { result[path] = try Data(contentsOf: url) }
            else { result[path] = Data(PathKind(url.path).phrase.utf8) }
        }
        return result
    }

    /// Runs `arguments` in a folder made by `prepare`, expecting a one-line refusal naming `phrase`
    /// and every path exactly as it was.
    func expectRefusal(_ arguments: [String], phrase: String, prepare: @escaping (URL) throws -> Void) throws {
        var before: [String: Data] = [:]
        let (run, folder) = try BinaryRun.run(arguments) { folder in
            try prepare(folder)
            before = try Self.snapshot(folder)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 1, "\(arguments): \(run.stderr)")
        #expect(run.stderr.hasPrefix("Error: ") && run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(phrase), "\(run.stderr)")
        #expect(try Self.snapshot(folder) == before, "\(arguments) changed the folder")
    }

    @Test("--out . with other files in it is refused and nothing is touched")
    func currentFolder() throws {
        try expectRefusal(Self.tour + ["--out", "."], phrase: "is not an earlier Gradscope report") { folder in
            try Data("keep me".utf8).write(to: folder.appendingPathComponent("important.txt"))
        }
    }

    @Test("--out FILE for a report is refused: a file is never replaced by a folder")
    func fileForReport() throws {
        try expectRefusal(Self.tour + ["--out", "important.txt"], phrase: "it is a file, not a folder") { folder in
            try Data("keep me".utf8).write(to: folder.appendingPathComponent("important.txt"))
        }
    }

    @Test("A foreign folder is refused, naming what it holds")
    func foreignFolder() throws {
        try expectRefusal(Self.tour + ["--out", "notes"], phrase: "such as 'notes/a.txt'") { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("notes/notes"), withIntermediateDirectories: true)
            try Data("a".utf8).write(to: folder.appendingPathComponent("notes/notes/a.txt"))
        }
    }

    @Test("A symbolic link is never followed or replaced, for a report or a file")
    func symbolicLink() throws {
        try expectRefusal(Self.tour + ["--out", "link"], phrase: "it is a symbolic link") { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "empty")
        }
        try expectRefusal(["plot", "x", "--out", "link.csv"], phrase: "it is a symbolic link") { folder in
            try Data("keep me".utf8).write(to: folder.appendingPathComponent("target.csv"))
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: "target.csv")
        }
    }

    @Test("--out FOLDER.csv is refused: a folder is never replaced by a file")
    func folderForFile() throws {
        try expectRefusal(["plot", "x", "--out", "data.csv"], phrase: "it is a folder") { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("data.csv/inner"), withIntermediateDirectories: true)
        }
    }

    @Test("An earlier report with an extra file is refused")
    func earlierReportWithExtra() throws {
        try expectRefusal(Self.tour + ["--out", "report"], phrase: "also holds 'mine.txt'") { folder in
            let report = folder.appendingPathComponent("report")
            try ReportWriter.write([("index.html", "old"), ("figures/a.svg", "<svg/>")], to: report)
            try Data("mine".utf8).write(to: report.appendingPathComponent("mine.txt"))
        }
    }

    @Test("An absent folder is created, an empty one filled, an earlier report replaced, each with its manifest")
    func allowedTargets() throws {
        let (created, folder1) = try BinaryRun.run(Self.tour + ["--out", "new"])
        defer { try? FileManager.default.removeItem(at: folder1) }
        #expect(created.status == 0, "\(created.stderr)")
        let manifest = try String(contentsOf: folder1.appendingPathComponent("new/.gradscope-manifest"), encoding: .utf8)
        let listed = manifest.split(separator: "\n").dropFirst().map(String.init)
        #expect(listed == ["index.html", "figures/s1-relu.svg", "figures/s1-relu.csv", "figures/s1-relu.json"])
        #expect(Set(created.leftBehind) == Set(["new", "new/.gradscope-manifest", "new/figures"] + listed.map { "new/" + $0 }))

        let (filled, folder2) = try BinaryRun.run(Self.tour + ["--out", "empty"]) { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: false)
        }
        defer { try? FileManager.default.removeItem(at: folder2) }
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder2.appendingPathComponent("empty/index.html").path))

        // The same folder again: now an earlier report, replaced by the S2 report; S1's files are gone.
        let process = Process()
        process.executableURL = BinaryRun.binary
        process.arguments = ["tour", "--figure", "S2", "--out", "empty"]
        process.currentDirectoryURL = folder2
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try BinaryRun.listing(folder2.appendingPathComponent("empty")).sorted()
                == [".gradscope-manifest", "figures", "figures/s2-tanh.csv", "figures/s2-tanh.json", "figures/s2-tanh.svg", "index.html"])
    }

    @Test("--out existing.csv replaces the user's regular file, through a temporary file beside it")
    func replacesRegularFile() throws {
        let (run, folder) = try BinaryRun.run(["plot", "x", "--points", "3", "--out", "data.csv"]) { folder in
            try Data("old".utf8).write(to: folder.appendingPathComponent("data.csv"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("data.csv"), encoding: .utf8)
        #expect(text.hasPrefix("x,y,dydx\n"))
        #expect(try BinaryRun.listing(folder) == ["data.csv"])
    }

    @Test("A manifest that points outside its folder is not a report")
    func hostileManifest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = ReportWriter.manifestHeader + "\n../outside.txt\n"
        try Data(manifest.utf8).write(to: folder.appendingPathComponent(ReportWriter.manifestName))
        #expect(throws: CommandError.self) { try ReportWriter.inspect(folder) }
    }
}
