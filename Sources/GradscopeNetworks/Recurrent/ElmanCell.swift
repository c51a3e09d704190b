import GradscopeNumerics
/// An Elman recurrent cell: a state of `hiddenSize` units updated once per input.
///
///     h_t = φ(W·h_{t−1} + U·x_t + c)        W: H × H,  U: H × I,  c: H
///
/// An RNN unrolled over T inputs is a T-layer network whose layers share W, so its
/// gradient through time is the product of T Jacobians `diag(φ'(a_t))·W`
/// (see ``stateJacobians(from:inputs:)``); Pascanu, Mikolov & Bengio 2013 bound it
/// with W's largest singular value (``PascanuConditions``). φ is tanh, sigmoid, relu
/// or linear. A single unit is a 1 × 1 cell (``init(activation:weight:inputWeight:bias:)``).
///
/// Batches are contiguous row-major `batch × hidden` buffers, one row per sequence.
/// NaN and ±Inf propagate (IEEE arithmetic; φ as ``Activation`` documents).
///
/// ```swift
/// let cell = ElmanCell<Double>(activation: .tanh, weight: 0.7)
/// let h1 = cell([], state: [0.5])          // [tanh(0.35)]
/// ```
///
/// Reference: [Pascanu, Mikolov & Bengio 2013](https://arxiv.org/abs/1211.5063);
/// J. L. Elman, "Finding structure in time", Cognitive Science 14 (1990).
public struct ElmanCell<T: GradFloat>: Hashable, Sendable {
    /// φ: tanh, sigmoid, relu or linear.
    public let activation: Activation
    /// W, `hiddenSize × hiddenSize`.
    public var recurrentWeights: Matrix<T>
    /// U, `hiddenSize × inputSize`.
    public var inputWeights: Matrix<T>
    /// c, `hiddenSize` values.
    public var bias: [T]

    public var hiddenSize: Int { bias.count }
    public var inputSize: Int { inputWeights.columns }

    public init(activation: Activation, recurrentWeights: Matrix<T>, inputWeights: Matrix<T>, bias: [T]) {
        precondition(Activation.recurrentCases.contains(activation), "An Elman cell takes tanh, sigmoid, relu or linear, not \(activation).")
        precondition(recurrentWeights.rows == bias.count && recurrentWeights.columns == bias.count,
                     "W must be \(bias.count)×\(bias.count), got \(recurrentWeights.rows)×\(recurrentWeights.columns).")
        precondition(inputWeights.rows == bias.count, "U must have \(bias.count) rows, got \(inputWeights.rows).")
        self.activation = activation
        self.recurrentWeights = recurrentWeights
        self.inputWeights = inputWeights
        self.bias = bias
    }

    /// A single unit `h_t = φ(w·h_{t−1} + u·x_t + c)`; with `inputWeight` nil it takes no input.
    public init(activation: Activation, weight: T, inputWeight: T? = nil, bias: T = 0) {
        self.init(activation: activation, recurrentWeights: Matrix(rows: 1, columns: 1, elements: [weight]),
                  inputWeights: Matrix(rows: 1, columns: inputWeight == nil ? 0 : 1, elements: inputWeight.map { [$0] } ?? []),
                  bias: [bias])
    }

    /// `batchSize` states of zeros (`batchSize × hiddenSize`).
    public func zeroState(batchSize: Int = 1) -> [T] { [T](repeating: 0, count: batchSize * hiddenSize) }

    /// One step for one sequence: `φ(W·h + U·x + c)`.
    public func callAsFunction(_ input: [T], state: [T]) -> [T] {
        step(input, state: state).state
    }

    /// One step for a batch: `inputs` is `batchSize × inputSize`, `state` is `batchSize × hiddenSize`, both row-major.
    public func callAsFunction(_ inputs: [T], state: [T], batchSize: Int) -> [T] {
        precondition(inputs.count == batchSize * inputSize && state.count == batchSize * hiddenSize,
                     "A batch of \(batchSize) needs \(batchSize * inputSize) inputs and \(batchSize * hiddenSize) state values.")
        let h = hiddenSize
        var pre = [T](repeating: 0, count: batchSize * h), out = pre, slope = pre
        for b in 0..<batchSize { for i in 0..<h { pre[b * h + i] = bias[i] } }
        inputs.withUnsafeBufferPointer { x in
            state.withUnsafeBufferPointer { s in
                inputWeights.elements.withUnsafeBufferPointer { u in
                    recurrentWeights.elements.withUnsafeBufferPointer { w in
                        pre.withUnsafeMutableBufferPointer { a in
                            if inputSize > 0 {
                                MatrixProduct.gemm(.none, .transposed, m: batchSize, n: h, k: inputSize, alpha: 1, x.baseAddress!, lda: inputSize,
                                                   u.baseAddress!, ldb: inputSize, beta: 1, a.baseAddress!, ldc: h)
                            }
                            MatrixProduct.gemm(.none, .transposed, m: batchSize, n: h, k: h, alpha: 1, s.baseAddress!, lda: h,
                                               w.baseAddress!, ldb: h, beta: 1, a.baseAddress!, ldc: h)
                        }
                    }
                }
            }
        }
        pre.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { y in
                slope.withUnsafeMutableBufferPointer { d in
                    activation.apply(to: a.baseAddress!, value: y.baseAddress!, slope: d.baseAddress!, count: a.count)
                }
            }
        }
        return out
    }

    /// One step for one sequence, with the slopes φ'(a): `a = W·h + U·x + c` summed left to right in `T`.
    public func step(_ input: [T], state: [T]) -> (state: [T], slopes: [T]) {
        precondition(input.count == inputSize && state.count == hiddenSize,
                     "A step needs \(inputSize) inputs and \(hiddenSize) state values.")
        var next = [T](), slopes = [T]()
        next.reserveCapacity(hiddenSize)
        slopes.reserveCapacity(hiddenSize)
        for i in 0..<hiddenSize {
            var a: T = 0
            for j in 0..<hiddenSize { a += recurrentWeights[i, j] * state[j] }
            for j in 0..<inputSize { a += inputWeights[i, j] * input[j] }
            a += bias[i]
            let (v, d) = activation.valueAndDerivative(at: a)
            next.append(v)
            slopes.append(d)
        }
        return (next, slopes)
    }

    /// The same cell in another precision, each parameter rounded once.
    public func converted<U: GradFloat>(to type: U.Type = U.self) -> ElmanCell<U> {
        ElmanCell<U>(activation: activation, recurrentWeights: recurrentWeights.converted(), inputWeights: inputWeights.converted(),
                     bias: bias.map { U($0) })
    }
}
