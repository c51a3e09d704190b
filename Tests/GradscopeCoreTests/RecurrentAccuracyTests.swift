import Testing
@testable import GradscopeNetworks

@Suite struct RecurrentAccuracyTests {
    @Test("Accuracy counts rows whose largest output is the target class; NaN rows are wrong; ties go to the first")
    func handCounted() {
        let outputs: [Double] = [0.1, 2, -1,   // argmax 1, target 1: right
                                 3, 3, 0,      // tie → 0, target 1: wrong
                                 .nan, 1, 0,   // NaN ignored → 1, target 1: right
                                 .nan, .nan, .nan,  // no largest: wrong
                                 -5, -4, -3]   // argmax 2, target 2: right
        let targets: [Double] = [0, 1, 0,  0, 1, 0,  0, 1, 0,  1, 0, 0,  0, 0, 1]
        #expect(RecurrentLoss.accuracy(outputs: outputs, oneHotTargets: targets, batchSize: 5) == 3.0 / 5)
    }
}
