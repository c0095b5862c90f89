import LastmileTensor

extension Tensor {
    /// The slice at `index` along `axis`, with that axis removed.
    func slice(at index: Int, axis: Int) throws -> Tensor {
        var shape = self.shape
        var strides = Shape.strides(shape)
        let offset = index * strides[axis]
        shape.remove(at: axis)
        strides.remove(at: axis)
        return try Tensor(shape: shape, storage: storage.transformed(StridedGather(shape: shape, strides: strides, offset: offset)))
    }

    /// Tensors of one type and shape stacked along a new leading axis.
    static func stack(_ tensors: [Tensor], emptyType: DType = .float32, emptyShape: [Int] = []) throws -> Tensor {
        guard let first = tensors.first else { return Tensor.zeros(emptyType, shape: [0] + emptyShape) }
        for tensor in tensors where tensor.dtype != first.dtype || tensor.shape != first.shape {
            throw OpError("cannot stack a \(tensor.dtype) tensor of shape \(tensor.shape) with a \(first.dtype) tensor of shape \(first.shape)")
        }
        let storage = try first.storage.transformed(Concatenation(parts: tensors.map(\.storage)))
        return try Tensor(shape: [tensors.count] + first.shape, storage: storage)
    }
}

/// Concatenates the storages of several tensors of the element type it is applied to.
private struct Concatenation: ElementTransform {
    var parts: [TensorStorage]

    func apply<T: TensorElement>(_ values: [T]) throws -> [T] {
        var out: [T] = []
        out.reserveCapacity(values.count * parts.count)
        for part in parts {
            guard let elements = T.elements(of: part) else { throw OpError("cannot stack tensors of different types") }
            out.append(contentsOf: elements)
        }
        return out
    }
}
