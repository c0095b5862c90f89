import LastmileTensor

extension KernelInputs {
    /// Input `index` as a sequence; it must be present and be a sequence.
    func sequence(_ index: Int) throws -> [Value] {
        let value = try self.value(index)
        guard case .sequence(let items) = value else {
            throw OpError("input \(index) is a \(value.typeDescription), expected a sequence")
        }
        return items
    }
}

enum SequenceOps {
    /// The position input of SequenceAt/Insert/Erase, normalised into `0..<count` (or
    /// `0...count` when `inclusive`, for inserting at the end).
    static func position(_ tensor: Tensor, count: Int, inclusive: Bool) throws -> Int {
        let raw = try TensorOps.integerScalar(tensor, "position")
        let upper = inclusive ? count : count - 1
        guard raw >= -count, raw <= upper else {
            throw OpError("position \(raw) is out of range for a sequence of \(count) tensors")
        }
        return raw < 0 ? raw + count : raw
    }

    /// The slice `[start, start + length)` of `tensor` along `axis`.
    static func slice(_ tensor: Tensor, axis: Int, start: Int, length: Int) throws -> Tensor {
        var shape = tensor.shape
        shape[axis] = length
        let strides = Shape.strides(tensor.shape)
        let storage = try tensor.storage.transformed(
            StridedGather(shape: shape, strides: strides, offset: start * strides[axis]))
        return try Tensor(shape: shape, storage: storage)
    }
}
