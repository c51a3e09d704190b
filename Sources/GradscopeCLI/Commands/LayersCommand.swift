import ArgumentParser
import GradscopeCore
import GradscopeGallery

/// `gradscope layers`: per-layer statistics of random wide networks beside the mean-field prediction (``LayersExperiment``).
struct LayersCommand: ExperimentCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Per-layer statistics of random wide networks: variances, gradient norms, histograms, and the χ₁ prediction.",
        discussion: """
        Builds --seeds random networks of --depth layers of --width units (weights from --init, biases \
        N(0, σ_b²)), passes a batch of inputs x ~ N(0, I) forward and the loss L = v·x_L (v ~ N(0, I)) \
        backward, and prints per layer: the pre-activation variance beside the length map's q^l, the \
        activation variance, and ‖∂L/∂h_l‖ beside the prediction χ₁^((L−l)/2) (mean-field theory, \
        Schoenholz et al. 2017). The fitted growth per layer (ln‖∂L/∂h_l‖² against l, one fit per seed) \
        is compared with ln χ₁.

        Inits: gaussian (N(0, σ_w²/N), with --sigma-w2), xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], \
        he, he-fan-out, orthogonal[:GAIN|:auto]; ':auto' is PyTorch's gain (tanh 5/3, relu √2).

        CSV columns: layer, preactivation_mean, preactivation_variance, predicted_preactivation_variance, \
        activation_mean, activation_variance, gradient_norm, rms_gradient_norm, predicted_gradient_norm, \
        predicted_gradient_norm_by_layer, then for the histograms of the first network (activation_ and \
        gradient_): bucket_edges (31, ';'-separated), bucket_counts (30), outside, non_finite. The \
        buckets are 30 equal parts of [−r, r], r the 99.9th percentile of |value| over the drawn layers \
        (at most 10, evenly spaced); the JSON has the same under "histograms".

        Example: gradscope layers --width 200 --depth 40 --activation tanh --init gaussian --sigma-w2 1.5 --sigma-b2 0.05
        """
    )

    @Option(help: "Units per layer N (1…2000).")
    var width: Int = 200

    @Option(help: "Number of layers L (2…1000).")
    var depth: Int = 30

    @Option(help: "Activation φ: relu, leaky_relu, tanh, sigmoid, linear, softplus, elu, gelu, swish, sin.", transform: parseActivation)
    var activation: Activation = .tanh

    @Option(help: "Weight initialisation: gaussian, xavier[:GAIN|:auto], xavier-uniform[:GAIN|:auto], he, he-fan-out, orthogonal[:GAIN|:auto].")
    var `init`: String = "gaussian"

    @Option(name: .customLong("sigma-w2"), parsing: .unconditional, help: "σ_w² of --init gaussian: weights N(0, σ_w²/N).")
    var sigmaW2: Double?

    @Option(name: .customLong("sigma-b2"), parsing: .unconditional, help: "σ_b²: biases N(0, σ_b²).")
    var sigmaB2: Double = 0

    @Option(help: "Inputs per batch (1…1024).")
    var batch: Int = 16

    @Option(help: "Number of random networks (seeds seed, seed+1, …; 1…64), for the fit's standard error.")
    var seeds: Int = 4

    @Option(help: "The first seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the charts (.svg) or the table (.csv, .json) to this file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    var settings: LayersExperiment.Settings {
        LayersExperiment.Settings(width: width, depth: depth, activation: activation, initialization: self.`init`, sigmaW2: sigmaW2,
                                  sigmaB2: sigmaB2, batch: batch, seeds: seeds, seed: seed)
    }

    var terminalCharts: ReportOutput.TerminalCharts? { .init(maximumWidth: 110, height: 14) }

    typealias Lab = LayersExperiment
}
