import Foundation
import Testing

/// The contents of `Golden/<name>.svg`, the byte-exact expectation for `svg`.
///
/// With `GRADSCOPE_RECORD_GOLDEN=1` the file is written from `svg` first and the test fails with
/// "recorded", so a recording run is never silently green. A missing file fails the test too.
func goldenSVG(for svg: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
    if ProcessInfo.processInfo.environment["GRADSCOPE_RECORD_GOLDEN"] == "1" {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(svg.utf8).write(to: folder.appendingPathComponent(name + ".svg"))
        Issue.record("recorded Golden/\(name).svg; rerun without GRADSCOPE_RECORD_GOLDEN", sourceLocation: sourceLocation)
        return nil
    }
    guard let url = Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Golden") else {
        Issue.record("No golden file Golden/\(name).svg; record it with GRADSCOPE_RECORD_GOLDEN=1.", sourceLocation: sourceLocation)
        return nil
    }
    return try String(contentsOf: url, encoding: .utf8)
}
