import Foundation
import Testing

/// Compares `svg` byte for byte with `Golden/<name>.svg`.
///
/// With `GRADSCOPE_RECORD_GOLDEN=1` the file is written instead and the test fails with "recorded",
/// so a recording run is never silently green.
func expectGolden(_ svg: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["GRADSCOPE_RECORD_GOLDEN"] == "1" {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(svg.utf8).write(to: folder.appendingPathComponent(name + ".svg"))
        Issue.record("recorded Golden/\(name).svg; rerun without GRADSCOPE_RECORD_GOLDEN", sourceLocation: sourceLocation)
        return
    }
    guard let url = Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Golden") else {
        Issue.record("No golden file Golden/\(name).svg; record it with GRADSCOPE_RECORD_GOLDEN=1.",
                     sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(svg == expected, "SVG differs from Golden/\(name).svg; re-record with GRADSCOPE_RECORD_GOLDEN=1 if intended.",
            sourceLocation: sourceLocation)
}
