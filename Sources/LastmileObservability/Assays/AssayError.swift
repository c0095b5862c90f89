/// An assay request that cannot be computed: an empty baseline, bad edges, weights that do not
/// fit the bins, an iopath that names no field.
///
/// `message` names the part of the request and the fix; it never contains the values.
public struct AssayError: Error, Sendable, CustomStringConvertible {
    /// The kinds of assay failure.
    public enum Code: String, Sendable {
        /// The request or its data do not allow the computation (the server's 400).
        case badInput
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }

    package static func badInput(_ message: String) -> AssayError { AssayError(.badInput, message) }
}
