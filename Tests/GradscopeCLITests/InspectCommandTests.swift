import Foundation
import Testing
@testable import GradscopeCLI
import GradscopeGallery

/// `gradscope inspect` run as the built binary on the trace reader's fixtures
/// (`Tests/GradscopeCoreTests/Resources/traces/make_traces.py`).
@Suite(.enabled(if: BinaryRun.isAvailable)) struct InspectCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GradscopeCoreTests/Resources/traces/\(name).gstrace").path
    }

    @Test("Text names the first Inf (backward, layers.2, overflow) and the first NaN (zero-times-inf)")
    func text() throws {
        let (run, _) = try BinaryRun.run(["inspect", Self.fixture("chain")])
        #expect(run.status == 0 && run.stderr.isEmpty)
        #expect(run.stdout.contains("• First Inf: step 2, backward, layers.2 (Linear): ∂L/∂input of layers.2 (Linear) = -inf. Cause (overflow):"))
        #expect(run.stdout.contains("• First NaN: step 2, backward, layers.0 (Linear): ∂L/∂layers.0.weight = nan. Cause (zero-times-inf):"))
        #expect(run.leftBehind.isEmpty)
    }

    @Test("--format json has the issue's keys and equals the experiment's JSON")
    func json() throws {
        let (run, _) = try BinaryRun.run(["inspect", Self.fixture("chain"), "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stdout == (try InspectExperiment(settings: .init(path: Self.fixture("chain"))).run(progress: nil).json()))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["firstNonFinite", "firstInfinity", "firstNaN", "propagators", "modules", "steps", "remedies"]))
        let first = try #require(object["firstNonFinite"] as? [String: Any])
        #expect(first["value"] as? String == "-Infinity" && first["pass"] as? String == "backward" && first["module"] as? String == "layers.2")
        let finite = try BinaryRun.run(["inspect", Self.fixture("finite"), "--format", "json"]).0
        #expect(try #require(try JSONSerialization.jsonObject(with: Data(finite.stdout.utf8)) as? [String: Any])["firstNonFinite"] is NSNull)
    }

    @Test("--format csv starts with its header, one row per module and step")
    func csv() throws {
        let (run, _) = try BinaryRun.run(["inspect", Self.fixture("chain"), "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").first == "module,type,step,activation_absmax,gradient_rms,gain,nonfinite")
    }

    @Test("--out x.html is self-contained (no external src or href); --out x.svg is one SVG")
    func outFiles() throws {
        let (html, folder) = try BinaryRun.run(["inspect", Self.fixture("chain"), "--out", "x.html"])
        #expect(html.status == 0 && html.leftBehind == ["x.html"])
        let page = try String(contentsOf: folder.appendingPathComponent("x.html"), encoding: .utf8)
        #expect(page.contains("<svg"))
        let links = try NSRegularExpression(pattern: #"(src|href)\s*=\s*["']?(https?:|//|[^"'#\s>][^"'\s>]*\.(js|css|svg|png))"#, options: .caseInsensitive)
        #expect(links.firstMatch(in: page, range: NSRange(page.startIndex..., in: page)) == nil)
        let (svg, svgFolder) = try BinaryRun.run(["inspect", Self.fixture("chain"), "--out", "x.svg"])
        #expect(svg.status == 0 && svg.leftBehind == ["x.svg"])
        let chart = try String(contentsOf: svgFolder.appendingPathComponent("x.svg"), encoding: .utf8)
        #expect(chart.contains("<svg") && chart.contains("Gradient RMS"))
    }

    @Test("A hostile input is one line on stderr, exit 1, no output file",
          arguments: [("missing", "does not exist"), ("not_sqlite", "is not an SQLite database"), ("truncated", "is corrupt or truncated")])
    func hostile(name: String, problem: String) throws {
        let (run, _) = try BinaryRun.run(["inspect", Self.fixture(name), "--out", "x.svg"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(problem) && lines[0].contains("\(name).gstrace"), "\(run.stderr)")
        #expect(run.leftBehind.isEmpty)
    }

    @Test("serve --trace with a bad trace is the same one line, exit 1, before listening")
    func serveBadTrace() throws {
        let (run, _) = try BinaryRun.run(["serve", "--port", "0", "--trace", Self.fixture("not_sqlite")])
        #expect(run.status == 1 && run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("is not an SQLite database"), "\(run.stderr)")
    }
}
