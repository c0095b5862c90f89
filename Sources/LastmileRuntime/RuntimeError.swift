/// An error from compiling or running a pipeline.
///
/// `code` says what kind of failure it is, so the server can map it to a status; `message`
/// names the input, step or pipeline and what was expected, and never carries tensor data.
public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    /// The kinds of runtime failure.
    public enum Code: String, Sendable {
        /// The request does not fit the pipeline: unknown input, wrong dtype, shape or length.
        case badInput
        /// The steps of a pipeline do not fit together, or a model cannot be compiled.
        case invalidPipeline
        /// The request queue is full; try again shortly.
        case overloaded
        /// The deployment is stopping or stopped.
        case unavailable
        /// The engine failed while running a model on valid input.
        case inferenceFailed
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
