import GradscopeNumerics
import RealModule

/// The scalar operations shared by the operation-by-operation replays of a recurrent training
/// step (``ElmanNetwork``, ``LSTMNetwork``, ``GRUNetwork``): each result is computed in `T`
/// exactly as written and passed to an ``OperationProbe`` only when it is not finite (or a
/// product underflowed), so a replay costs one `isFinite` test per operation until the first
/// Inf and NaN are found.
///
/// The replay's sums run left to right; the fast path's BLAS products may add in another
/// order, so a sum that lands exactly on the format's edge may differ in its last bit.
enum RecurrentReplay<T: GradFloat> {
    /// Passes a non-finite result to the probe only while the probe has not yet recorded one of
    /// its kind (building a site costs strings; after the first NaN most results are NaN).
    static func note(_ probe: inout OperationProbe, _ result: T, _ site: @autoclosure () -> OperationSite) {
        if result.isFinite || (result.isNaN ? probe.firstNaN != nil : probe.firstInfinity != nil) { return }
        probe.check(result, site())
    }

    /// Like ``note(_:_:_:)`` for a product `a·b`, also recording the first underflow to 0.
    static func noteProduct(_ probe: inout OperationProbe, _ result: T, _ a: T, _ b: T, _ site: @autoclosure () -> OperationSite) {
        if (result.isFinite && (result != 0 || probe.firstUnderflow != nil)) || (result.isNaN ? probe.firstNaN != nil : probe.firstInfinity != nil && !result.isFinite) { return }
        probe.checkProduct(result, a, b, site())
    }

    /// `a·b`, checked, with the operands named.
    static func multiply(_ a: T, _ b: T, names: @autoclosure () -> (String, String), label: @autoclosure () -> String, pass: TrainingPass,
                         timeStep: Int?, sample: Int?, probe: inout OperationProbe) -> T {
        let result = a * b
        noteProduct(&probe, result, a, b, OperationSite(pass, layer: timeStep, label(), kind: .multiply,
                                                         operands: [Operand(names().0, Double(a), parameter: parameterName(names().0)),
                                                                    Operand(names().1, Double(b), parameter: parameterName(names().1))], sample: sample))
        return result
    }

    /// `a + b` (or `a − b` with `subtract`), checked, with the operands named.
    static func add(_ a: T, _ b: T, names: @autoclosure () -> (String, String), label: @autoclosure () -> String, subtract: Bool = false,
                    pass: TrainingPass, timeStep: Int?, sample: Int?, probe: inout OperationProbe) -> T {
        let result = subtract ? a - b : a + b
        note(&probe, result, OperationSite(pass, layer: timeStep, label(), kind: subtract ? .subtract : .add,
                                           operands: [Operand(names().0, Double(a), parameter: parameterName(names().0)),
                                                      Operand(names().1, Double(b), parameter: parameterName(names().1))], sample: sample))
        return result
    }

    /// `φ(a)` and `φ'(a)`, the value checked.
    static func activation(_ phi: Activation, _ a: T, argument: @autoclosure () -> String, result: @autoclosure () -> String,
                           timeStep: Int, sample: Int, probe: inout OperationProbe) -> (value: T, slope: T) {
        let (value, slope) = phi.valueAndDerivative(at: a)
        note(&probe, value, OperationSite(.forward, layer: timeStep, "\(result()) = \(phi.name)(\(argument()))", kind: .activation,
                                          operands: [Operand(argument(), Double(a))], sample: sample))
        return (value, slope)
    }

    /// A parameter's name (`W[1,2]`, `Wh[0,3]`, `V[0,1]`) is what an operand named by a weight matrix is.
    static func parameterName(_ name: String) -> String? {
        guard let first = name.first, first == "W" || first == "U" || first == "V" else { return nil }
        return name
    }

    /// `Σ_k p_k·q_k (+ extra)` summed left to right in `T`; when the result is not finite, the
    /// first product or partial sum that went bad is reported to the probe.
    static func checkedDot(_ ps: [T], _ qs: [T], names: (Int) -> (String, String), plus extra: (String, T)?,
                           result name: @autoclosure () -> String, pass: TrainingPass,
                           timeStep: Int, sample: Int, probe: inout OperationProbe) -> T {
        var sum: T = 0
        for k in ps.indices {
            let p = ps[k], q = qs[k]
            var pName: String { names(k).0 }
            var qName: String { names(k).1 }
            let product = p * q
            note(&probe, product, OperationSite(pass, layer: timeStep, "\(name()) term \(pName)·\(qName)", kind: .multiply,
                                                operands: [Operand(pName, Double(p), parameter: parameterName(pName)),
                                                           Operand(qName, Double(q))], sample: sample))
            let next = sum + product
            if k > 0 {
                note(&probe, next, OperationSite(pass, layer: timeStep, "\(name()) partial sum + \(pName)·\(qName)", kind: .add,
                                                 operands: [Operand("partial sum", Double(sum)), Operand("\(pName)·\(qName)", Double(product))], sample: sample))
            }
            sum = next
        }
        if let (eName, e) = extra {
            let next = sum + e
            note(&probe, next, OperationSite(pass, layer: timeStep, "\(name()) = … + \(eName)", kind: .add,
                                             operands: [Operand("Σ", Double(sum)), Operand(eName, Double(e))], sample: sample))
            sum = next
        }
        return sum
    }

    /// The readout `y = V·h_T + d` of every sequence (`lastStates` is batch × H), checked.
    static func readout(_ v: Matrix<T>, _ d: [T], lastStates: [T], steps: Int, sequences n: Int, probe: inout OperationProbe) -> [T] {
        let h = v.columns, o = d.count
        var y = [T](repeating: 0, count: n * o)
        for b in 0..<n {
            for k in 0..<o {
                y[b * o + k] = checkedDot((0..<h).map { v[k, $0] }, (0..<h).map { lastStates[b * h + $0] },
                                          names: { ("V[\(k),\($0)]", "h_\(steps)[\($0)]") }, plus: ("d[\(k)]", d[k]), result: "y[\(k)]",
                                          pass: .forward, timeStep: steps, sample: b, probe: &probe)
            }
        }
        return y
    }

    /// The loss of the outputs `y` (batch × O) against the batch's targets, replayed, and its
    /// seed ∂L/∂y (as ``RecurrentLoss``: mean squared error or softmax cross-entropy, over the whole batch).
    static func lossSeed(outputs y: [T], targets: [T], loss: RecurrentLoss, sequences n: Int, probe: inout OperationProbe) -> [T] {
        let o = y.count / max(n, 1)
        var seed = [T](repeating: 0, count: y.count)
        var total: T = 0
        switch loss {
        case .meanSquaredError:
            let scale = 2 / T(n * o)
            for b in 0..<n {
                for k in 0..<o {
                    let e = b * o + k
                    let r = add(y[e], targets[e], names: ("y[\(k)]", "target[\(k)]"), label: "r[\(k)] = y[\(k)] − target[\(k)]", subtract: true,
                                pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    let square = r * r
                    note(&probe, square, OperationSite(.loss, layer: nil, "r[\(k)]²", kind: .square, operands: [Operand("r[\(k)]", Double(r))], sample: b))
                    total = add(total, square, names: ("Σ r²", "r[\(k)]²"), label: "Σ r² + r[\(k)]²", pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    seed[e] = multiply(scale, r, names: ("2/(B·O)", "r[\(k)]"), label: "∂L/∂y[\(k)] = 2/(B·O)·r[\(k)]",
                                       pass: .loss, timeStep: nil, sample: b, probe: &probe)
                }
            }
        case .softmaxCrossEntropy:
            let count = T(n)
            for b in 0..<n {
                let row = b * o
                let top = y.withUnsafeBufferPointer { RecurrentLoss.largest($0.baseAddress! + row, count: o) }
                var sum: T = 0
                var shifted = [T](repeating: 0, count: o)
                for k in 0..<o {
                    shifted[k] = add(y[row + k], top, names: ("y[\(k)]", "max y"), label: "y[\(k)] − max y", subtract: true,
                                     pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    let power = T.exp(shifted[k])
                    note(&probe, power, OperationSite(.loss, layer: nil, "exp(y[\(k)] − max y)", kind: .other,
                                                      operands: [Operand("y[\(k)] − max y", Double(shifted[k]))], sample: b))
                    sum = add(sum, power, names: ("Σ exp", "exp(y[\(k)] − max y)"), label: "Σ exp + exp(y[\(k)] − max y)",
                              pass: .loss, timeStep: nil, sample: b, probe: &probe)
                }
                let logSum = T.log(sum) + top
                note(&probe, logSum, OperationSite(.loss, layer: nil, "log Σ exp + max y", kind: .other,
                                                   operands: [Operand("Σ exp", Double(sum)), Operand("max y", Double(top))], sample: b))
                for k in 0..<o {
                    let logP = add(y[row + k], logSum, names: ("y[\(k)]", "log Σ exp"), label: "log softmax(y)[\(k)]", subtract: true,
                                   pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    let term = multiply(targets[row + k], logP, names: ("target[\(k)]", "log softmax(y)[\(k)]"),
                                        label: "target[\(k)]·log softmax(y)[\(k)]", pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    total = add(total, term, names: ("−L·B", "target[\(k)]·log softmax(y)[\(k)]"), label: "Σ target·log softmax(y)",
                                pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    let p = T.exp(logP)
                    let difference = add(p, targets[row + k], names: ("softmax(y)[\(k)]", "target[\(k)]"), label: "softmax(y)[\(k)] − target[\(k)]",
                                         subtract: true, pass: .loss, timeStep: nil, sample: b, probe: &probe)
                    seed[row + k] = difference / count
                }
            }
        }
        return seed
    }

    /// `∂L/∂G[r,c] = Σ_t Σ_b left(t, b, r)·right(t, b, c)` for every element of a parameter
    /// group (rows × columns), or `Σ_t Σ_b left(t, b, r)` for a bias (`right` nil), summed in
    /// the order t, b, every partial sum checked. Returns the group's gradient, row-major.
    static func gradientSum(_ group: String, rows: Int, columns: Int, times: [Int], sequences n: Int,
                            left: (Int, Int, Int) -> T, leftName: @escaping (Int, Int) -> String,
                            right: ((Int, Int, Int) -> T)?, rightName: @escaping (Int, Int) -> String,
                            probe: inout OperationProbe) -> [T] {
        var gradient = [T](repeating: 0, count: rows * (right == nil ? 1 : columns))
        for r in 0..<rows {
            for c in 0..<(right == nil ? 1 : columns) {
                let element = right == nil ? "\(group)[\(r)]" : "\(group)[\(r),\(c)]"
                var sum: T = 0
                for t in times {
                    for b in 0..<n {
                        let a = left(t, b, r)
                        var term = a
                        if let right {
                            let q = right(t, b, c)
                            term = a * q
                            noteProduct(&probe, term, a, q, OperationSite(.backward, layer: t, "\(leftName(t, r))·\(rightName(t, c)) for ∂L/∂\(element)",
                                                                          kind: .multiply, operands: [Operand(leftName(t, r), Double(a)),
                                                                                                      Operand(rightName(t, c), Double(q))], sample: b))
                        }
                        let next = sum + term
                        var termName: String { right == nil ? leftName(t, r) : "\(leftName(t, r))·\(rightName(t, c))" }
                        note(&probe, next, OperationSite(.backward, layer: t, "∂L/∂\(element) += \(termName)", kind: .add,
                                                         operands: [Operand("partial sum", Double(sum)), Operand(termName, Double(term))], sample: b))
                        sum = next
                    }
                }
                gradient[r * (right == nil ? 1 : columns) + c] = sum
            }
        }
        return gradient
    }

    /// The readout's gradients from the loss seed `∂L/∂y` (outputs × sequences) and the last states h_T
    /// (`states[steps]`, hidden × sequences): `∂L/∂V[r,c] = Σ_b ∂L/∂y[b,r]·h_T[b,c]` and `∂L/∂d[r] = Σ_b ∂L/∂y[b,r]`,
    /// every product and partial sum checked as ``gradientSum`` does. Shared by the Elman, LSTM and GRU replays.
    static func readoutGradients(seed: [T], states: [[T]], steps: Int, outputs o: Int, hidden h: Int, sequences n: Int,
                                 probe: inout OperationProbe) -> (v: [T], d: [T]) {
        let v = gradientSum("V", rows: o, columns: h, times: [steps], sequences: n, left: { _, b, r in seed[b * o + r] },
                            leftName: { _, r in "∂L/∂y[\(r)]" }, right: { t, b, c in states[t][b * h + c] },
                            rightName: { t, c in "h_\(t)[\(c)]" }, probe: &probe)
        let d = gradientSum("d", rows: o, columns: 1, times: [steps], sequences: n, left: { _, b, r in seed[b * o + r] },
                            leftName: { _, r in "∂L/∂y[\(r)]" }, right: nil, rightName: { _, _ in "" }, probe: &probe)
        return (v, d)
    }

    /// The update of every parameter group as ``RecurrentSGD/step(_:on:workspaces:state:)`` does it:
    /// ‖g‖ in Double, the scale `s = η` or `η·clip/‖g‖`, then `θ − s·g` (SGD) or Adam's moments
    /// and `θ − η·m̂/(√v̂ + ε)` from `state` (the moments before the step; nil: fresh). `columns`
    /// gives each group's row length (nil for a vector), to name its elements `W[r,c]` or `c[k]`.
    static func update(_ parameters: ParameterGroups<T>, along gradients: ParameterGroups<T>, columns: [Int?], sgd: RecurrentSGD,
                       state: RecurrentOptimizerState<T>?, probe: inout OperationProbe) {
        let norm = Double(T(RecurrentSGD.norm(gradients)))   // rounded to T, as the fast path does
        let clipped = sgd.clipThreshold.map { T(norm) > T($0) } ?? false
        func element(_ g: Int, _ i: Int) -> String {
            let name = gradients.names[g]
            guard let width = columns[g] else { return "\(name)[\(i)]" }
            return "\(name)[\(i / width),\(i % width)]"
        }
        var direction = gradients
        var scale = T(sgd.learningRate)
        var what = "η·∂L/∂"
        switch sgd.method {
        case .sgd:
            if clipped, let clip = sgd.clipThreshold { scale = T(sgd.learningRate * clip / norm); what = "η·(clip/‖g‖)·∂L/∂" }
        case .adam(let beta1, let beta2, let epsilon):
            let adam = state?.copy() ?? RecurrentOptimizerState<T>()
            let factor = clipped ? T(sgd.clipThreshold! / norm) : 1
            direction = adam.adamDirection(gradients, factor: factor, beta1: beta1, beta2: beta2, epsilon: epsilon)
            what = "η·Adam direction of ∂L/∂"
            for g in direction.values.indices {
                for i in direction.values[g].indices {
                    note(&probe, direction.values[g][i], OperationSite(.update, layer: nil, "m̂/(√v̂ + ε) for \(element(g, i))", kind: .divide,
                                                                       operands: [Operand("∂L/∂\(element(g, i))", Double(gradients.values[g][i]))]))
                }
            }
        }
        for g in parameters.values.indices {
            for i in parameters.values[g].indices {
                let old = parameters.values[g][i], d = direction.values[g][i]
                var dName: String { sgd.method == .sgd ? "∂L/∂\(element(g, i))" : "m̂/(√v̂ + ε) for \(element(g, i))" }
                let step = multiply(scale, d, names: (clipped && sgd.method == .sgd ? "η·clip/‖g‖" : "η", dName), label: "\(what)\(element(g, i))",
                                    pass: .update, timeStep: nil, sample: nil, probe: &probe)
                let new = old - step
                note(&probe, new, OperationSite(.update, layer: nil, "\(element(g, i)) − \(what)\(element(g, i))", kind: .subtract,
                                                operands: [Operand(element(g, i), Double(old), parameter: element(g, i)),
                                                           Operand("\(what)\(element(g, i))", Double(step))]))
            }
        }
    }
}
