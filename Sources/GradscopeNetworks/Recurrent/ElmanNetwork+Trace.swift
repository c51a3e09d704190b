import GradscopeNumerics
extension ElmanNetwork {
    /// Replays one SGD step on `batch` one scalar operation at a time, every result checked by
    /// `probe`, to name the first operation that produced an Inf or a NaN: its pass, time step
    /// (the site's `layer`), sequence, operands and cause. Slow (no BLAS); the trainer calls it
    /// only for the step where its fast path saw a non-finite number.
    ///
    /// Order of operations as in BPTT: forward (a_t = W·h_{t−1} + U·x_t + c, h_t = φ(a_t)), the
    /// readout and the loss, backward (∂L/∂a_t, ∂L/∂h_{t−1}), the gradient sums over time, the update.
    public func traceStep(on batch: SequenceBatch<T>, sgd: RecurrentSGD, probe: inout OperationProbe) {
        let steps = batch.length, n = batch.batchSize, h = hiddenSize, i = inputSize, o = outputSize
        let w = cell.recurrentWeights, u = cell.inputWeights, v = readoutWeights
        var states = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps + 1)
        var slopes = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps)
        for b in 0..<n { for k in 0..<h { states[0][b * h + k] = initialState[k] } }
        func x(_ t: Int, _ b: Int, _ k: Int) -> T { batch.inputs[((t - 1) * n + b) * i + k] }

        for t in 1...steps {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                for k in 0..<h {
                    let ps = (0..<h).map { w[k, $0] } + (0..<i).map { u[k, $0] }
                    let qs = (0..<h).map { states[t - 1][b * h + $0] } + (0..<i).map { x(t, b, $0) }
                    let a = Self.checkedDot(ps, qs, names: { $0 < h ? ("W[\(k),\($0)]", "h_\(t - 1)[\($0)]") : ("U[\(k),\($0 - h)]", "x_\(t)[\($0 - h)]") }, plus: ("c[\(k)]", cell.bias[k]), result: "a_\(t)[\(k)]", pass: .forward,
                                            timeStep: t, sample: b, probe: &probe)
                    let (value, slope) = cell.activation.valueAndDerivative(at: a)
                    Self.note(&probe, value, OperationSite(.forward, layer: t, "h_\(t)[\(k)] = \(cell.activation.name)(a_\(t)[\(k)])", kind: .activation,
                                                     operands: [Operand("a_\(t)[\(k)]", Double(a))], sample: b))
                    states[t][b * h + k] = value
                    slopes[t - 1][b * h + k] = slope
                }
            }
        }
        var seed = [T](repeating: 0, count: n * o)
        for b in 0..<n {
            for k in 0..<o {
                let y = Self.checkedDot((0..<h).map { v[k, $0] }, (0..<h).map { states[steps][b * h + $0] },
                                        names: { ("V[\(k),\($0)]", "h_\(steps)[\($0)]") }, plus: ("d[\(k)]", readoutBias[k]), result: "y[\(k)]", pass: .forward, timeStep: steps, sample: b, probe: &probe)
                let r = y - batch.targets[b * o + k]
                Self.note(&probe, r, OperationSite(.loss, layer: nil, "r = y − target", kind: .subtract,
                                             operands: [Operand("y", Double(y)), Operand("target", Double(batch.targets[b * o + k]))], sample: b))
                let square = r * r
                Self.note(&probe, square, OperationSite(.loss, layer: nil, "r²", kind: .square, operands: [Operand("r", Double(r))], sample: b))
                seed[b * o + k] = 2 / T(n * o) * r
            }
        }
        // Backward: ∂L/∂h_T = ∂L/∂y·V, then through time.
        var dh = [T](repeating: 0, count: n * h)
        for b in 0..<n {
            for k in 0..<h {
                dh[b * h + k] = Self.checkedDot((0..<o).map { seed[b * o + $0] }, (0..<o).map { v[$0, k] },
                                                names: { ("∂L/∂y[\($0)]", "V[\($0),\(k)]") }, plus: nil, result: "∂L/∂h_\(steps)[\(k)]", pass: .backward, timeStep: steps, sample: b, probe: &probe)
            }
        }
        var da = [[T]](repeating: [T](repeating: 0, count: n * h), count: steps)
        for t in stride(from: steps, to: 0, by: -1) {
            if probe.firstNaN != nil { return }
            for b in 0..<n {
                for k in 0..<h {
                    let g = dh[b * h + k], s = slopes[t - 1][b * h + k]
                    let product = g * s
                    Self.noteProduct(&probe, product, g, s, OperationSite(.backward, layer: t, "∂L/∂a_\(t)[\(k)] = ∂L/∂h_\(t)[\(k)]·φ'(a_\(t)[\(k)])", kind: .multiply,
                                                                     operands: [Operand("∂L/∂h_\(t)[\(k)]", Double(g)), Operand("φ'(a_\(t)[\(k)])", Double(s))], sample: b))
                    da[t - 1][b * h + k] = product
                }
            }
            for b in 0..<n {
                for k in 0..<h {
                    dh[b * h + k] = Self.checkedDot((0..<h).map { da[t - 1][b * h + $0] }, (0..<h).map { w[$0, k] },
                                                    names: { ("∂L/∂a_\(t)[\($0)]", "W[\($0),\(k)]") }, plus: nil, result: "∂L/∂h_\(t - 1)[\(k)]", pass: .backward, timeStep: t - 1, sample: b, probe: &probe)
                }
            }
        }
        if probe.firstNaN != nil { return }
        // Gradient sums over time and batch, and the update of W (the other groups follow the same pattern).
        var gradients = ParameterGroups<T>(repeating: 0, like: parameters)
        for r in 0..<h {
            for c in 0..<h {
                var sum: T = 0
                for t in 1...steps {
                    for b in 0..<n {
                        let term = da[t - 1][b * h + r] * states[t - 1][b * h + c]
                        let next = sum + term
                        Self.note(&probe, next, OperationSite(.backward, layer: t, "∂L/∂W[\(r),\(c)] += ∂L/∂a_\(t)[\(r)]·h_\(t - 1)[\(c)]", kind: .add,
                                                        operands: [Operand("partial sum", Double(sum)), Operand("∂L/∂a_\(t)[\(r)]·h_\(t - 1)[\(c)]", Double(term))], sample: b))
                        sum = next
                    }
                }
                gradients.values[0][r * h + c] = sum
            }
        }
        let norm = gradients.norm()
        var scale = T(sgd.learningRate)
        if let clip = sgd.clipThreshold, norm > T(clip) { scale = T(sgd.learningRate * clip / Double(norm)) }
        for r in 0..<h {
            for c in 0..<h {
                let g = gradients.values[0][r * h + c], old = w[r, c]
                let step = scale * g
                Self.note(&probe, step, OperationSite(.update, layer: nil, "η·∂L/∂W[\(r),\(c)]", kind: .multiply,
                                                operands: [Operand("η", Double(scale)), Operand("∂L/∂W[\(r),\(c)]", Double(g))]))
                let new = old - step
                Self.note(&probe, new, OperationSite(.update, layer: nil, "W[\(r),\(c)] − η·∂L/∂W[\(r),\(c)]", kind: .subtract,
                                               operands: [Operand("W[\(r),\(c)]", Double(old), parameter: "W[\(r),\(c)]"), Operand("η·∂L/∂W", Double(step))]))
            }
        }
    }

    /// Passes a non-finite result to the probe only while the probe has not yet recorded one of
    /// its kind (building a site costs strings; after the first NaN most results are NaN).
    private static func note(_ probe: inout OperationProbe, _ result: T, _ site: @autoclosure () -> OperationSite) {
        if result.isFinite || (result.isNaN ? probe.firstNaN != nil : probe.firstInfinity != nil) { return }
        probe.check(result, site())
    }

    private static func noteProduct(_ probe: inout OperationProbe, _ result: T, _ a: T, _ b: T, _ site: @autoclosure () -> OperationSite) {
        if (result.isFinite && (result != 0 || probe.firstUnderflow != nil)) || (result.isNaN ? probe.firstNaN != nil : probe.firstInfinity != nil && !result.isFinite) { return }
        probe.checkProduct(result, a, b, site())
    }

    /// `Σ_k p_k·q_k (+ extra)` summed left to right in `T`; when the result is not finite, the
    /// first product or partial sum that went bad is reported to the probe.
    private static func checkedDot(_ ps: [T], _ qs: [T], names: (Int) -> (String, String), plus extra: (String, T)?,
                                   result name: @autoclosure () -> String, pass: TrainingPass,
                                   timeStep: Int, sample: Int, probe: inout OperationProbe) -> T {
        var sum: T = 0
        for k in ps.indices {
            let p = ps[k], q = qs[k]
            var pName: String { names(k).0 }
            var qName: String { names(k).1 }
            let product = p * q
            Self.note(&probe, product, OperationSite(pass, layer: timeStep, "\(name()) term \(pName)·\(qName)", kind: .multiply,
                                               operands: [Operand(pName, Double(p), parameter: pName.first == "W" || pName.first == "U" || pName.first == "V" ? pName : nil),
                                                          Operand(qName, Double(q))], sample: sample))
            let next = sum + product
            if k > 0 {
                Self.note(&probe, next, OperationSite(pass, layer: timeStep, "\(name()) partial sum + \(pName)·\(qName)", kind: .add,
                                                operands: [Operand("partial sum", Double(sum)), Operand("\(pName)·\(qName)", Double(product))], sample: sample))
            }
            sum = next
        }
        if let (eName, e) = extra {
            let next = sum + e
            Self.note(&probe, next, OperationSite(pass, layer: timeStep, "\(name()) = … + \(eName)", kind: .add,
                                            operands: [Operand("Σ", Double(sum)), Operand(eName, Double(e))], sample: sample))
            sum = next
        }
        return sum
    }
}
