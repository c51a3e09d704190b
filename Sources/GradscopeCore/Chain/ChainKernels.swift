/// Fast paths for chain sweeps (vectorised kernels land with the W1 benchmark).
enum ChainKernels {
    /// Returns false: no fast kernel yet, the caller takes the generic path.
    static func sweep<T: GradFloat>(
        layers: [ChainLayer], xs: UnsafeBufferPointer<T>,
        y: UnsafeMutableBufferPointer<T>, dydx: UnsafeMutableBufferPointer<T>
    ) -> Bool { false }
}
