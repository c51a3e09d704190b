import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// Parses `--activation`, refusing an unknown name with one line and a suggestion.
func parseActivation(_ text: String) throws -> Activation {
    guard let activation = Activation(named: text) else { throw CommandError(Activation.unknownNameMessage(text)) }
    return activation
}

/// The single-unit chain every layer of which is `φ(w·y + b)`, with an optional different first layer.
struct ChainOptions: ParsableArguments {
    @Option(help: "Activation φ: relu, leaky_relu, tanh, sigmoid (sig), linear, softplus, elu, gelu, swish (silu), sin.",
            transform: parseActivation)
    var activation: Activation = .tanh

    @Option(parsing: .unconditional, help: "Weight w of every layer.")
    var weight: Double = 8

    @Option(name: .customLong("bias"), parsing: .unconditional,
            help: "Bias b of every layer: a number, or an expression in w such as -w/2 (as the explorer's bias=-w/2).")
    var biasText: String = "0"

    /// `--bias` as a number (NaN until ``validate()`` has accepted the text).
    var bias: Double { (try? ChainOptions.number(biasText, weight: weight)) ?? .nan }

    /// `-4`, or an expression in w such as `-w/2`, evaluated at the given weight.
    /// - Throws: ``CommandError`` for a text that is neither, or uses x or another name.
    static func number(_ text: String, weight: Double, option: String = "--bias") throws -> Double {
        if let value = Double(text) { return value }
        do {
            let formula = try Formula(parsing: text)
            if let other = formula.parameters.first(where: { $0 != "w" }) {
                throw CommandError("\(option) '\(text)' may use only w, not '\(other)'. Write a number or an expression in w such as -w/2.")
            }
            let values = try formula.evaluate(at: [0.0, 1.0], parameters: formula.parameters.isEmpty ? [:] : ["w": weight]).y
            guard values[0] == values[1] || (values[0].isNaN && values[1].isNaN) else {
                throw CommandError("\(option) '\(text)' may not use x. Write a number or an expression in w such as -w/2.")
            }
            return values[0]
        } catch let error as FormulaError {
            throw CommandError("\(option) '\(text)': \(error.message)")
        }
    }

    @Option(name: .customLong("first-weight"), parsing: .unconditional, help: "A different weight for layer 1.")
    var firstWeight: Double?

    @Option(name: .customLong("first-bias"), parsing: .unconditional,
            help: "A different bias for layer 1 (the post's S5: --bias -4 --first-bias 0).")
    var firstBias: Double?

    @Option(name: .customLong("at"), parsing: .unconditional, help: "The input x.")
    var input: Double = 0

    /// The Gallery's settings of this chain (the same type `/api/chain` reads its query into).
    func settings(depth: Int = 1, precision: Precision = .float64) -> ChainExperiment.Settings {
        ChainExperiment.Settings(activation: activation, weight: weight, bias: bias, firstWeight: firstWeight,
                                 firstBias: firstBias, at: input, depth: depth, precision: precision)
    }

    func validate() throws {
        _ = try ChainOptions.number(biasText, weight: weight)
        do { try settings().validate() } catch { throw CommandError(error) }
    }

    var layer: ChainLayer { settings().layer }

    var firstLayer: ChainLayer? { settings().firstLayer }

    /// "tanh, w = 8, b = 0, x = 0.5"
    var summary: String { settings().summary }
}
