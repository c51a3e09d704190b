import GradscopeNumerics
/// The gradients of a chain's last output with respect to every layer's
/// weight and bias, for every x: `∂y_L/∂w_l` and `∂y_L/∂b_l`, row-major by
/// layer (`bias[(l − 1)·count + i]`), computed in reverse mode (see ``ChainTrace``).
public struct ChainParameterGradients<T: GradFloat>: Sendable {
    /// The number of inputs.
    public let count: Int
    /// `∂y_L/∂w_l` for l = 1…L.
    public let weight: [T]
    /// `∂y_L/∂b_l` for l = 1…L.
    public let bias: [T]
}

extension Chain {
    /// Back-propagates from the last layer over every x of a sweep of this chain.
    ///
    /// - Parameter sweep: the forward values, from ``sweep(over:)`` of the same chain.
    public func parameterGradients<T: GradFloat>(of sweep: ChainSweep<T>) -> ChainParameterGradients<T> {
        precondition(sweep.depth == depth, "The sweep is of a chain of another depth.")
        let n = sweep.count
        var weight = [T](repeating: 0, count: n * depth)
        var bias = [T](repeating: 0, count: n * depth)
        var upstream = [T](repeating: 1, count: n)
        let kernels = recurrences(in: T.self)
        for l in stride(from: depth - 1, through: 0, by: -1) {
            let kernel = kernels[l]
            let inputs = l == 0 ? sweep.xs[...] : sweep.outputs(atDepth: l)
            for (i, input) in zip(0..<n, inputs) {
                let gradient = kernel.backward(upstream[i], slope: kernel.forward(input).slope)
                bias[l * n + i] = gradient.preactivation
                weight[l * n + i] = gradient.preactivation * input
                upstream[i] = gradient.input
            }
        }
        return ChainParameterGradients(count: n, weight: weight, bias: bias)
    }
}
