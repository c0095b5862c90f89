import LastmileTensor

/// A `ValidationFieldAccess` bound to the tensor of one batch: where each row's value starts.
///
/// Binding happens once per batch; a row then reads `storage` at
/// `row * rowSize + offset` without allocating. An access whose tensor is missing, has another
/// rank or element kind, or is too small for its indexes is unbound and reads as unknown.
struct ValidationFieldBinding {
    /// The tensor's elements, or nil when unbound.
    private(set) var storage: TensorStorage?
    /// How many rows the tensor has.
    private(set) var rows = 0
    /// Elements per row.
    private(set) var rowSize = 0
    /// Where the access's slice starts within a row.
    private(set) var offset = 0
    /// Elements in the slice: 1 for a scalar.
    private(set) var count = 0

    /// Binds `access` to `tensor` (nil when the request or pipeline did not provide it).
    init(_ access: ValidationFieldAccess, tensor: Tensor?) {
        guard let tensor, tensor.rank == access.rank, tensor.rank >= 1, access.indexes.count < tensor.rank else { return }
        let readable = switch access.element {
        case .number: tensor.dtype != .string
        case .boolean: tensor.dtype == .bool
        case .any: true
        }
        guard readable else { return }
        let row = tensor.shape.dropFirst()
        for (axis, index) in zip(row.indices, access.indexes) where index >= row[axis] {
            return
        }
        var stride = 1
        var offset = 0
        for axis in row.indices.reversed() {
            if axis - row.startIndex < access.indexes.count {
                offset += access.indexes[axis - row.startIndex] * stride
            }
            stride *= row[axis]
        }
        self.storage = tensor.storage
        self.rows = tensor.shape[0]
        self.rowSize = stride
        self.offset = offset
        self.count = row.dropFirst(access.indexes.count).reduce(1, *)
    }

    /// The flat index of the slice's first element in `row`, or nil when unbound or past the rows.
    @inline(__always)
    func start(_ row: Int) -> Int? {
        guard storage != nil, row >= 0, row < rows else { return nil }
        return row * rowSize + offset
    }
}
