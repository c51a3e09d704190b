import Foundation
import Testing
@testable import GradscopeGallery

/// The whole tour's report in headless Chromium: no chart label overlaps another or leaves its
/// SVG (`getBBox()`), and the page fits 1024, 1400 and 390 px windows without scrolling sideways.
@Suite(.serialized) struct ReportLayoutBrowserTests {
    @Test("Every gallery SVG's text boxes keep apart and inside; the report fits 1024, 1400 and 390 px")
    func layout() throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"),
              FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/selenium") else {
            Issue.record("Chromium, chromedriver or python3-selenium is missing: run scripts/test, which installs them.")
            return
        }
        var computed: [String: Figure] = [:]
        let sections = Tour.sections.map { section in
            (title: section.title, figures: section.entries.map { entry in
                let figure = entry.make(computed)
                computed[entry.id] = figure
                return figure
            })
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-layout-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ReportFiles.files(title: "Gradscope", introduction: "Layout test.", sections: sections) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let script = try #require(Bundle.module.url(forResource: "report_layout", withExtension: "py", subdirectory: "Resources"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
        let checked = result["checked"] as! [String: Any]
        #expect(checked["svgFiles"] as? Int == Tour.figureIDs.count)
        #expect((checked["texts"] as? Int ?? 0) > 500)
        #expect(result["text"] as? [String] == [])
        #expect(result["page"] as? [String] == [])
        let widths = checked["widths"] as! [String: [String: Int]]
        #expect(widths.mapValues { $0["innerWidth"]! } == ["1024": 1024, "1400": 1400, "390": 390])
    }
}
