import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore

@Suite struct PlotCommandTests {
    func csv(_ arguments: [String]) throws -> [[String]] {
        let command = try PlotCommand.parse(arguments)
        return try command.render(command.curves(), format: .csv).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
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
        let curves = try command.curves()
        #expect(curves.curves.map(\.depth) == [1, 5, 50])
        #expect(curves.x == [-1, -0.5])
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
        (["x", "--out", "/nonexistent-folder/a.svg"], "does not exist"),
        (["x", "--out", "plot.png"], "Give --out a file ending in .svg, .csv or .json."),
        (["x", "--pointz", "3"], "Unknown option '--pointz'"),
    ])
    func badInput(arguments: [String], message: String) {
        do {
            let command = try PlotCommand.parse(arguments)
            _ = try command.curves()
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
}
