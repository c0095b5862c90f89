/// An error from a Lastmile server call, carrying the server's own code and message.
public struct ClientError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status, or 0 when the server could not be reached.
    public var status: Int
    /// The server's error code (`not_found`, `forbidden`, ...), or `unreachable` / `bad_reply`.
    public var code: String
    public var message: String
    public var underlying: (any Error)?

    public init(status: Int, code: String, message: String, underlying: (any Error)? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        status == 0 ? message : "\(message) (HTTP \(status))"
    }
}
