/// An error from building or combining tensors: a shape that does not fit the data, shapes
/// that do not broadcast, a type that does not match.
public struct TensorError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case shapeMismatch
        case typeMismatch
        case invalidArgument
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
