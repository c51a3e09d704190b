import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
import GradscopeGallery

@Suite struct PlotCommandTests {
    func csv(_ arguments: [String]) throws -> [[String]] {
        let report = try PlotCommand.parse(arguments).experiment().run(progress: nil)
        return report.table.csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    }

    @Test("Nested relu, w = 8: CSV has depth,x,y,dydx,d_w and slopes 8, 64, 512 at x = 1")
    func nestedRelu() throws {
        let rows = try csv(["relu(w*x)", "--param", "w=8", "--depth", "3", "--x", "0:1", "--points", "3"])
        #expect(rows[0] == ["depth", "x", "y", "dydx", "d_w"])
        let atOne = rows.dropFirst().filter { $0[1] == "1.0" }
        #expect(atOne.map { $0[3] } == ["8.0", "64.0", "512.0"])
        // ∂y_3/∂w = 3·w²·x at x = 1: 192.
        #expect(atOne.last![4] == "192.0")
    }

    @Test("Without --depth there is no depth column")
    func plainColumns() throws {
        let rows = try csv(["tanh(5*tanh(40*x-5) - 5*tanh(40*x+0) + 5*tanh(40*x+5))", "--points", "5", "--x", "-0.5:0.5"])
        #expect(rows[0] == ["x", "y", "dydx"])
        #expect(rows.count == 6)
    }

    @Test("A formula may start with '-', with or without '--'", arguments: [["-x^2"], ["--", "-x^2"]])
    func leadingMinus(arguments: [String]) throws {
        let rows = try csv(["--points", "3", "--x", "-1:1"] + arguments)
        #expect(rows[1] == ["-1.0", "-1.0", "2.0"])
    }

    @Test("Negative ranges and --depths pick depths")
    func depthsAndRanges() throws {
        let command = try PlotCommand.parse(["tanh(w*x)", "--param", "w=8", "--depths", "50,1,5", "--x", "-1:-0.5", "--points", "2"])
        let document = try command.experiment().run(progress: nil).document
        #expect(document.curves.map(\.depth) == [1, 5, 50])
        #expect(document.x == [-1, -0.5])
    }

    @Test("LaTeX from the post plots the same as plain math")
    func latex() throws {
        let latex = try csv([#"$y = \text{sig}(w \times \text{sig}(w \times x) - \frac{w}{2})$"#, "--param", "w=8", "--points", "5"])
        let plain = try csv(["sig(w*sig(w*x) - w/2)", "--param", "w=8", "--points", "5"])
        #expect(latex == plain)
    }

    @Test("Bad input gets one line naming the problem", arguments: [
        (["tanhh(x)"], "Unknown function 'tanhh' at column 1. Did you mean 'tanh'?"),
        (["tanh(w*x"], "column"),
        (["tanh(w*x)"], "No value for parameter 'w'. Pass it with --param w=VALUE."),
        (["w*x", "--param", "w"], "--param takes NAME=VALUE"),
        (["x", "--points", "1"], "--points must be between 2 and 1000000"),
        (["x", "--depth", "3", "--depths", "1,2"], "either --depth or --depths"),
        (["x", "--depths", "1,zero"], "--depths takes comma-separated depths"),
        (["x", "--depth", "100000", "--points", "1000"], "the limit is 50000000"),
        (["x", "--first-layer", "x"], "--first-layer needs a nested formula. Give depth or depths as well."),
        (["x", "--overflow", "clamp"], "--overflow"),
        (["x", "--out", "/nonexistent-folder/a.svg"], "does not exist"),
        (["x", "--out", "plot.png"], "Give --out a file ending in .svg, .csv or .json."),
        (["x", "--pointz", "3"], "Unknown option '--pointz'"),
    ])
    func badInput(arguments: [String], message: String) {
        do {
            let command = try PlotCommand.parse(arguments)
            _ = try command.experiment().run(progress: nil)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = PlotCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }

    @Test("--x rejects a reversed or malformed range")
    func badRange() {
        #expect(throws: (any Error).self) { try PlotCommand.parse(["x", "--x", "1:-1"]) }
        #expect(throws: (any Error).self) { try PlotCommand.parse(["x", "--x", "0..1"]) }
    }

    @Test("--out writes a valid SVG with both charts, atomically")
    func svgOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-plot-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("relu.svg").path
        let command = try PlotCommand.parse(["relu(w*x)", "--param", "w=8", "--depth", "3", "--out", path, "--format", "csv"])
        try command.run()
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        for colour in ["#FFC0CB", "#FF0000", "#8B0000"] { #expect(svg.uppercased().contains(colour)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["relu.svg"])
    }

    @Test("--overflow saturate clamps float8_e4m3fn at 448 where nonfinite gives NaN (relu(8x) nested 3 times at x = 1)")
    func overflowRule() throws {
        let base = ["relu(w*x)", "--param", "w=8", "--depths", "3", "--x", "0.5:1", "--points", "2", "--precision", "float8_e4m3fn"]
        let nonfinite: [[String]] = try csv(base)
        let expectedNonfinite: [[String]] = [["depth", "x", "y", "dydx", "d_w"], ["3", "0.5", "256.0", "nan", "96.0"], ["3", "1.0", "nan", "nan", "nan"]]
        #expect(nonfinite == expectedNonfinite)
        let saturated: [[String]] = try csv(base + ["--overflow", "saturate"]).map { Array($0.prefix(4)) }
        let expectedSaturated: [[String]] = [["depth", "x", "y", "dydx"], ["3", "0.5", "256.0", "448.0"], ["3", "1.0", "448.0", "448.0"]]
        #expect(saturated == expectedSaturated)
    }

    @Test("--overflow's help says which formats can only saturate")
    func overflowHelp() {
        let help = PlotCommand.helpMessage(columns: 2000)
        #expect(help.contains("--overflow <overflow>"))
        #expect(help.contains("float6_e3m2fn, float6_e2m3fn and float4_e2m1fn have no Inf or NaN and can only saturate"))
    }

    @Test("The binary: --depth 1000 shows 1, 2, 3 and every quarter in text and says so; CSV streams every depth, to stdout and --out",
          .enabled(if: BinaryRun.isAvailable))
    func deepBinary() throws {
        let arguments = ["plot", "tanh(w*x)", "--param", "w=8", "--depth", "1000", "--points", "5"]
        let (text, _) = try BinaryRun.run(arguments)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Drawn and listed: depths 1, 2, 3, 250, 500, 750 and 1000 of 1000 (1, 2, 3 and every quarter)"))
        #expect(text.stderr.isEmpty, "quiet when piped: \(text.stderr)")
        let (csv, _) = try BinaryRun.run(arguments + ["--format", "csv", "--out", "all.json"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 5000)
        let depths: Set<String> = Set(lines.dropFirst().map { String($0.split(separator: ",")[0]) })
        let expected: Set<String> = Set((1...1000).map { String($0) })
        #expect(depths == expected)
        #expect(csv.leftBehind == ["all.json"])
        let report = try PlotCommand.parse(Array(arguments.dropFirst())).experiment().run(progress: nil)
        #expect(csv.stdout == report.table.csv)
    }

    @Test("The binary: Ctrl-C stops a long plot with one line and leaves no --out file", .enabled(if: BinaryRun.isAvailable), .timeLimit(.minutes(1)))
    func interrupted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-plot-int-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = BinaryRun.binary
        process.arguments = ["plot", "tanh(w*x)", "--param", "w=8", "--depth", "5000", "--points", "10000", "--out", folder.appendingPathComponent("p.csv").path]
        let errors = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        // Wait until the temporary file beside the target is growing, then interrupt.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try FileManager.default.contentsOfDirectory(atPath: folder.path)).isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.3)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message == "Interrupted; nothing was written.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }
}
