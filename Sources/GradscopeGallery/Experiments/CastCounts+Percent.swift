import Foundation
import GradscopeCore

extension CastCounts {
    /// The overflowed, flushed-to-zero and subnormal shares of the values cast, as the terminal tables
    /// of `train` and `autopsy` write them: percent to 0.1 ("12.3"), "<0.1" for a share below 0.05 %
    /// that is not 0, and "0".
    var percentCells: [String] {
        [overflowedFraction, flushedToZeroFraction, subnormalFraction].map { fraction in
            fraction == 0 ? "0" : fraction < 0.0005 ? "<0.1" : String(format: "%.1f", fraction * 100)
        }
    }
}
