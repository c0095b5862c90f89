/// An error from loading a model, preparing a session or running it.
///
/// The message names the object (node, input, tensor) and what to do about it; it never
/// contains tensor data.
public struct EngineError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The bytes are not an ONNX model, or the model breaks the ONNX rules.
        case invalidModel
        /// The model is valid ONNX but uses something Lastmile does not run (`unsupported` lists ops).
        case unsupportedModel
        /// The inputs given to `run` do not match the model's signature.
        case invalidInput
        /// A node failed while running (for example a shape that only fails at run time).
        case executionFailed
    }

    public var code: Code
    public var message: String
    /// For `unsupportedModel`: every unsupported op as `domain:OpType (opset N)`.
    public var unsupported: [String]
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, unsupported: [String] = [], underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.unsupported = unsupported
        self.underlying = underlying
    }

    public var description: String { message }
}

/// An error thrown by a kernel or an op factory; the session adds the node's name, op and
/// opset in front of the message.
package struct OpError: Error, CustomStringConvertible, Sendable {
    package var message: String
    /// True when the node is valid ONNX that the engine does not run (a mode or type it lacks),
    /// false when the node itself is wrong.
    package var isUnsupported: Bool

    package init(_ message: String, isUnsupported: Bool = false) {
        self.message = message
        self.isUnsupported = isUnsupported
    }

    /// An error for a valid node using something the engine does not implement.
    package static func unsupported(_ message: String) -> OpError {
        OpError(message, isUnsupported: true)
    }

    package var description: String { message }
}
