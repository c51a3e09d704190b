import Testing
import GradscopeCore
@testable import GradscopeGallery

/// A setting named inside a SettingsError's sentence is spelt by each face: a flag on the command
/// line, a query parameter over HTTP; and both faces read a precision's name in any letter case.
@Suite struct SettingsErrorSpellingTests {
    @Test("train's dynamic loss scale in Float32: one message, spelt by each face")
    func lossScaleBothWays() throws {
        var settings = TrainExperiment.Settings()
        settings.lossScaling = .dynamic
        let error = try #require(throws: SettingsError.self) { try settings.validate() }
        #expect(error.sentence(.commandLine) == "--loss-scale dynamic needs --precision float16 or bfloat16.")
        #expect(error.sentence(.query) == "loss-scale dynamic needs precision=float16 or bfloat16.")
        #expect(error.description == error.sentence(.query))
    }

    @Test("the autopsy's formula example: a value that the shell would split is quoted on the command line; a formula parameter is param.NAME in a query")
    func formulaExampleBothWays() {
        let error = SettingsError(setting: "model", "formula needs \(setting: "formula"), e.g. \(setting: "formula", value: "tanh(w*x + b)") "
                                  + "\(setting: "param", value: "w=8") \(setting: "param", value: "b=0").")
        #expect(error.sentence(.commandLine) == "--model formula needs --formula, e.g. --formula 'tanh(w*x + b)' --param w=8 --param b=0.")
        #expect(error.sentence(.query) == "model formula needs formula, e.g. formula=tanh(w*x + b) param.w=8 param.b=0.")
    }

    @Test("a work limit's fix names every setting it lowers in the face's spelling")
    func workLimitBothWays() throws {
        var settings = TrainExperiment.Settings()
        settings.steps = 100_000
        let error = try #require(throws: SettingsError.self) { try settings.validate() }
        let cost = "Training 100000 steps × 100 × 32 sequences × 64² units is 3932160000000 multiply-adds; the limit is 1000000000000. "
        #expect(error.sentence(.commandLine) == cost + "Lower --steps, --length, --batch or --hidden.")
        #expect(error.sentence(.query) == cost + "Lower steps, length, batch or hidden.")
    }

    @Test("render: text without marks is kept as it is, an unclosed mark too; a face may spell its own way")
    func render() {
        #expect(SettingsSpelling.commandLine.render("no settings {steps} here.") == "no settings {steps} here.")
        let unclosed = "Lower " + String(SettingsSpelling.marked("steps").dropLast())
        #expect(SettingsSpelling.query.render(unclosed) == unclosed)
        let shout = SettingsSpelling { name, value in "<\(name.uppercased())\(value.map { ":\($0)" } ?? "")>" }
        #expect(shout.render("a \(setting: "x") b \(setting: "precision", value: "float16").") == "a <X> b <PRECISION:float16>.")
    }

    @Test("a choice's name in any ASCII letter case; other text is no name", arguments: [
        ("float32", Precision.float32), ("Float32", .float32), ("FLOAT32", .float32), ("BFloat16", .bfloat16),
        ("Float8_E4M3FN", .float8E4M3FN), ("float4_e2m1fn", .float4E2M1FN),
    ])
    func choice(text: String, precision: Precision) {
        #expect(SettingsVocabulary.choice(named: text, as: Precision.self) == precision)
    }

    @Test("no precision for a near miss")
    func noChoice() {
        #expect(["float8", "float 32", "fp32", "", "ﬂoat32"].compactMap { SettingsVocabulary.choice(named: $0, as: Precision.self) } == [])
    }
}
