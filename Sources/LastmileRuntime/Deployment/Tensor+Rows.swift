import LastmileEngine
import LastmileTensor

/// Row operations along dimension 0, which the batcher uses to merge requests and split replies.
extension Tensor {
    /// The rows `range` of a tensor of rank 1 or more, keeping the trailing dimensions.
    func rows(_ range: Range<Int>) throws -> Tensor {
        guard let count = shape.first, range.lowerBound >= 0, range.upperBound <= count else {
            throw TensorError(.invalidArgument, "rows \(range) are outside a tensor of shape \(shape)")
        }
        if range == 0..<count { return self }
        let width = Shape.count(Array(shape.dropFirst()))
        let elements = ElementRange(range: range.lowerBound * width..<range.upperBound * width)
        return try Tensor(shape: [range.count] + shape.dropFirst(), storage: storage.transformed(elements))
    }

    /// The tensors stacked along dimension 0; they must share element type and trailing dimensions.
    static func concatenatingRows(_ parts: [Tensor]) throws -> Tensor {
        guard let first = parts.first else {
            throw TensorError(.invalidArgument, "cannot concatenate no tensors")
        }
        if parts.count == 1 { return first }
        let trailing = Array(first.shape.dropFirst())
        guard first.rank >= 1, parts.allSatisfy({ $0.dtype == first.dtype && $0.rank == first.rank && Array($0.shape.dropFirst()) == trailing }) else {
            throw TensorError(.shapeMismatch, "cannot concatenate tensors of different types or trailing shapes along dimension 0")
        }
        let rows = parts.reduce(0) { $0 + $1.shape[0] }
        return try Tensor(shape: [rows] + trailing, storage: joined(parts, first.dtype))
    }

    private static func joined(_ parts: [Tensor], _ dtype: DType) throws -> TensorStorage {
        let storage: TensorStorage? = switch dtype {
        case .float32: join(parts, as: Float.self)
        case .float64: join(parts, as: Double.self)
        case .float16: join(parts, as: Float16.self)
        case .int8: join(parts, as: Int8.self)
        case .int16: join(parts, as: Int16.self)
        case .int32: join(parts, as: Int32.self)
        case .int64: join(parts, as: Int64.self)
        case .uint8: join(parts, as: UInt8.self)
        case .uint16: join(parts, as: UInt16.self)
        case .uint32: join(parts, as: UInt32.self)
        case .uint64: join(parts, as: UInt64.self)
        case .bool: join(parts, as: Bool.self)
        case .string: join(parts, as: String.self)
        }
        guard let storage else {
            throw TensorError(.shapeMismatch, "cannot concatenate tensors of different element types")
        }
        return storage
    }

    private static func join<T: TensorElement>(_ parts: [Tensor], as type: T.Type) -> TensorStorage? {
        var out: [T] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts {
            guard let elements = part.elements(T.self) else { return nil }
            out.append(contentsOf: elements)
        }
        return T.storage(out)
    }
}

/// Keeps a contiguous range of elements.
private struct ElementRange: ElementTransform {
    var range: Range<Int>

    func apply<T: TensorElement>(_ values: [T]) throws -> [T] {
        Array(values[range])
    }
}

extension Tensor {
    /// The rows at `indices`, in that order (splits send each route its rows this way).
    func gatheringRows(_ indices: [Int]) throws -> Tensor {
        guard let count = shape.first, indices.allSatisfy({ $0 >= 0 && $0 < count }) else {
            throw TensorError(.invalidArgument, "row indices outside a tensor of shape \(shape)")
        }
        let trailing = Array(shape.dropFirst())
        return try Tensor(shape: [indices.count] + trailing, storage: storage.transformed(RowGather(indices: indices, width: Shape.count(trailing))))
    }
}

/// Keeps whole rows of `width` elements, in the order given.
private struct RowGather: ElementTransform {
    var indices: [Int]
    var width: Int

    func apply<T: TensorElement>(_ values: [T]) throws -> [T] {
        var out: [T] = []
        out.reserveCapacity(indices.count * width)
        for row in indices {
            out.append(contentsOf: values[row * width..<(row + 1) * width])
        }
        return out
    }
}

extension Value {
    /// The rows at `indices` of a tensor (along dimension 0) or a sequence (its items).
    func gatheringRows(_ indices: [Int]) throws -> Value {
        switch self {
        case .tensor(let tensor):
            return .tensor(try tensor.gatheringRows(indices))
        case .sequence(let items):
            guard indices.allSatisfy({ $0 >= 0 && $0 < items.count }) else {
                throw TensorError(.invalidArgument, "row indices outside a sequence of \(items.count) items")
            }
            return .sequence(indices.map { items[$0] })
        case .map:
            throw TensorError(.invalidArgument, "a single map has no rows to split")
        }
    }

    /// Values stacked along their rows: tensors along dimension 0, sequences item after item.
    static func concatenatingRows(_ parts: [Value]) throws -> Value {
        let tensors = parts.compactMap(\.tensor)
        if tensors.count == parts.count {
            return .tensor(try Tensor.concatenatingRows(tensors))
        }
        var items: [Value] = []
        for part in parts {
            guard case .sequence(let more) = part else {
                throw TensorError(.invalidArgument, "cannot stack a \(part.typeDescription) with other routes' values")
            }
            items += more
        }
        return .sequence(items)
    }
}
