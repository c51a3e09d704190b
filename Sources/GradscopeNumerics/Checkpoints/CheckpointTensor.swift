/// One tensor of a checkpoint: its name, type, shape and where its bytes are.
public struct CheckpointTensor: Sendable, Equatable {
    /// Where a tensor's bytes are stored.
    public enum Storage: Sendable, Equatable {
        /// Uncompressed at `offset` of the file (safetensors, `.npy`, a stored `.npz` entry).
        case plain(offset: UInt64)
        /// Inside a deflated `.npz` entry: the compressed stream at `offset` of `compressedLength` bytes,
        /// whose first `skip` decompressed bytes are the `.npy` header.
        case deflated(offset: UInt64, compressedLength: UInt64, skip: UInt64)
    }

    /// The name: the safetensors key, or the `.npz` member without `.npy` (a `.npy` file: its file name).
    public var name: String
    public var dtype: TensorDType
    public var shape: [Int]
    /// `true` for a Fortran-order (column-major) `.npy` array; safetensors is always row-major.
    public var isColumnMajor: Bool
    /// The file holding the bytes.
    public var file: String
    public var storage: Storage
    /// The number of data bytes (elements × width).
    public var byteCount: UInt64

    public init(name: String, dtype: TensorDType, shape: [Int], isColumnMajor: Bool = false,
                file: String, storage: Storage, byteCount: UInt64) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.isColumnMajor = isColumnMajor
        self.file = file
        self.storage = storage
        self.byteCount = byteCount
    }

    /// The number of elements, the product of the shape (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
