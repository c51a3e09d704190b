import ArgumentParser
import Testing
@testable import GradscopeCLI
import GradscopeCore
import GradscopeGallery

/// `--precision` reads a name in any letter case, by the rule the server's query uses.
@Suite struct PrecisionNameTests {
    @Test("--precision Float32, FLOAT32 and float32 are one precision; BFloat16 and Float8_E5M2 too")
    func anyCase() throws {
        #expect(["float32", "Float32", "FLOAT32"].map(Precision.init(argument:)) == [.float32, .float32, .float32])
        #expect(Precision(argument: "BFloat16") == .bfloat16)
        #expect(Precision(argument: "Float8_E5M2") == .float8E5M2)
        #expect(try ChainCommand.parse(["--precision", "Float32"]).settings.precision == .float32)
    }

    @Test("every fixed set of names reads in any case, as the server's query does: --model LSTM, --task ORDER, --overflow Saturate, --format JSON")
    func otherChoices() throws {
        let train = try TrainCommand.parse(["--model", "LSTM", "--task", "ORDER", "--optimizer", "Adam", "--loss-scale", "Dynamic", "--precision", "Float16"])
        #expect([train.model, train.task, train.optimizer, train.lossScale] as [AnyHashable] == [TrainExperiment.Model.lstm, TrainExperiment.Task.order,
                                                                                                 TrainExperiment.Optimizer.adam, TrainExperiment.LossScaling.dynamic])
        #expect(try ChainCommand.parse(["--overflow", "Saturate"]).settings.overflow == .saturate)
        #expect(TrainExperiment.Model(argument: "transformer") == nil)
    }

    @Test("an unknown precision is still ArgumentParser's one-line error listing the names")
    func unknown() {
        #expect(Precision(argument: "float8") == nil)
        #expect(throws: (any Error).self) { try ChainCommand.parse(["--precision", "float8"]) }
    }
}
