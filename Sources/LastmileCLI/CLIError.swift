/// An error the CLI reports to the user, with the process exit code it ends with.
public struct CLIError: Error, CustomStringConvertible, Sendable {
    public enum Code: Int32, Sendable {
        /// The command could not finish: the server is unreachable or failed.
        case failure = 1
        /// Bad input or usage: a file that cannot be read or parsed, a request that does not fit the model.
        case badInput = 2
        /// The model uses operators or types Lastmile does not support.
        case unsupportedModel = 3
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
