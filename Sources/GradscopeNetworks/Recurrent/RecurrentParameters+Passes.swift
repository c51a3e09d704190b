import GradscopeNumerics
/// The parts of the fast forward and backward passes that every recurrent network here runs the
/// same way on its ``RecurrentParameters`` (the cell's own recurrence stays with the network):
///
///     P = X·Uᵀ + b₀                                   (every time step at once; P is (T·B) × G·H)
///     y = V·h_T + d,  L = loss(y),  seed = ∂L/∂y,  ∂L/∂V, ∂L/∂d, ∂L/∂h_T      (``RecurrentReadout``)
///     ∂L/∂W = Σ_t Rᵀ_t·h_{t−1},  ∂L/∂U = Σ_t Aᵀ_t·x_t,  ∂L/∂b₀ = Σ A,  ∂L/∂b₁ = Σ R
///
/// where R is the gradient at the recurrent product's output and A at the input product's (the
/// same buffer for Elman and LSTM, ∂L/∂c and ∂L/∂a for the GRU). Each product is a BLAS GEMM whose
/// operands the workspace may cast (FP8 training); each sum runs over rows in order. NaN and ±Inf propagate.
extension RecurrentParameters {
    /// Writes `X·Uᵀ + b₀` for every time step and sequence (`steps·n` rows of `G·H`) to `projection`;
    /// zeros plus b₀ when the network takes no inputs. `operand` names U for the workspace's cast.
    func projectInputs(of batch: SequenceBatch<T>, into projection: UnsafeMutablePointer<T>, operand: ProductOperand,
                       workspace ws: RecurrentWorkspace<T>) {
        let rows = batch.length * batch.batchSize, i = inputSize, width = values[2].count
        batch.inputs.withUnsafeBufferPointer { x in
            values[1].withUnsafeBufferPointer { u in
                if i > 0 {
                    let xCast = ws.operand(.inputs, x.baseAddress!, rows: rows, columns: i, reducing: .columns)
                    let uCast = ws.operand(operand, u.baseAddress!, rows: width, columns: i, reducing: .columns)
                    MatrixProduct.gemm(.none, .transposed, m: rows, n: width, k: i, alpha: 1, xCast, lda: i, uCast, ldb: i, beta: 0, projection, ldc: width)
                } else {
                    projection.update(repeating: 0, count: rows * width)
                }
            }
        }
        values[2].withUnsafeBufferPointer { b in
            for r in 0..<rows {
                let row = projection + r * width
                for k in 0..<width { row[k] += b[k] }
            }
        }
    }

    /// The recurrent weights' operand (W, Wh) for the workspace's cast.
    var recurrentOperand: ProductOperand { ProductOperand(names[0], .weights) }
    /// The input weights' operand (U, Wx) for the workspace's cast.
    var inputOperand: ProductOperand { ProductOperand(names[1], .weights) }

    /// Adds `h_{t−1}·Wᵀ` (n × G·H) to `target` at time step t: the recurrent product of the forward
    /// pass; `states` holds h_0…h_T (`(steps + 1)·n` rows of H).
    func addRecurrentProduct(states: UnsafeMutablePointer<T>, step t: Int, steps: Int, batch n: Int, to target: UnsafeMutablePointer<T>,
                             workspace ws: RecurrentWorkspace<T>) {
        let h = hiddenSize, width = values[2].count
        values[0].withUnsafeBufferPointer { w in
            let hPrev = ws.operand(.states, states + (t - 1) * n * h, firstRow: (t - 1) * n, rows: n, of: (steps + 1) * n, columns: h, reducing: .columns)
            let wCast = ws.operand(recurrentOperand, w.baseAddress!, rows: width, columns: h, reducing: .columns)
            MatrixProduct.gemm(.none, .transposed, m: n, n: width, k: h, alpha: 1, hPrev, lda: h, wCast, ldb: h, beta: 1, target, ldc: width)
        }
    }

    /// The recurrent product of the backward pass at time step t: `∂L/∂h_{t−1} = R_t·W` written to
    /// `stateGradient` (n × H), or added to it with `adding` (the GRU's direct path ∂h_t ⊙ z is
    /// already there). `gradient` points at R_t (n rows of G·H out of `steps·n`), named `operand`
    /// for the cast. Returns ‖∂L/∂h_{t−1}‖.
    func backRecurrentProduct(_ gradient: UnsafeMutablePointer<T>, _ operand: ProductOperand, step t: Int, steps: Int, batch n: Int,
                              adding: Bool = false, into dh: UnsafeMutablePointer<T>, workspace ws: RecurrentWorkspace<T>) -> Double {
        let h = hiddenSize, width = values[2].count
        values[0].withUnsafeBufferPointer { w in
            let gradientCast = ws.operand(operand, gradient, firstRow: (t - 1) * n, rows: n, of: steps * n, columns: width, reducing: .columns)
            let wCast = ws.operand(recurrentOperand, w.baseAddress!, rows: width, columns: h, reducing: .rows)
            MatrixProduct.gemm(.none, .none, m: n, n: h, k: width, alpha: 1, gradientCast, lda: width, wCast, ldb: h, beta: adding ? 1 : 0, dh, ldc: h)
        }
        return Self.norm(dh, count: n * h)
    }

    /// Writes `y = V·h_T + d` (n × O) to `out`; `states` holds h_0…h_T (`(steps + 1)·n` rows of H).
    func readout(states: UnsafeMutablePointer<T>, steps: Int, batch n: Int, into out: UnsafeMutablePointer<T>, workspace ws: RecurrentWorkspace<T>) {
        RecurrentReadout.forward(weights: readoutWeights, bias: readoutBias, last: states + steps * n * hiddenSize, lastRow: steps * n,
                                 stateRows: (steps + 1) * n, batch: n, into: out, workspace: ws)
    }

    /// The first step of backpropagation through time: the loss of the outputs `out`, its seed
    /// ∂L/∂y (times the workspace's loss scale) in `seed`, ∂L/∂V and ∂L/∂d, and ∂L/∂h_T in
    /// `stateGradient`, whose norm is the last of `norms` (t = 0…T, the others still 0).
    func readoutBackward(loss: RecurrentLoss, batch: SequenceBatch<T>, normalizer: Int, outputs out: UnsafeMutablePointer<T>,
                         states: UnsafeMutablePointer<T>, seed: UnsafeMutablePointer<T>, stateGradient dh: UnsafeMutablePointer<T>,
                         workspace ws: RecurrentWorkspace<T>) -> (loss: T, readout: [[T]], norms: [Double]) {
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, o = outputSize
        let lossValue = batch.targets.withUnsafeBufferPointer { t in
            loss.evaluate(outputs: out, targets: t.baseAddress!, batchSize: n, outputSize: o, normalizer: normalizer, seed: seed, scale: ws.lossScale)
        }
        var gV = [T](repeating: 0, count: o * h), gd = [T](repeating: 0, count: o)
        var norms = [Double](repeating: 0, count: steps + 1)
        RecurrentReadout.backward(weights: readoutWeights, seed: seed, last: states + steps * n * h, lastRow: steps * n, stateRows: (steps + 1) * n,
                                  batch: n, gV: &gV, gd: &gd, stateGradient: dh, workspace: ws)
        norms[steps] = Self.norm(dh, count: n * h)
        return (lossValue, [gV, gd], norms)
    }

    /// ‖∂L/∂h_t‖ of one time step's `count` values, the squares summed in Double in order.
    static func norm(_ p: UnsafeMutablePointer<T>, count: Int) -> Double {
        var s = 0.0
        for k in 0..<count { s += Double(p[k]) * Double(p[k]) }
        return s.squareRoot()
    }

    /// The last step of backpropagation through time: the gradients of the recurrent weights, the
    /// input weights and every bias, in group order, from the gradients at the two products'
    /// outputs for every time step (`steps·n` rows of G·H each): `recurrent` (R, named
    /// `recurrentOperand` for the cast) and `input` (A; pass the same buffer and operand when they
    /// are one, as Elman's and the LSTM's are, and it is cast once). b₀ sums A, b₁ sums R.
    /// Returns them with the readout's (``readoutBackward(loss:batch:normalizer:outputs:states:seed:stateGradient:workspace:)``),
    /// the loss, the state-gradient norms and the outputs `out`.
    func gradients(loss: T, readout: [[T]], norms: [Double], outputs out: UnsafeMutablePointer<T>,
                   recurrent: UnsafeMutablePointer<T>, _ recurrentOperand: ProductOperand, input: UnsafeMutablePointer<T>,
                   _ inputOperand: ProductOperand, states: UnsafeMutablePointer<T>, batch: SequenceBatch<T>,
                   workspace ws: RecurrentWorkspace<T>) -> RecurrentGradients<T> {
        let cell = cellGradients(recurrent: recurrent, recurrentOperand, input: input, inputOperand, states: states, batch: batch, workspace: ws)
        return RecurrentGradients(loss: loss, gradients: ParameterGroups(names: names, values: cell + readout), stateGradientNorms: norms,
                                  outputs: Array(UnsafeBufferPointer(start: out, count: batch.batchSize * outputSize)))
    }

    private func cellGradients(recurrent: UnsafeMutablePointer<T>, _ recurrentOperand: ProductOperand, input: UnsafeMutablePointer<T>,
                               _ inputOperand: ProductOperand, states: UnsafeMutablePointer<T>, batch: SequenceBatch<T>,
                               workspace ws: RecurrentWorkspace<T>) -> [[T]] {
        let rows = batch.length * batch.batchSize, h = hiddenSize, i = inputSize, width = values[2].count
        var gW = [T](repeating: 0, count: width * h), gU = [T](repeating: 0, count: width * i)
        let recurrentCast = ws.operand(recurrentOperand, recurrent, rows: rows, columns: width, reducing: .rows)
        gW.withUnsafeMutableBufferPointer { g in
            let statesCast = ws.operand(.states, states, rows: rows, of: rows + batch.batchSize, columns: h, reducing: .rows)
            MatrixProduct.gemm(.transposed, .none, m: width, n: h, k: rows, alpha: 1, recurrentCast, lda: width, statesCast, ldb: h,
                               beta: 0, g.baseAddress!, ldc: h)
        }
        if i > 0 {
            gU.withUnsafeMutableBufferPointer { g in
                batch.inputs.withUnsafeBufferPointer { x in
                    let inputCast = input == recurrent && inputOperand == recurrentOperand
                        ? recurrentCast : ws.operand(inputOperand, input, rows: rows, columns: width, reducing: .rows)
                    let xCast = ws.operand(.inputs, x.baseAddress!, rows: rows, columns: i, reducing: .rows)
                    MatrixProduct.gemm(.transposed, .none, m: width, n: i, k: rows, alpha: 1, inputCast, lda: width, xCast, ldb: i,
                                       beta: 0, g.baseAddress!, ldc: i)
                }
            }
        }
        var gradients = [gW, gU]
        for k in 0..<biasCount {
            var gb = [T](repeating: 0, count: width)
            let source = k == 0 ? input : recurrent
            gb.withUnsafeMutableBufferPointer { g in
                for r in 0..<rows {
                    let row = source + r * width
                    for c in 0..<width { g[c] += row[c] }
                }
            }
            gradients.append(gb)
        }
        return gradients
    }
}
