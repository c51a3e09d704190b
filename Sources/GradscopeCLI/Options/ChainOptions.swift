import ArgumentParser
import GradscopeCore

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

    @Option(parsing: .unconditional, help: "Bias b of every layer.")
    var bias: Double = 0

    @Option(name: .customLong("first-weight"), parsing: .unconditional, help: "A different weight for layer 1.")
    var firstWeight: Double?

    @Option(name: .customLong("first-bias"), parsing: .unconditional,
            help: "A different bias for layer 1 (the post's S5: --bias -4 --first-bias 0).")
    var firstBias: Double?

    @Option(name: .customLong("at"), parsing: .unconditional, help: "The input x.")
    var input: Double = 0

    func validate() throws {
        for (name, value) in [("--weight", weight), ("--bias", bias), ("--at", input), ("--first-weight", firstWeight ?? 0), ("--first-bias", firstBias ?? 0)]
        where !value.isFinite {
            throw CommandError("\(name) must be a finite number, got \(value).")
        }
    }

    var layer: ChainLayer { ChainLayer(activation: activation, weight: weight, bias: bias) }

    var firstLayer: ChainLayer? {
        guard firstWeight != nil || firstBias != nil else { return nil }
        return ChainLayer(activation: activation, weight: firstWeight ?? weight, bias: firstBias ?? bias)
    }

    func chain(depth: Int) -> Chain {
        Chain(activation: activation, weight: weight, bias: bias, depth: depth, firstLayer: firstLayer)
    }

    /// "tanh, w = 8, b = 0, x = 0.5"
    var summary: String {
        var parts = ["\(activation)", "w = \(NumberText.short(weight))", "b = \(NumberText.short(bias))"]
        if let firstLayer { parts.append("layer 1: w = \(NumberText.short(firstLayer.weight)), b = \(NumberText.short(firstLayer.bias))") }
        parts.append("x = \(NumberText.short(input))")
        return parts.joined(separator: ", ")
    }
}
