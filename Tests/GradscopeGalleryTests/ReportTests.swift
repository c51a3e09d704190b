import Foundation
import GradscopeTestSupport
import Testing
@testable import GradscopeGallery

@Suite struct ReportTests {
    static let figures = Tour.seedFigures()
    static let files = ReportFiles.files(title: "Gradscope", introduction: "Test.", figures: figures)

    @Test("The report has index.html and an SVG, CSV and JSON per figure")
    func files() {
        #expect(Self.files.count == 1 + 3 * Self.figures.count)
        #expect(Self.files[0].path == "index.html")
    }

    @Test("Every SVG the tour writes is valid XML with an <svg> root")
    func svgValid() {
        for file in Self.files where file.path.hasSuffix(".svg") {
            #expect(xmlRootElement(of: file.contents) == "svg", "\(file.path)")
        }
    }

    @Test("The page is self-contained: inline SVG, no scripts, no external resources")
    func selfContained() {
        let html = Self.files[0].contents
        #expect(html.components(separatedBy: "<svg").count - 1 >= Self.figures.count)
        #expect(!html.contains("<script"))
        let external = html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/2000/svg") }
        #expect(external.isEmpty)
        for colour in ["#FFC0CB", "#FF0000", "#8B0000"] { #expect(html.uppercased().contains(colour)) }
    }

    @Test("CSV and JSON carry the same data")
    func dataFiles() throws {
        for figure in Self.figures {
            let csvLines = figure.data.csv.split(separator: "\n")
            #expect(csvLines.count == figure.data.rows.count + 1)
            let json = try JSONSerialization.jsonObject(with: Data(figure.data.json.utf8)) as? [[String: Any]]
            #expect(json?.count == figure.data.rows.count, "\(figure.id)")
        }
    }

    @Test("The report renders in headless Chromium and shows the post's three colours")
    func rendersInBrowser() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("Chromium is missing: run scripts/test, which installs it (apt-get install chromium).")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-report-test-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in Self.files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let shot = folder.appendingPathComponent("shot.png")
        try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1500,1400",
                           "--screenshot=\(shot.path)", folder.appendingPathComponent("index.html").absoluteString])
        let script = try #require(Bundle.module.url(forResource: "png_colours", withExtension: "py", subdirectory: "Resources"))
        let output = try run("/usr/bin/env", ["python3", script.path, shot.path, "#FFC0CB", "#FF0000", "#8B0000"])
        let counts = output.split(separator: "\n").map { Int($0.split(separator: " ")[1])! }
        #expect(counts.count == 3)
        #expect(counts.allSatisfy { $0 > 50 }, "pink, red, dark red pixels: \(counts)")
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct TourIdentityTests {
    @Test("The published figure ids are the figures' ids")
    func ids() {
        #expect(Tour.seedFigures().map(\.id) == Tour.seedFigureIDs)
    }
}
