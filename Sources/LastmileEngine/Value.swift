import LastmileTensor

/// A value flowing through a graph: a tensor, a sequence or a map.
///
/// Classic-ML converters return non-tensor values: ZipMap yields a sequence of maps from
/// class label to probability, one map per row.
public enum Value: Sendable, CustomStringConvertible {
    case tensor(Tensor)
    case sequence([Value])
    case map(MapValue)

    /// The tensor, or nil for a sequence or map.
    public var tensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }

    public var description: String {
        switch self {
        case .tensor(let t): t.description
        case .sequence(let items): "sequence(\(items.count) items)"
        case .map(let m): "map(\(m.keys.dtype) -> \(m.values.dtype), \(m.keys.count) entries)"
        }
    }

    /// The type of this value, written the ONNX way (`tensor(float)`, `seq(map(int64,tensor(float)))`).
    public var typeDescription: String {
        switch self {
        case .tensor(let t): "tensor(\(t.dtype.onnxName))"
        case .sequence(let items): "seq(\(items.first?.typeDescription ?? "?"))"
        case .map(let m): "map(\(m.keys.dtype.onnxName),tensor(\(m.values.dtype.onnxName)))"
        }
    }
}

/// A map value: keys (a 1-D int64 or string tensor) and values (a 1-D tensor of the same count),
/// in insertion order.
public struct MapValue: Sendable {
    public var keys: Tensor
    public var values: Tensor

    public init(keys: Tensor, values: Tensor) throws {
        guard keys.count == values.count else {
            throw EngineError(.executionFailed, "map has \(keys.count) keys but \(values.count) values")
        }
        self.keys = keys
        self.values = values
    }
}
