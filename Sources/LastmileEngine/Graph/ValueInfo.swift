import LastmileTensor

/// The declared type of a graph input, output or intermediate value.
public indirect enum ValueType: Sendable, Equatable, CustomStringConvertible {
    /// A tensor: element type (nil when the type is one Lastmile has no storage for) and shape
    /// (nil when the rank is unknown).
    case tensor(elementType: DType?, shape: [Dim]?)
    case sequence(ValueType)
    case map(key: DType?, value: ValueType)
    /// A type the model leaves unspecified, or one Lastmile does not model (optional, sparse).
    case unknown(String)

    public var description: String {
        switch self {
        case .tensor(let dtype, let shape):
            let dims = shape.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" } ?? "[?]"
            return "tensor(\(dtype?.onnxName ?? "?"))\(dims)"
        case .sequence(let element): return "seq(\(element))"
        case .map(let key, let value): return "map(\(key?.onnxName ?? "?"),\(value))"
        case .unknown(let what): return what
        }
    }
}

/// One dimension of a declared shape.
public enum Dim: Sendable, Equatable, CustomStringConvertible {
    case fixed(Int)
    case symbolic(String)
    case unknown

    public var description: String {
        switch self {
        case .fixed(let n): String(n)
        case .symbolic(let name): name
        case .unknown: "?"
        }
    }
}

/// A named, typed value of a graph.
public struct ValueInfo: Sendable, Equatable {
    public var name: String
    public var type: ValueType

    public init(name: String, type: ValueType) {
        self.name = name
        self.type = type
    }
}
