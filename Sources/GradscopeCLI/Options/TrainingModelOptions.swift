import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `--model`, its shape and starting parameters: the flags of ``AutopsyExperiment/NetworkSettings``.
struct TrainingModelOptions: ParsableArguments {
    @Option(help: "The network: chain (one unit per layer), formula (named parameters) or mlp (width units per layer).")
    var model: AutopsyExperiment.NetworkSettings.Model = .chain

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

    @Option(help: "The formula network, e.g. 'tanh(w*tanh(w*x + b))' (with --model formula).")
    var formula: String?

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue, help: "Starting value of a formula parameter, NAME=VALUE (repeatable).")
    var parameters: [String] = []

    func validate() throws {
        if initOption != nil, initializerOption != nil {
            throw CommandError("Give --init once (--initializer is its earlier name).")
        }
        _ = try network()
    }

    var settings: AutopsyExperiment.NetworkSettings {
        get throws {
            var settings = AutopsyExperiment.NetworkSettings()
            (settings.model, settings.activation, settings.weight, settings.bias) = (model, activation, weight, bias)
            (settings.depth, settings.width, settings.initializer, settings.formula) = (depth, width, initOption ?? initializerOption, formula)
            do { settings.parameters = try PlotExperiment.Settings.parameters(from: parameters) } catch { throw CommandError(error) }
            return settings
        }
    }

    /// The network to train.
    func network() throws -> any TrainableNetwork {
        let settings = try settings
        do { return try settings.network() } catch { throw CommandError(error) }
    }
}

/// Parses `--init`, refusing an unknown name with the known ones.
func parseInitializer(_ text: String) throws -> Initializer {
    do { return try AutopsyExperiment.NetworkSettings.initializer(named: text) } catch { throw CommandError(error) }
}

extension AutopsyExperiment.NetworkSettings.Model: ExpressibleByArgument {}
