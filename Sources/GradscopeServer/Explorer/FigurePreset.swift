import GradscopeGallery

/// A figure of the post as explorer controls: the query that reproduces it, and the
/// tour's caption with its numbers.
struct FigurePreset: Codable, Equatable, Sendable {
    /// `s1-relu` … `s8-initial-state`, as in `gradscope tour --figure`.
    var id: String
    /// `S1` … `S8`.
    var system: String
    var title: String
    var explanation: String
    var caption: String
    /// The explorer's query parameters for this figure.
    var query: [String: String]
    /// What the controls show of the figure, when they cannot show all of it.
    var note: String?

    /// S1–S8. The RNN figures (S7, S8) become the single-unit chain they reduce to.
    static let all: [FigurePreset] = {
        let figures = Dictionary(uniqueKeysWithValues: Tour.seedFigures().map { ($0.id, $0) })
        let chain = ["weight": "8", "bias": "0", "depth": "3", "x": "-1:1", "points": "1001", "precision": "float64"]
        let settings: [(id: String, query: [String: String], note: String?)] = [
            ("s1-relu", chain.merging(["activation": "relu", "at": "0.5"]) { $1 }, nil),
            ("s2-tanh", chain.merging(["activation": "tanh", "at": "0"]) { $1 }, nil),
            ("s3-minefield", ["formula": "\\text{tanh}(5 \\times \\text{tanh}(40 \\times x-5) - 5 \\times \\text{tanh}(40 \\times x+0) + 5 \\times \\text{tanh}(40 \\times x+5))",
                              "depth": "1", "x": "-0.5:0.5", "points": "2001", "precision": "float64", "at": "0"], nil),
            ("s4-sigmoid", chain.merging(["activation": "sigmoid", "at": "0"]) { $1 }, nil),
            ("s5-sigmoid-bias", chain.merging(["activation": "sigmoid", "bias": "-w/2", "at": "0"]) { $1 }, nil),
            ("s6-product", chain.merging(["activation": "tanh", "depth": "50", "at": "0", "precision": "float32"]) { $1 },
             "50 tanh layers with w = 8 at x = 0: the per-layer chart shows the product 8^l reaching Float32's limit; the table gives each format's overflow depth."),
            ("s7-rnn-weight-0-7", chain.merging(["activation": "tanh", "weight": "0.7", "depth": "120", "at": "0.01"]) { $1 },
             "One tanh unit unrolled over 120 inputs with state weight 0.7 (h_0 = 0.01): the gradient through time vanishes as 0.7^T. The tour's figure also shows 4-unit networks."),
            ("s8-initial-state", chain.merging(["activation": "tanh", "x": "-3:3", "at": "1"]) { $1 },
             "x is the initial state h_0 of h_t = tanh(8·h_{t−1}) over 3 steps: |dy/dx| is the gradient through time; move w to 0.5 for the small-weight remedy."),
        ]
        return settings.map { s in
            let figure = figures[s.id]!
            return FigurePreset(id: s.id, system: figure.system?.rawValue ?? "", title: figure.title, explanation: figure.explanation,
                                caption: figure.caption, query: s.query, note: s.note)
        }
    }()
}
