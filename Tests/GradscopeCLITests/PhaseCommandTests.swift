import ArgumentParser
import Foundation
import Testing
@testable import GradscopeCLI
@testable import GradscopeCore
import GradscopeGallery

@Suite struct PhaseCommandTests {
    /// The report `gradscope phase ARGUMENTS` prints.
    static func report(_ arguments: [String]) throws -> ExperimentReport<PhaseExperiment.Document> {
        try PhaseExperiment(settings: PhaseCommand.parse(arguments).settings).run(progress: nil)
    }

    @Test("JSON has cells and the critical line at σ_b² = 0, 0.01, …, 0.25 with σ_w² = 1 at σ_b² = 0")
    func json() throws {
        let json = try Self.report(["--activation", "tanh", "--grid", "3", "--format", "json"]).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let line = try #require(object["criticalLine"] as? [[String: Double]])
        let b2s = line.compactMap { $0["sigmaB2"] }
        for k in 0...25 { #expect(b2s.contains { abs($0 - Double(k) / 100) < 1e-12 }, "σ_b² = \(Double(k) / 100) missing") }
        #expect(abs(try #require(line.first?["sigmaW2"]) - 1) < 1e-9)
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 9)
        #expect(Set(cells[0].keys) == ["sigmaW2", "sigmaB2", "qStar", "chi1", "xiC"])
        #expect(object["trainability"] == nil)
    }

    @Test("CSV header and one row per grid point; critical σ_w² of the row's σ_b²")
    func csv() throws {
        let lines = try Self.report(["--activation", "relu", "--grid", "2", "--sigma-w2", "1:3", "--sigma-b2", "0:0.1", "--format", "csv"]).table.csv.split(separator: "\n")
        #expect(lines[0] == "sigma_w2,sigma_b2,q_star,chi1,xi_c,critical_sigma_w2")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().allSatisfy { abs(Double($0.split(separator: ",")[5])! - 2) < 1e-10 })
    }

    @Test("The trainability map in JSON names its criterion and has one row per depth")
    func trainability() throws {
        let json = try Self.report(["--grid", "3", "--trainability", "--train-width", "16", "--max-depth", "20", "--format", "json"]).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let map = try #require(object["trainability"] as? [String: Any])
        #expect((map["criterion"] as? String)?.contains("[1e-3, 1e3]") == true)
        #expect((map["log10GradientRatios"] as? [[Any]])?.count == (map["depths"] as? [Int])?.count)
    }

    @Test("Negative-looking ranges parse with and without '='", arguments: [["--sigma-b2", "0:0.5"], ["--sigma-b2=0:0.5"]])
    func ranges(arguments: [String]) throws {
        #expect(try PhaseCommand.parse(arguments).sigmaB2 == GridRange(lower: 0, upper: 0.5))
    }

    @Test("Bad options give one-line errors that name the option", arguments: [
        (["--grid", "1"], "--grid must be between 2 and 201"),
        (["--grid", "500"], "--grid must be between 2 and 201"),
        (["--sigma-w2", "-1:2"], "--sigma-w2 must lie within 0:100"),
        (["--sigma-b2", "0:1000"], "--sigma-b2 must lie within 0:100"),
        (["--sigma-w2", "2:1"], "sigma-w2"),
        (["--activation", "tanhh"], "Did you mean 'tanh'?"),
        (["--colour", "chi2"], "chi2"),
        (["--max-depth", "1"], "--max-depth must be between 2 and 1000"),
        (["--out", "phase.png"], "Give --out a file ending in .svg, .csv or .json."),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try PhaseCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = PhaseCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }
}

@Suite struct LayersCommandTests {
    @Test("CSV has the documented columns, one row per layer")
    func csv() throws {
        let command = try LayersCommand.parse(["--width", "16", "--depth", "5", "--seeds", "2", "--batch", "2", "--format", "csv"])
        let growth = try command.growth()
        let pass = WideNetwork(width: 16, depth: 5, activation: .tanh, initialization: .meanField(sigmaW2: 1, width: 16), sigmaB2: 0, seed: 1).pass(batch: 2, seed: 3)
        let lines = try command.render(growth, pass, format: .csv).split(separator: "\n")
        #expect(lines[0] == "layer,preactivation_mean,preactivation_variance,predicted_preactivation_variance,activation_mean,activation_variance,gradient_norm,rms_gradient_norm,predicted_gradient_norm,predicted_gradient_norm_by_layer,activation_bucket_edges,activation_bucket_counts,activation_outside,activation_non_finite,gradient_bucket_edges,gradient_bucket_counts,gradient_outside,gradient_non_finite")
        #expect(lines.count == 6)
    }

    @Test("JSON has the theory, the fit and camelCase layer keys; xavier:auto gives σ_w² = (5/3)² for tanh")
    func json() throws {
        let command = try LayersCommand.parse(["--width", "16", "--depth", "4", "--seeds", "2", "--batch", "2", "--init", "xavier:auto", "--format", "json"])
        let growth = try command.growth()
        let pass = WideNetwork(width: 16, depth: 4, activation: .tanh, initialization: try command.initialization(), sigmaB2: 0, seed: 1).pass(batch: 2, seed: 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try command.render(growth, pass, format: .json).utf8)) as? [String: Any])
        #expect(abs((object["sigmaW2"] as? Double ?? 0) - 25.0 / 9) < 1e-12)
        #expect((object["theory"] as? [String: Any])?["chi1"] != nil)
        #expect((object["fit"] as? [String: Any])?["standardError"] != nil)
        let layer = try #require((object["layers"] as? [[String: Any]])?.first)
        for key in ["preactivationVariance", "predictedPreactivationVariance", "gradientNorm", "predictedGradientNorm"] { #expect(layer[key] != nil, "\(key)") }
    }

    @Test("Bad options give one-line errors", arguments: [
        (["--width", "0"], "--width must be between 1 and 2000"),
        (["--depth", "1"], "--depth must be between 2 and 1000"),
        (["--init", "xavierr"], "--init 'xavierr' is unknown"),
        (["--init", "he", "--sigma-w2", "2"], "--sigma-w2 applies only to the gaussian initialisation"),
        (["--sigma-b2", "-1"], "--sigma-b2 must be a finite number ≥ 0"),
        (["--sigma-w2=-0.5"], "--sigma-w2 must be a finite number ≥ 0"),
        (["--width", "2000", "--depth", "1000", "--batch", "1024"], "the limit is"),
        (["--init", "orthogonal", "--width", "800"], "--width must be at most 500"),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try LayersCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = LayersCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }
}

@Suite struct SpectrumCommandTests {
    @Test("CSV lists every singular value of the four spectra; relu uses σ_w² = 2")
    func csv() throws {
        let settings = try SpectrumCommand.parse(["--width", "8", "--depth", "4", "--format", "csv"]).settings
        let lines = try SpectrumExperiment(settings: settings).run(progress: nil).table.csv.split(separator: "\n")
        #expect(lines[0] == "activation,weights,sigma_w2,sigma_b2,index,singular_value")
        #expect(lines.count == 1 + 4 * 8)
        #expect(lines.contains { $0.hasPrefix("relu,orthogonal,2.0") })
    }

    @Test("Bad options give one-line errors", arguments: [
        (["--width", "1000"], "--width must be between 2 and 400"),
        (["--activations", "tanh,foo"], "Unknown activation 'foo'"),
        (["--depth", "0"], "--depth must be between 1 and 500"),
    ])
    func badOptions(arguments: [String], message: String) {
        do {
            _ = try SpectrumCommand.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let text = SpectrumCommand.message(for: error)
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"), "not one line: \(text)")
        }
    }
}

@Suite struct WideNetworkHelpTests {
    @Test("layers, phase and spectrum are subcommands whose help documents options, columns and an example")
    func help() {
        let root = Gradscope.helpMessage()
        for name in ["layers", "phase", "spectrum"] { #expect(root.contains(name)) }
        let layers = Gradscope.helpMessage(for: LayersCommand.self)
        for text in ["--width", "--depth", "--init", "--sigma-w2", "--sigma-b2", "--batch", "--seeds", "--seed", "xavier[:GAIN|:auto]", "rms_gradient_norm",
                     "gradscope layers --width 200 --depth 40"] {
            #expect(layers.contains(text), "layers: \(text)")
        }
        let phase = Gradscope.helpMessage(for: PhaseCommand.self)
        for text in ["--sigma-w2", "--sigma-b2", "--grid", "--colour", "--trainability", "criticalLine", "[1e-3, 1e3]", "gradscope phase --activation tanh"] {
            #expect(phase.contains(text), "phase: \(text)")
        }
        let spectrum = Gradscope.helpMessage(for: SpectrumCommand.self)
        for text in ["--width", "--depth", "--activations", "singular_value", "gradscope spectrum --width 200"] {
            #expect(spectrum.contains(text), "spectrum: \(text)")
        }
    }
}
