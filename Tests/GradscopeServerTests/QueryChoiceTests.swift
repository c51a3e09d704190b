import Testing
@testable import GradscopeServer
import GradscopeGallery
import GradscopeCore

/// The server's half of one rule for names: a precision in any letter case, and a SettingsError's
/// settings spelt as query parameters.
@Suite struct QueryChoiceTests {
    @Test("precision=Float32, FLOAT32 and float32 are one precision, as on the command line")
    func precisionAnyCase() throws {
        let read = try ["float32", "Float32", "FLOAT32", "BFloat16"].map { name in
            try QueryReader(query: "precision=\(name)", allowed: ["precision"]).choice("precision", default: Precision.float64)
        }
        #expect(read == [.float32, .float32, .float32, .bfloat16])
        #expect(throws: APIError.self) { try QueryReader(query: "precision=fp32", allowed: ["precision"]).choice("precision", default: Precision.float64) }
    }

    @Test("a SettingsError becomes a 400 whose sentence spells settings as the query does")
    func settingsErrorSpelling() {
        let error = APIError(SettingsError(setting: "loss-scale", "dynamic needs \(setting: "precision", value: "float16") or bfloat16."))
        #expect(error.message == "loss-scale dynamic needs precision=float16 or bfloat16.")
        #expect(error.parameter == "loss-scale")
        #expect(error.status == .badRequest)
    }
}
