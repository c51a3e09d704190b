import ArgumentParser
import GradscopeCore

/// The network `gradscope autopsy` trains.
enum TrainingModel: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// A single-unit chain y_l = φ(w_l·y_{l−1} + b_l).
    case chain
    /// A formula with named parameters.
    case formula
    /// A fully connected network of `--width` units per hidden layer.
    case mlp
}

/// `--model`, its shape and starting parameters.
struct TrainingModelOptions: ParsableArguments {
    @Option(help: "The network: chain (one unit per layer), formula (named parameters) or mlp (width units per layer).")
    var model: TrainingModel = .chain

    @Option(help: "Activation φ of the chain or the MLP's hidden layers.", transform: parseActivation)
    var activation: Activation = .tanh

    @Option(parsing: .unconditional, help: "Starting weight w of every chain layer; for an MLP σ_w of N(0, σ_w²/fan_in).")
    var weight: Double = 8

    @Option(parsing: .unconditional, help: "Starting bias b of every layer.")
    var bias: Double = 0

    @Option(help: "Number of layers L (chain: 1…10000, mlp: 2…1000).")
    var depth: Int = 50

    @Option(help: "Units per hidden layer of the MLP (1…256).")
    var width: Int = 8

    @Option(name: .customLong("init"), help: "Initialise the MLP's weights with this instead: \(Initializer.namesHelp).",
            transform: parseInitializer)
    var initOption: Initializer?

    /// `--initializer`, the earlier spelling of `--init`, still accepted.
    @Option(name: .customLong("initializer"), help: .hidden, transform: parseInitializer)
    var initializerOption: Initializer?

    /// The initialiser given with `--init` (or `--initializer`).
    var initializer: Initializer? { initOption ?? initializerOption }

    @Option(help: "The formula network, e.g. 'tanh(w*tanh(w*x + b))' (with --model formula).")
    var formula: String?

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue, help: "Starting value of a formula parameter, NAME=VALUE (repeatable).")
    var parameters: [String] = []

    func validate() throws {
        if initOption != nil, initializerOption != nil {
            throw CommandError("Give --init once (--initializer is its earlier name).")
        }
        for (name, value) in [("--weight", weight), ("--bias", bias)] where !value.isFinite {
            throw CommandError("\(name) must be a finite number, got \(value).")
        }
        switch model {
        case .chain:
            guard (1...10_000).contains(depth) else { throw CommandError("--depth must be between 1 and 10000 for a chain, got \(depth).") }
        case .mlp:
            guard (2...1_000).contains(depth) else { throw CommandError("--depth must be between 2 and 1000 for an MLP, got \(depth).") }
            guard (1...256).contains(width) else { throw CommandError("--width must be between 1 and 256, got \(width).") }
        case .formula:
            guard formula != nil else { throw CommandError("--model formula needs --formula, e.g. --formula 'tanh(w*x + b)' --param w=8 --param b=0.") }
        }
        _ = try parameterValues()
        _ = try network()
    }

    /// `--param` values by name.
    func parameterValues() throws -> [String: Double] {
        var values: [String: Double] = [:]
        for text in parameters {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), value.isFinite else {
                throw CommandError("--param '\(text)' must be NAME=VALUE with a finite number, e.g. --param w=8.")
            }
            values[parts[0]] = value
        }
        return values
    }

    /// The network to train.
    func network() throws -> any TrainableNetwork {
        switch model {
        case .chain:
            return ChainNetwork(chain: Chain(activation: activation, weight: weight, bias: bias, depth: depth))
        case .mlp:
            return MLPNetwork(width: width, depth: depth, activation: activation, weightScale: weight, bias: bias, initializer: initializer)
        case .formula:
            do {
                return try FormulaNetwork(formula: Formula(parsing: formula ?? ""), initialValues: parameterValues())
            } catch let error as FormulaError {
                throw CommandError("--formula: \(error.commandLineSentence)")
            }
        }
    }

    /// The activation remedies may replace (nil for a formula).
    var replaceableActivation: Activation? { model == .formula ? nil : activation }
}

/// Parses `--init`, refusing an unknown name with the known ones.
func parseInitializer(_ text: String) throws -> Initializer {
    guard let initializer = Initializer(named: text) else {
        throw CommandError("Unknown initialiser '\(text)'. Known: \(Initializer.namesHelp).")
    }
    return initializer
}
