import GradscopeNumerics
/// Scratch memory a recurrent network reuses from one training step to the next (states,
/// slopes, pre-activations), so that a step allocates nothing large. One workspace per
/// thread; not safe to share between concurrent calls.
public final class RecurrentWorkspace<T: GradFloat>: @unchecked Sendable {
    private var buffers: [(pointer: UnsafeMutablePointer<T>, count: Int)] = []

    /// The loss scale S of mixed-precision training: the backward pass starts from S·∂L/∂y
    /// (``RecurrentLoss``; 1 without loss scaling). Set by ``RecurrentTrainer``.
    public var lossScale: Double = 1

    /// The cast of every matrix product's inputs in FP8 training (nil: no cast, the products
    /// take the values as they are). Set by ``RecurrentTrainer`` for a run with a ``ScalingRecipe``.
    public var productCast: RecurrentProductCast<T>?

    public init() {}

    /// A matrix product's input: rows `firstRow ..< firstRow + rows` of the `totalRows × columns`
    /// tensor `operand`, `chunk` pointing at row `firstRow`; cast by ``productCast`` when there is
    /// one, otherwise `chunk` itself.
    func operand(_ operand: ProductOperand, _ chunk: UnsafePointer<T>, firstRow: Int = 0, rows: Int, of totalRows: Int? = nil,
                 columns: Int, reducing axis: ReductionAxis) -> UnsafePointer<T> {
        guard let productCast else { return chunk }
        return productCast.cast(operand, chunk, firstRow: firstRow, rows: rows, of: totalRows ?? rows, columns: columns, reducing: axis)
    }

    /// Buffer `slot`, at least `count` values long (zeros when newly allocated; otherwise what was left in it).
    /// A network names its buffers with an enum of slots (`ws.buffer(.states, count: …)`); the
    /// raw value is the buffer's index.
    func buffer<Slot: RawRepresentable>(_ slot: Slot, count: Int) -> UnsafeMutablePointer<T> where Slot.RawValue == Int {
        buffer(slot.rawValue, count: count)
    }

    /// Buffer number `slot` (see ``buffer(_:count:)`` with a named slot).
    func buffer(_ slot: Int, count: Int) -> UnsafeMutablePointer<T> {
        while buffers.count <= slot {
            let p = UnsafeMutablePointer<T>.allocate(capacity: 1)
            p.initialize(to: 0)
            buffers.append((p, 1))
        }
        if buffers[slot].count < count {
            buffers[slot].pointer.deallocate()
            let p = UnsafeMutablePointer<T>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            buffers[slot] = (p, count)
        }
        return buffers[slot].pointer
    }

    deinit { for b in buffers { b.pointer.deallocate() } }
}
