import ArgumentParser
import GradscopeGallery

/// Parses `--activation`, refusing an unknown name with one line and a suggestion.
func parseActivation(_ text: String) throws -> SettingsVocabulary.ActivationFunction {
    guard let activation = SettingsVocabulary.ActivationFunction(named: text) else {
        throw CommandError(SettingsVocabulary.ActivationFunction.unknownNameMessage(text))
    }
    return activation
}

/// The single-unit chain every layer of which is `φ(w·y + b)`, with an optional different first layer.
/// The flags are `/api/chain`'s query parameters with dashes; what they mean is ``ChainExperiment/Settings``'.
struct ChainOptions: ParsableArguments {
    @Option(help: "Activation φ: relu, leaky_relu, tanh, sigmoid (sig), linear, softplus, elu, gelu, swish (silu), sin.",
            transform: parseActivation)
    var activation: SettingsVocabulary.ActivationFunction = .tanh

    @Option(parsing: .unconditional, help: "Weight w of every layer.")
    var weight: Double = 8

    @Option(name: .customLong("bias"), parsing: .unconditional,
            help: "Bias b of every layer: a number, or an expression in w such as -w/2 (layer 1's too unless --first-bias is given).")
    var biasText: String = "0"

    @Option(name: .customLong("first-weight"), parsing: .unconditional, help: "A different weight for layer 1.")
    var firstWeight: Double?

    @Option(name: .customLong("first-bias"), parsing: .unconditional,
            help: "A different bias for layer 1 (the post's S5: --bias -w/2 --first-bias 0).")
    var firstBias: Double?

    @Option(name: .customLong("at"), parsing: .unconditional, help: "The input x.")
    var input: Double = 0

    /// The Gallery's settings of this chain (the same type `/api/chain` reads its query into), with
    /// `--bias` read by ``ChainExperiment/Settings/bias(from:weight:)`` (NaN until ``validate()`` has accepted it).
    func settings(depth: Int = 1) -> ChainExperiment.Settings {
        ChainExperiment.Settings(activation: activation, weight: weight,
                                 bias: (try? ChainExperiment.Settings.bias(from: biasText, weight: weight)) ?? .nan,
                                 firstWeight: firstWeight, firstBias: firstBias, at: input, depth: depth)
    }

    func validate() throws {
        do {
            _ = try ChainExperiment.Settings.bias(from: biasText, weight: weight)
            try settings().validate()
        } catch {
            throw CommandError(error)
        }
    }
}
