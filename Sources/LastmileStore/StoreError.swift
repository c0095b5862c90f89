/// An error from the metadata or artifact store.
///
/// `code` says what kind of failure it is, so the server can map it to a status; `message`
/// names the object and what to do, and never carries secrets.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kinds of store failure.
    public enum Code: String, Sendable {
        /// The named object does not exist.
        case notFound
        /// The object exists already, or a unique name is taken.
        case conflict
        /// The request breaks a rule of the store (a bad name, a reference to a missing object).
        case invalid
        /// The disk or the database failed.
        case io
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
