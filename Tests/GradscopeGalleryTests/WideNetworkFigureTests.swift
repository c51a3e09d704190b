import Foundation
import Testing
@testable import GradscopeCore
@testable import GradscopeGallery

@Suite struct WideNetworkFigureTests {
    static let figures = Tour.wideNetworkFigures()

    @Test("The wide-network section has its five figures, each with charts, a table, data and a caption")
    func figures() {
        #expect(Self.figures.map(\.id) == Tour.wideNetworkFigureIDs)
        for f in Self.figures {
            #expect(!f.charts.isEmpty && !f.table.rows.isEmpty && !f.data.rows.isEmpty && !f.caption.isEmpty, "\(f.id)")
            #expect(f.svg.hasPrefix("<svg"))
        }
    }

    @Test("W1: the fitted growth agrees with ln χ₁ within 4 standard errors + 2/N for each network")
    func chi1() {
        let table = Self.figures[0].table
        for (fitted, (predicted, error)) in zip(table.numbers("fitted_growth"), zip(table.numbers("ln_chi1"), table.numbers("standard_error"))) {
            #expect(abs(fitted - predicted) < 4 * error + 2.0 / 128, "\(fitted) vs \(predicted) ± \(error)")
        }
    }

    @Test("W2: the critical σ_w² of tanh is 1 at σ_b² = 0 and relu's is 2; the caption quotes them")
    func phase() {
        let f = Self.figures[1]
        #expect(abs(f.table.numbers("critical_sigma_w2")[0] - 1) < 1e-6)
        #expect(abs(f.table.numbers("critical_sigma_w2").last! - 2) < 1e-9)
        #expect(f.caption.contains("1.0000 at σ_b² = 0"))
    }

    @Test("W3: Xavier makes tanh critical (χ₁ = 1) and He makes relu critical")
    func initialisations() {
        let t = Self.figures[2].table
        #expect(abs(t.numbers("chi1")[0] - 1) < 1e-9)
        #expect(abs(t.numbers("chi1")[4] - 1) < 1e-12)
    }

    @Test("W5: orthogonal tanh keeps more singular values near 1 than Gaussian tanh")
    func isometry() {
        let fractions = Self.figures[4].table.numbers("fraction_within_factor_2_of_1")
        #expect(fractions[1] > fractions[0])
    }
}
