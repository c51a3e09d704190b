import GradscopeGallery

/// The explorer's chain controls are the Gallery's ``ChainControls``; this file reads them from a query.
typealias ChainSettings = ChainControls

extension ChainControls {
    static let parameterNames: Set<String> = ["activation", "weight", "bias", "at"]

    /// Reads `activation` (default tanh), `weight` (8), `bias` (0, or `-w/2`) and `at` (the page's 0.5 unless told).
    init(_ query: QueryReader, defaultInput: Double = 0.5) throws(APIError) {
        var bias = Bias.value(0)
        if let text = query.text("bias") {
            if let special = Bias.minusHalfWeight(in: text) {
                bias = special
            } else {
                do { bias = .value(try QueryReader.number(text, name: "bias")) } catch {
                    throw .outOfRange("bias", "a finite number between -1e6 and 1e6, or -w/2", got: text)
                }
            }
        }
        self.init(activation: try query.activation("activation", default: .tanh), weight: try query.number("weight", default: 8),
                  bias: bias, input: try query.number("at", default: defaultInput))
    }
}
