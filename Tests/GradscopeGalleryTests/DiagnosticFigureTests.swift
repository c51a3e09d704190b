import Foundation
import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

@Suite struct DiagnosticFigureTests {
    static let figure = Tour.diagnosticFigures()[0]

    @Test("The autopsy figure names the first Inf: step 1, backward, layer 6, the product of 45 factors of 8")
    func firstInfinity() {
        #expect(Self.figure.caption.contains("step 1, backward, layer 6"))
        #expect(Self.figure.caption.contains("the product of 45 factors"))
        // Independently: in a 50-layer chain, ∂L/∂y_5 carries the factors of layers 6…50, each 8 at x = 0;
        // 8^45 = 2^135 exceeds Float32's largest finite 3.4028e38 ≈ 2^128, while 8^42 = 2^126 does not.
        #expect(50 - 6 + 1 == 45)
        #expect(Double.pow(8, 45) > Double(Float.greatestFiniteMagnitude))
    }

    @Test("The first NaN is -inf × 0, and scaled initialisations stay finite where clipping does not")
    func remedies() {
        #expect(Self.figure.caption.contains("-inf × 0"))
        let table = Self.figure.table
        let finite = Dictionary(uniqueKeysWithValues: table.rows.map { row -> (String, String) in
            guard case .text(let remedy) = row[0], case .text(let stayed) = row[3] else { return ("", "") }
            return (remedy, stayed)
        })
        #expect(finite["none"] == "no")
        #expect(finite["clip-norm=1"] == "no")
        #expect(finite["init=orthogonal"] == "yes")
        #expect(Self.figure.id == Tour.diagnosticFigureIDs[0])
    }
}

@Suite struct FigureIdentityTests {
    @Test("The published diagnostic and recurrent ids are the figures' ids")
    func ids() {
        #expect(Tour.diagnosticFigures().map(\.id) == Tour.diagnosticFigureIDs)
        #expect(RecurrentFigureTests.figures.map(\.id) == Tour.recurrentFigureIDs)
        #expect(CliffFigureTests.figure.id == "cliff")
        #expect(Tour.sections.map(\.figureIDs) == [Tour.seedFigureIDs, Tour.diagnosticFigureIDs, EightBitsFigure.figureIDs,
                                                    ["cliff"] + Tour.recurrentFigureIDs, Tour.wideNetworkFigureIDs, ["claims"]])
        #expect(Set(Tour.figureIDs).count == Tour.figureIDs.count, "ids are unique")
    }
}
