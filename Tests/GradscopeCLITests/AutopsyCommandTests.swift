import ArgumentParser
import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
import GradscopeCharts
import GradscopeGallery

@Suite struct AutopsyCommandTests {
    func report(_ arguments: [String]) throws -> (AutopsyCommand, AutopsyReport) {
        let command = try AutopsyCommand.parse(arguments)
        return (command, Autopsy.perform(try command.autopsyCase(), remedies: try command.remedyList()))
    }

    @Test("The relu chain at x = 1: the text names the forward overflow at layer 43 and the remedies")
    func reluText() throws {
        let (command, report) = try report(["--activation", "relu", "--weight", "8", "--depth", "50", "--x", "1", "--steps", "10",
                                            "--remedies", "activation=tanh,clip-norm=1"])
        let text = try command.render(report, format: .text)
        #expect(text.contains("First Inf: step 1, forward, layer 43, x = 1: w_43·y_42 = inf"))
        #expect(text.contains("exceeds Float32's maximum 3.4e38"))
        #expect(text.contains("First NaN: step 2, forward, layer 2, x = 1: w_2·y_1 = nan"))
        #expect(text.contains("activation=tanh"))
        let csv = try command.render(report, format: .csv).split(separator: "\n")
        #expect(csv[0] == "remedy,final_loss,max_grad_norm,stayed_finite,first_nonfinite_step,steps_run,unchanged_groups,note")
        #expect(csv[1].hasPrefix("none (baseline),nan,nan,false,1,2,"))
        #expect(csv[2].hasPrefix("activation=tanh,") && csv[2].contains(",true,,10,"))
    }

    @Test("JSON has camelCase keys, the anomalies and every step; non-finite as strings")
    func json() throws {
        let (command, report) = try report(["--activation", "relu", "--x", "1", "--steps", "3", "--remedies", "none", "--format", "json"])
        let json = try command.render(report, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let inf = try #require(object["firstInfinity"] as? [String: Any])
        #expect(inf["layer"] as? Int == 43 && inf["pass"] as? String == "forward")
        let runs = try #require(object["runs"] as? [[String: Any]])
        let steps = try #require(runs[0]["steps"] as? [[String: Any]])
        #expect(steps.count == 2)
        #expect(steps[0]["loss"] as? String == "Infinity")
        #expect(Set(steps[0].keys).isSuperset(of: ["gradientNorm", "layerGradientNorms", "parameterNorm", "skipped", "step"]))
    }

    @Test("A grid that spans 0 includes it; one value is one point; negative numbers parse",
          arguments: [["--x", "-1:1", "--points", "20"], ["--x=-1:1", "--points", "20"]])
    func grid(arguments: [String]) throws {
        let command = try AutopsyCommand.parse(arguments + ["--bias", "-0.5", "--lr", "0.5"])
        let xs = try command.autopsyCase().data.xs
        #expect(xs.count == 21 && xs.contains(0) && xs.first == -1 && xs.last == 1)
        #expect(command.network.bias == -0.5)
        #expect(try AutopsyCommand.parse(["--x", "1"]).autopsyCase().data.xs == [1])
    }

    @Test("A CSV of x,y rows with a header; a bad row is named")
    func csvData() throws {
        let data = try AutopsyExperiment.DataSettings.rows(csv: "x,y\n0,0.25\n1, 0.75\n\n", name: "d.csv")
        #expect(data.xs == [0, 1] && data.targets == [0.25, 0.75])
        do {
            _ = try AutopsyExperiment.DataSettings.rows(csv: "x,y\n0,0.25\n1;0.75\n", name: "d.csv")
            Issue.record("a bad row was accepted")
        } catch {
            #expect(CommandError(error).description == "--data 'd.csv': row 3 ('1;0.75') is not two finite numbers x,y.")
        }
    }

    @Test("Bad options give one-line errors that name the option", arguments: [
        (["--remedies", "clip-norm=-1"], "clip norm must be a positive number"),
        (["--steps", "0"], "--steps must be between 1 and 1000000"),
        (["--activation", "tanhh"], "Unknown activation 'tanhh'. Did you mean 'tanh'?"),
        (["--lr", "0"], "--lr must be a positive number"),
        (["--remedies", "init=xavierr"], "unknown initialiser"),
        (["--model", "formula"], "--model formula needs --formula"),
        (["--model", "formula", "--formula", "tanh(w*x)"], "No value for parameter 'w'"),
        (["--data", "/nonexistent/d.csv"], "Cannot read --data"),
        (["--log", "steps.txt"], "must end in .csv"),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try AutopsyCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = AutopsyCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }

    @Test("A CSV file with a bad row is refused before any work, naming the row")
    func badDataFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradscope-bad-\(UUID().uuidString).csv")
        try "x,y\n0,1\n2,abc\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try AutopsyCommand.parse(["--data", url.path])
            Issue.record("accepted")
        } catch {
            #expect(AutopsyCommand.message(for: error).contains("row 3 ('2,abc')"))
        }
    }

    @Test("The help documents the remedies, the log and an example")
    func help() {
        let help = Gradscope.helpMessage(for: AutopsyCommand.self)
        for option in ["--model", "--remedies", "--log", "--steps", "--lr", "--precision", "--x", "--data", "--target", "--seed"] {
            #expect(help.contains(option), "missing \(option)")
        }
        #expect(help.contains("gradscope autopsy --activation tanh --weight 8 --depth 50"))
        #expect(Gradscope.helpMessage().contains("autopsy"))
    }

    @Test("Ctrl-C leaves a complete, valid CSV log and exits with 130",
          .enabled(if: InterruptedRun.isAvailable), .timeLimit(.minutes(1)))
    func interrupted() throws {
        let (status, text) = try InterruptedRun.run(["autopsy", "--activation", "tanh", "--weight", "1", "--depth", "5",
                                                     "--steps", "400000", "--remedies", "none"])
        #expect(status == 130)
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "run,step,loss,grad_norm,param_norm,loss_scale,skipped,params_finite,grad_norm_layer_1,grad_norm_layer_2,grad_norm_layer_3,grad_norm_layer_4,grad_norm_layer_5,param_norm_layer_1,param_norm_layer_2,param_norm_layer_3,param_norm_layer_4,param_norm_layer_5")
        #expect(lines.count > 10)
        let columns = lines[0].split(separator: ",", omittingEmptySubsequences: false).count
        for (index, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(cells.count == columns, "row \(index + 2): \(line)")
            #expect(cells[0] == "baseline" && Int(cells[1]) == index + 1)
            #expect(Double(cells[2]) != nil)
        }
    }
}

@Suite struct AutopsyChartTests {
    @Test("Loss and gradient-norm charts have one line per run; MLP histograms one row per layer of 30 buckets")
    func charts() throws {
        let command = try AutopsyCommand.parse(["--model", "mlp", "--width", "4", "--depth", "3", "--weight", "1", "--steps", "5",
                                                "--remedies", "clip-norm=1,init=orthogonal"])
        let report = Autopsy.perform(try command.autopsyCase(), remedies: try command.remedyList())
        let loss = AutopsyCharts.loss(report)
        #expect(loss.series.map(\.name) == ["baseline", "clip-norm=1", "init=orthogonal"])
        #expect(loss.yScale == .log10 && loss.series[0].xs == [1, 2, 3, 4, 5])
        let first = try #require(report.baseline.run?.firstGradients)
        let histogram = AutopsyCharts.gradientHistograms(first, title: "step 1")
        #expect(histogram.rows.count == 3 && histogram.rows.allSatisfy { $0.counts.count == 30 })
        #expect(histogram.rows.map { $0.counts.reduce(0, +) } == first.values.map(\.count))
        let svg = try command.svg(report)
        #expect(svg.hasPrefix("<svg") && svg.contains("Gradients per layer at step 1"))
    }

    @Test("The gallery figure's caption takes its numbers from the run")
    func figure() throws {
        let figure = AutopsyFigure.tanhChain(depth: 50, steps: 5)
        let inf = try #require(figure.report.baseline.firstInfinity)
        #expect(figure.caption.contains("step 1, backward, layer \(inf.layer!)"))
        #expect(figure.caption.contains("Stayed finite: init=xavier-normal, init=orthogonal"))
        #expect(figure.charts.count == 2)
    }
}
