import GradscopeGallery

/// The explorer's chain controls (`/api/curves`, `/api/view…`) read from a query. Their bias `-w/2` is
/// the page's S5 switch (b = −w/2 from layer 2 on, layer 1 `φ(w·x)`); `/api/chain` reads its own
/// `bias` and `first-bias` as `gradscope chain` does (``ChainQuery``).
extension ChainControls {
    static let parameterNames: Set<String> = ["activation", "weight", "bias", "at"]

    /// Reads `activation` (default tanh), `weight` (8), `bias` (0, or `-w/2`) and `at` (the page's 0.5).
    init(_ query: QueryReader) throws(APIError) {
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
                  bias: bias, input: try query.number("at", default: 0.5))
    }
}
