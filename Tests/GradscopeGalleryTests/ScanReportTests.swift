import Foundation
import GradscopeGallery
import Testing

@Suite struct ScanReportTests {
    /// A safetensors file with a NaN-holding vector and a 2-D weight, in a fresh folder.
    static func checkpoint(in folder: URL) throws -> String {
        let header = #"{"bad":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"layers.0.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]}}"#
        let values: [Float] = [.nan, 1, 3, 0, 0, 2]
        let h = Array(header.utf8)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64($0))) } + h
            + values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let path = folder.appendingPathComponent("m.safetensors").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("The scan's HTML report is self-contained: every href and src is an anchor of the page itself")
    func selfContained() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scan-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.checkpoint(in: folder)
        let report = try ScanExperiment(settings: .init(paths: [path], spectral: true, threads: 1)).run(progress: nil)
        let page = ScanExperiment.htmlPage(report, paths: [path])
        let pagePath = folder.appendingPathComponent("report.html")
        try Data(page.utf8).write(to: pagePath)
        #expect(page.contains("<svg"))
        #expect(page.contains("NON-FINITE  bad holds 1 NaN"))

        let links = try Regex(#"(?:href|src)\s*=\s*"([^"]*)""#)
        let targets = page.matches(of: links).map { String($0.output[1].substring!) }
        let ids = Set(page.matches(of: try Regex(#"\sid="([^"]*)""#)).map { String($0.output[1].substring!) })
        #expect(targets == ["#scan"])  // the navigation's one anchor, and nothing else
        for target in targets {
            if target.hasPrefix("#") {
                #expect(ids.contains(String(target.dropFirst())), "anchor \(target) has no element")
            } else {
                let resolved = URL(fileURLWithPath: target, relativeTo: folder).path
                #expect(FileManager.default.fileExists(atPath: resolved), "\(target) does not exist beside the report")
            }
        }
    }
}
