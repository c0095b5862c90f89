/// Why an explanation could not be computed; `badInput` is the caller's to fix (a 400).
public struct ExplainError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The request cannot be explained as asked: wrong shapes, an empty background, too
        /// many features for the method, a method the model does not support.
        case badInput
        /// The predictor returned something other than it promised.
        case predictorFailed
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
}
