import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

/// The core's formula errors speak of values; each face adds how it passes a parameter's value:
/// the CLI spells it `--param w=VALUE` (prefix "--"), HTTP `param.w=VALUE` (prefix "").
@Suite struct FormulaErrorFacesTests {
    @Test("A plot without a parameter's value: the core's sentence, then each face's")
    func missingParameter() throws {
        let error = try #require(throws: SettingsError.self) { try PlotExperiment.Settings(formula: "tanh(w*x + b)", parameters: ["b": 0]).validate() }
        #expect(error.description == "No value for parameter 'w'. Pass it with param.w=VALUE.")
        #expect(error.formula == .missingParameter("w"))
        #expect(error.formula?.description == "No value for parameter 'w'.")
        #expect(error.sentence(.commandLine) == "No value for parameter 'w'. Pass it with --param w=VALUE.")
        #expect(error.sentence(.query) == "No value for parameter 'w'. Pass it with param.w=VALUE.")
    }

    @Test("A name that reads as a product: both fixes, in each face's spelling")
    func product() throws {
        let error = try #require(throws: SettingsError.self) { try PlotExperiment.Settings(formula: "relu(wx)", parameters: ["w": 8]).validate() }
        #expect(error.formula?.description == "No value for 'wx' at column 6. For a product write 'w*x', or give the parameter 'wx' a value.")
        #expect(error.sentence(.commandLine)
                == "No value for 'wx' at column 6. For a product write 'w*x'; for a parameter pass --param wx=VALUE.")
        #expect(error.sentence(.query)
                == "No value for 'wx' at column 6. For a product write 'w*x'; for a parameter pass param.wx=VALUE.")
    }

    @Test("Other formula errors read the same on every face")
    func parseError() throws {
        let error = try #require(throws: SettingsError.self) { try PlotExperiment.Settings(formula: "tanhh(x)").validate() }
        #expect(error.sentence(.commandLine) == "Unknown function 'tanhh' at column 1. Did you mean 'tanh'?")
        #expect(error.sentence(.query) == error.sentence(.commandLine))
    }
}
