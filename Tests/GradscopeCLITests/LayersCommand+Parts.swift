@testable import GradscopeCLI
@testable import GradscopeCore
@testable import GradscopeGallery

extension LayersCommand {
    // The experiment's parts, for tests that build them one by one.

    func initialization() throws -> Initializer {
        do { return try settings.initializer() } catch { throw CommandError(error) }
    }

    func growth() throws -> GradientGrowth {
        GradientGrowth(width: width, depth: depth, activation: activation, initialization: try initialization(),
                       sigmaB2: sigmaB2, batch: batch, seeds: seeds, seed: seed)
    }

    /// The report of `growth` and `pass` in `format` (text without the terminal charts).
    func render(_ growth: GradientGrowth, _ pass: WideNetworkPass, format: OutputFormat) throws -> String {
        let report = LayersExperiment.report(settings, growth: growth, pass: pass)
        switch format {
        case .json: return try report.json()
        case .csv: return report.table.csv
        case .text: return report.summary
        }
    }
}
