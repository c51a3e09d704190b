import GradscopeNumerics

/// One input of a matrix product in a recurrent network: the tensor's name and its kind.
///
/// Names: `W`, `U`, `Wh`, `Wx`, `V` (weights); `x` (the inputs), `h` (the states h_0…h_T)
/// (activations); `∂L/∂y`, `∂L/∂a`, `∂L/∂z`, `∂L/∂c` (gradients at a product's output).
public struct ProductOperand: Hashable, Sendable {
    public var name: String
    public var kind: TensorKind

    public init(_ name: String, _ kind: TensorKind) {
        self.name = name
        self.kind = kind
    }

    static let inputs = ProductOperand("x", .activations)
    static let states = ProductOperand("h", .activations)
    static let outputGradient = ProductOperand("∂L/∂y", .gradients)
    static let readoutWeights = ProductOperand("V", .weights)
}

/// Which index of an operand a product sums over: `columns` when each row is reduced
/// (X·Wᵀ reduces the rows of X and of W), `rows` when the sum runs down the rows (Gᵀ·H).
/// MX blocks of 32 run along this index.
public enum ReductionAxis: Hashable, Sendable {
    case columns
    case rows
}

/// The cast of matrix-product inputs in FP8 training, as a hook the recurrent networks call
/// at each product (``RecurrentWorkspace/operand(_:_:firstRow:rows:of:columns:reducing:)``).
///
///     forward:   q(X)·q(U)ᵀ,  q(h_{t−1})·q(W)ᵀ,  q(h_T)·q(V)ᵀ           (forward format)
///     backward:  q(∂L/∂a_t)·q(W),  q(∂L/∂a)ᵀ·q(H),  q(∂L/∂y)ᵀ·q(h_T) …   (gradients in the backward format)
///
/// q(x) = round(x·s)/s with the recipe's scale s (``NarrowCast``); products accumulate in
/// Float32; everything else stays Float32. Per-tensor recipes cast each tensor once per step
/// and the backward pass reuses the forward casts (Transformer Engine's order): a tensor is cast
/// in chunks as the unrolled network reaches it — the state h_{t−1} at time step t — and under
/// `current` each chunk gets its own scale (the state of step t is not known before step t).
/// `delayed` uses one scale per tensor for the whole step and records the step's amax (the
/// largest over its chunks) when the step ends (``finishStep()``). MX casts each tensor along
/// the reduction index of each product it enters (blocks of 32; a shorter run is padded with
/// zeros, said once in ``events``).
///
/// A format of `nil` is an exact stand-in (Float32: the values pass unchanged): with recipe
/// `none` the run is the plain trainer's, bit for bit. One cast serves one workspace and one thread.
public final class RecurrentProductCast<T: GradFloat>: @unchecked Sendable {
    public let recipe: ScalingRecipe
    /// Weights and activations; nil: no rounding.
    public let forwardFormat: NarrowFormat?
    /// Gradients; nil: no rounding.
    public let backwardFormat: NarrowFormat?
    /// What the casts did, per kind of tensor, over the whole run.
    public private(set) var counts: [TensorKind: CastCounts] = Dictionary(uniqueKeysWithValues: TensorKind.allCases.map { ($0, CastCounts()) })
    /// Non-finite amaxes skipped, MX padding.
    public private(set) var events: [String] = []
    /// The scale each per-tensor cast used in the current step (the smallest when a tensor
    /// was cast in several chunks, not counting chunks of zeros); empty under `mx`.
    public private(set) var scales: [String: Float] = [:]

    private var scalers: [String: TensorScaler] = [:]
    private var stepAmaxes: [String: Float] = [:]
    private var copies: [String: Copy] = [:]
    private var step = 0
    private var notedPadding = false
    private var defaultedScales: Set<String> = []

    /// The cast values of one tensor and which of its rows are cast this step.
    private final class Copy {
        var pointer: UnsafeMutablePointer<T>
        var capacity: Int
        var castRows: [Bool]

        init(count: Int, rows: Int) {
            capacity = max(count, 1)
            pointer = .allocate(capacity: capacity)
            pointer.initialize(repeating: 0, count: capacity)
            castRows = [Bool](repeating: false, count: rows)
        }

        func fit(count: Int, rows: Int) {
            if capacity < count {
                pointer.deallocate()
                capacity = count
                pointer = .allocate(capacity: count)
                pointer.initialize(repeating: 0, count: count)
            }
            if castRows.count != rows { castRows = [Bool](repeating: false, count: rows) }
        }

        deinit { pointer.deallocate() }
    }

    public init(recipe: ScalingRecipe, forwardFormat: NarrowFormat?, backwardFormat: NarrowFormat?) {
        self.recipe = recipe
        self.forwardFormat = forwardFormat
        self.backwardFormat = backwardFormat
    }

    /// Starts training step `step` (1-based): forgets the casts of the previous step.
    public func beginStep(_ step: Int) {
        self.step = step
        scales = [:]
        defaultedScales = []
        stepAmaxes = [:]
        for copy in copies.values { copy.castRows = [Bool](repeating: false, count: copy.castRows.count) }
    }

    /// Ends the step: `delayed` records each tensor's amax of the step and computes its next scale
    /// (a non-finite amax is not recorded: an event says so and the scale stays).
    public func finishStep() {
        guard case .delayed = recipe else { return }
        for name in stepAmaxes.keys.sorted() {
            let amax = stepAmaxes[name]!
            var scaler = scalers[name]!
            let skipped = scaler.skippedAmaxes
            scaler.record(amax)
            if scaler.skippedAmaxes > skipped {
                events.append("Step \(step): the amax of \(name) was \(amax); it was not recorded and the scale stays \(scaler.scale).")
            }
            scalers[name] = scaler
        }
    }

    /// The amax history of a tensor under `delayed`, oldest first (empty before its first step).
    public func history(of name: String) -> [Float] { scalers[name]?.history ?? [] }

    /// Rows `firstRow ..< firstRow + rows` of the `totalRows × columns` row-major tensor `operand`
    /// (`chunk` points at row `firstRow`), cast for a product that sums along `axis`.
    /// - Returns: the cast rows (valid until the next ``beginStep(_:)``).
    func cast(_ operand: ProductOperand, _ chunk: UnsafePointer<T>, firstRow: Int, rows: Int, of totalRows: Int, columns: Int,
              reducing axis: ReductionAxis) -> UnsafePointer<T> {
        let isMX = recipe == .mx
        let key = isMX ? "\(operand.name)|\(axis == .columns ? "c" : "r")" : operand.name
        let copy: Copy
        if let existing = copies[key] {
            existing.fit(count: totalRows * columns, rows: totalRows)
            copy = existing
        } else {
            copy = Copy(count: totalRows * columns, rows: totalRows)
            copies[key] = copy
        }
        let destination = copy.pointer + firstRow * columns
        var start = firstRow
        let end = firstRow + rows
        // Cast each run of rows not yet cast this step (normally the whole range or nothing).
        while start < end {
            guard !copy.castRows[start] else { start += 1; continue }
            var stop = start
            while stop < end, !copy.castRows[stop] { stop += 1 }
            castRun(operand, from: chunk + (start - firstRow) * columns, to: copy.pointer + start * columns,
                    rows: stop - start, columns: columns, axis: axis)
            for r in start..<stop { copy.castRows[r] = true }
            start = stop
        }
        return UnsafePointer(destination)
    }

    private func format(of kind: TensorKind) -> NarrowFormat? { kind == .gradients ? backwardFormat : forwardFormat }

    /// Casts `rows × columns` values from `source` into `target`, counting them.
    private func castRun(_ operand: ProductOperand, from source: UnsafePointer<T>, to target: UnsafeMutablePointer<T>,
                         rows: Int, columns: Int, axis: ReductionAxis) {
        let count = rows * columns
        guard count > 0 else { return }
        guard let format = format(of: operand.kind) else {
            target.update(from: source, count: count)
            counts[operand.kind]!.values += count
            for k in 0..<count where !source[k].isFinite { counts[operand.kind]!.nonFinite += 1 }
            if recipe != .mx { record(1, of: operand.name, fromAmax: true) }
            return
        }
        let values = (0..<count).map { Float(source[$0]) }
        if recipe == .mx {
            let length = axis == .columns ? columns : rows
            if !notedPadding, length % ScalingRecipe.blockLength != 0 {
                notedPadding = true
                events.append("MX: a reduction dimension of \(length) (\(operand.name)) is not a multiple of 32; its last block is padded with zeros.")
            }
            let cast = NarrowCast.castMX(values, rows: rows, columns: columns, alongRows: axis == .columns, to: format,
                                         counts: &counts[operand.kind]!)
            for k in 0..<count { target[k] = T(cast[k]) }
            return
        }
        let (scale, fromAmax) = scale(for: operand, values: values, format: format)
        record(scale, of: operand.name, fromAmax: fromAmax)
        var kindCounts = counts[operand.kind]!
        for k in 0..<count {
            let x = values[k]
            let q = Float(NarrowCast.roundAndCount(x, scaled: x * scale, format: format, counts: &kindCounts))
            target[k] = T(q / scale)
        }
        counts[operand.kind] = kindCounts
    }

    /// The scale of one chunk: `current` from its own amax (1 when the amax is 0 or not finite:
    /// `fromAmax` false), `delayed` the tensor's scale of the step (the chunk's amax joins the step's), `none` 1.
    private func scale(for operand: ProductOperand, values: [Float], format: NarrowFormat) -> (scale: Float, fromAmax: Bool) {
        let scaler = scalers[operand.name] ?? TensorScaler(recipe: recipe, format: format)
        scalers[operand.name] = scaler
        switch recipe {
        case .none, .mx:
            return (1, true)
        case .current(let margin):
            let scale = scaler.scale(forAmax: NarrowCast.amax(values), margin: margin)
            return (scale ?? 1, scale != nil)
        case .delayed:
            let amax = NarrowCast.amax(values), previous = stepAmaxes[operand.name] ?? 0
            stepAmaxes[operand.name] = amax.isNaN || previous.isNaN ? .nan : max(previous, amax)
            return (scaler.scale, true)
        }
    }

    /// Keeps the smallest scale of the step's chunks; a scale of 1 that no amax set (a chunk of
    /// zeros, such as h_0 = 0) is shown only when no chunk had an amax.
    private func record(_ scale: Float, of name: String, fromAmax: Bool) {
        if fromAmax {
            scales[name] = defaultedScales.remove(name) != nil ? scale : min(scales[name] ?? scale, scale)
        } else if scales[name] == nil {
            scales[name] = scale
            defaultedScales.insert(name)
        }
    }
}
