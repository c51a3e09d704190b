import GradscopeNumerics

/// How one layer of an ``MLPNetwork`` pass is computed: forward `y_l = φ(W_l·y_{l−1} + b_l)` and
/// backward `∂L/∂W_l`, `∂L/∂b_l`, `∂L/∂y_{l−1}`. The checked pass hands every operation to the probe
/// (``MLPNetwork/CheckedPass``), the quiet one computes whole products (``MLPNetwork/QuietPass``);
/// ``MLPNetwork/run(_:_:data:lossScale:probe:)`` walks the layers, the loss and back the same way for both.
protocol MLPLayerPass {
    /// y_l and φ'(a_l) of layer l (both n × fanOut; the last layer's slope is not used) from
    /// `inputs` = y_{l−1} (n × fanIn) and the layer's group `p` (W_l row-major, then b_l); nil to give up.
    mutating func forward<T: GradFloat>(layer l: Int, _ p: [T], inputs: [T], of network: MLPNetwork, count n: Int,
                                        probe: inout OperationProbe) -> (y: [T], slope: [T])?

    /// Adds ∂L/∂W_l and ∂L/∂b_l to `gradient` (zeros on entry) from `upstream` = ∂L/∂y_l and
    /// `slopes` = φ'(a_l), and returns ∂L/∂y_{l−1} (unused for l = 1); nil to give up.
    mutating func backward<T: GradFloat>(layer l: Int, _ p: [T], inputs: [T], upstream: [T], slopes: [T], of network: MLPNetwork,
                                         count n: Int, gradient: inout [T], probe: inout OperationProbe) -> [T]?
}

extension MLPNetwork {
    /// One pass over the data: every layer forward, the mean squared error and its seeds (with
    /// the probe), every layer backward; nil when `pass` gave up on a layer.
    func run<P: MLPLayerPass, T: GradFloat>(_ pass: inout P, _ parameters: ParameterGroups<T>, data: RegressionData, lossScale: T,
                                           probe: inout OperationProbe) -> (loss: T, gradients: ParameterGroups<T>)? {
        let n = data.count
        // outputs[l]: y_l for every input, row i = input i (n × width_l); slopes[l − 1]: φ'(a_l).
        var outputs: [[T]] = [data.xs.map { T($0) }]
        var slopes: [[T]] = []
        for l in 1...depth {
            guard let (y, slope) = pass.forward(layer: l, parameters.values[l - 1], inputs: outputs[l - 1], of: self, count: n, probe: &probe) else {
                return nil
            }
            outputs.append(y)
            slopes.append(slope)
        }
        let (loss, seeds) = MeanSquaredError.lossAndSeeds(outputs: outputs[depth], targets: data.targets, lossScale: lossScale, probe: &probe)

        var gradients = ParameterGroups(repeating: T(0), like: parameters)
        var upstream = seeds  // ∂L/∂y_l, n × fanOut
        for l in stride(from: depth, through: 1, by: -1) {
            guard let next = pass.backward(layer: l, parameters.values[l - 1], inputs: outputs[l - 1], upstream: upstream, slopes: slopes[l - 1],
                                           of: self, count: n, gradient: &gradients.values[l - 1], probe: &probe) else { return nil }
            upstream = next
        }
        return (loss, gradients)
    }
}
