import Foundation

/// The body of every error reply: `{"error": {"code": "...", "message": "..."}}`.
///
/// `code` is a stable, machine-readable word (`not_found`, `bad_request`, `unauthorized`,
/// `forbidden`, `conflict`, `unprocessable`, `overloaded`, `internal`); `message` says what was
/// wrong and how to fix it, and never carries request data or secrets.
public struct ErrorReply: Codable, Sendable, Equatable, Error {
    public struct Detail: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        /// Items the message summarises, such as every unsupported op of a refused model.
        public var details: [String]?

        public init(code: String, message: String, details: [String]? = nil) {
            self.code = code
            self.message = message
            self.details = details
        }
    }

    public var error: Detail

    public init(code: String, message: String, details: [String]? = nil) {
        self.error = Detail(code: code, message: message, details: details)
    }
}
