import GradscopeTestSupport
import ArgumentParser
import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
import GradscopeCharts
import GradscopeGallery

@Suite struct SurfaceCommandTests {
    static func report(_ arguments: [String]) throws -> ExperimentReport<SurfaceExperiment.Document> {
        try SurfaceExperiment(settings: SurfaceCommand.parse(arguments).settings).run(progress: nil)
    }

    @Test("Defaults are Pascanu's setting on the W2 window")
    func defaults() throws {
        let command = try SurfaceCommand.parse([])
        #expect(command.settings.cliff == CliffExperiment.pascanu)
    }

    @Test("CSV has the header w,b,loss,dloss_dw,dloss_db and one row per grid point, b-major")
    func csv() throws {
        let report = try Self.report(["--grid", "4", "--loss", "state", "--format", "csv"])
        let lines = report.table.csv.split(separator: "\n")
        #expect(lines[0] == "w,b,loss,dloss_dw,dloss_db")
        #expect(lines.count == 17)
        #expect(lines[1].hasPrefix("2.0,-10.0,"))
        #expect(lines[2].hasPrefix("6.0,-10.0,"))
        #expect(lines[5].hasPrefix("2.0,-6.0,"))
        let cells = lines[16].split(separator: ",").map { Double($0)! }
        let p = SurfaceModel.benchmark(.sigmoid).evaluate(w: 14.0, b: 2.0)
        #expect(isClose(cells[2], p.loss, relative: 1e-9) && isClose(cells[3], p.dLossDW, relative: 1e-9)
                && isClose(cells[4], p.dLossDB, relative: 1e-9))
    }

    @Test("Float32 CSV cells read back as exactly the Float values of the grid")
    func floatCSV() throws {
        let arguments = ["--grid", "3", "--precision", "float32", "--activation", "tanh", "--w", "0.5:4", "--b", "-3:1"]
        let report = try Self.report(arguments)
        let rows = report.table.csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let grid = try SurfaceCommand.parse(arguments).settings.cliff.model.surface(w: 0.5...4, b: -3...1, resolution: 3, in: Float.self)
        #expect(rows.map { [$0[0], $0[1]] } == [["0.5", "-3.0"], ["2.25", "-3.0"], ["4.0", "-3.0"], ["0.5", "-1.0"], ["2.25", "-1.0"],
                                                ["4.0", "-1.0"], ["0.5", "1.0"], ["2.25", "1.0"], ["4.0", "1.0"]])
        #expect(rows.map { Float($0[2])! } == grid.loss)
        #expect(rows.map { Float($0[3])! } == grid.dLossDW)
        #expect(rows.map { Float($0[4])! } == grid.dLossDB)
        #expect(rows.map { Double($0[2])! } == grid.loss.map(Double.init))   // widened exactly: no rounding on the way
    }

    @Test("Text shows both heatmaps' data, the wall table, both runs and the caption")
    func text() throws {
        let report = try Self.report(["--grid", "64"])
        #expect(report.summary.contains("Wall (bisection on b at fixed w"))
        #expect(report.summary.contains("unclipped │ clipped at 1"))
        #expect(report.summary.contains("The wall: bisection on b finds x_T jumping"))
        let maps = report.figures[0].charts.compactMap { $0 as? Heatmap }
        #expect(maps.count == 2)
        #expect(maps[1].trajectories.map(\.name) == ["wall (bisection)", "unclipped", "clipped at 1"])
    }

    @Test("JSON has camelCase keys, the walls and both runs")
    func json() throws {
        let text = try Self.report(["--grid", "8", "--iterations", "3"]).json()
        for key in ["\"dLossDWGrid\"", "\"lossGrid\"", "\"walls\"", "\"unclipped\"", "\"clipThreshold\"", "\"gradientNorm\"",
                    "\"stepLength\"", "\"maximumGradient\"", "\"clippedCount\"", "\"bRange\""] {
            #expect(text.contains(key), "missing \(key)")
        }
    }

    @Test("A large grid is downsampled for the SVG, and the caption says so")
    func downsampled() throws {
        let report = try Self.report(["--grid", "512", "--iterations", "2"])
        let maps = report.figures[0].charts.compactMap { $0 as? Heatmap }
        #expect(maps.count == 2 && maps.allSatisfy { $0.values.count == 128 && $0.values[0].count == 128 })
        #expect(report.figures[0].caption.contains("drawn as 128×128 blocks"))
        #expect(maps.map { $0.svg() }.allSatisfy { $0.utf8.count < 1_000_000 })
    }

    @Test("--out writes the SVG atomically", arguments: ["svg", "csv", "json"])
    func out(kind: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-surface-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cliff.\(kind)").path
        let command = try SurfaceCommand.parse(["--grid", "16", "--iterations", "2", "--format", "csv", "--out", path])
        try command.run()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        switch kind {
        case "svg": #expect(written.hasPrefix("<svg") && written.contains("wall (bisection)"))
        case "csv": #expect(written.hasPrefix("w,b,loss,dloss_dw,dloss_db\n"))
        default: #expect(written.contains("\"lossGrid\""))
        }
    }

    @Test("Negative numbers are accepted, with and without '='",
          arguments: [["--b", "-10:2", "--start", "5,-2.4", "--x0", "-0.5"], ["--b=-10:2", "--start=5,-2.4", "--x0=-0.5"]])
    func negativeNumbers(arguments: [String]) throws {
        let command = try SurfaceCommand.parse(arguments + ["--w", "-4:-1"])
        #expect(command.biases == GridRange(lower: -10, upper: 2))
        #expect(command.weights == GridRange(lower: -4, upper: -1))
        #expect(command.start == SurfaceExperiment.StartPoint(w: 5, b: -2.4))
        #expect(command.x0 == -0.5)
    }

    @Test("Bad options give one-line errors that name the option and the fix", arguments: [
        (["--grid", "4096"], "--grid must be between 2 and 1024"),
        (["--grid", "1"], "--grid must be between 2 and 1024"),
        (["--steps", "0"], "--steps must be between 1 and 10000"),
        (["--steps", "20000"], "--steps must be between 1 and 10000"),
        (["--w", "3:1"], "--w must be a range A:B of finite numbers with A < B"),
        (["--b", "-1:inf"], "--b must be a range A:B"),
        (["--w", "nan:2"], "--w must be a range A:B"),
        (["--start", "5"], "--start must be two finite numbers W,B"),
        (["--lr", "0"], "--lr must be a positive finite number"),
        (["--clip", "-1"], "--clip must be a positive finite number"),
        (["--x0", "inf"], "--x0 must be a finite number"),
        (["--iterations", "-1"], "--iterations must be between 0 and 100000"),
        (["--activation", "sigmod"], "Did you mean 'sigmoid'"),
        (["--loss", "both"], "both"),
        (["--out", "cliff.png"], "Give --out a file ending in .svg, .csv or .json"),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try SurfaceCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = SurfaceCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }

    @Test("surface's help documents its options and an example")
    func help() {
        let help = Gradscope.helpMessage(for: SurfaceCommand.self)
        for option in ["--activation", "--x0", "--target", "--steps", "--loss", "--w", "--b", "--grid", "--start", "--lr",
                       "--clip", "--iterations", "--precision", "--format", "--out"] {
            #expect(help.contains(option), "missing \(option)")
        }
        #expect(help.contains("gradscope surface --grid 256 --start 5,-2.4 --lr 1 --clip 1 --out cliff.svg"))
        #expect(Gradscope.helpMessage().contains("surface"))
    }
}
