import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import LastmileEngine
import LastmileObservability
import LastmileRuntime
import LastmileStore
import NIOCore

/// An error reply: a status and `{"error": {"code", "message"}}`.
///
/// Routes throw these; `ErrorMiddleware` turns every other error into one with `from(_:)`, so
/// domain modules never see HTTP types.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var details: [String]?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [String]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }
    static func conflict(_ message: String) -> APIError { APIError(.conflict, "conflict", message) }
    static func unprocessable(_ message: String, details: [String]? = nil) -> APIError {
        APIError(.unprocessableContent, "unprocessable", message, details: details)
    }
    static let unauthorized = APIError(.unauthorized, "unauthorized", "this call needs a valid token: send the header \"Authorization: Bearer <token>\" (the admin token is printed at first start and kept in <data-dir>/admin.token)")

    /// The Open Inference Protocol's error body, `{"error": "<message>"}`, which its clients
    /// (tritonclient) expect on `/v2` routes instead of Lastmile's `{"error": {"code", "message"}}`.
    private struct OpenInferenceErrorReply: Encodable {
        var error: String
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        let encoded: Data?
        if request.uri.path == "/v2" || request.uri.path.hasPrefix("/v2/") {
            encoded = try? APICoding.encoder().encode(OpenInferenceErrorReply(error: message))
        } else {
            encoded = try? APICoding.encoder().encode(ErrorReply(code: code, message: message, details: details))
        }
        let data = encoded ?? Data("{\"error\": \"could not encode an error\"}".utf8)
        buffer.writeBytes(data)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }

    /// Maps any error a route can meet to a reply.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StoreError:
            switch error.code {
            case .notFound: return .notFound(error.message)
            case .conflict: return .conflict(error.message)
            case .invalid: return .badRequest(error.message)
            case .io: return APIError(.internalServerError, "internal", "the store failed: \(error.message)")
            }
        case let error as RuntimeError:
            switch error.code {
            case .badInput: return .badRequest(error.message)
            case .invalidPipeline: return APIError(.unprocessableContent, "invalid_pipeline", error.message)
            case .overloaded:
                var reply = APIError(.serviceUnavailable, "overloaded", error.message)
                reply.headers[.retryAfter] = "1"
                return reply
            case .unavailable:
                var reply = APIError(.serviceUnavailable, "unavailable", error.message)
                reply.headers[.retryAfter] = "1"
                return reply
            case .inferenceFailed: return APIError(.unprocessableContent, "inference_failed", error.message)
            }
        case let error as EngineError:
            switch error.code {
            case .invalidModel: return .badRequest("the body is not a valid ONNX model: \(error.message)")
            case .unsupportedModel: return .unprocessable(error.message, details: error.unsupported)
            case .invalidInput: return .badRequest(error.message)
            case .executionFailed: return APIError(.unprocessableContent, "inference_failed", error.message)
            }
        case let error as AssayError:
            switch error.code {
            case .badInput: return .badRequest(error.message)
            }
        case let error as DecodingError:
            return .badRequest("the body is not the expected JSON: \(describe(error))")
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, "too_large", "the request body is larger than this server accepts")
        case let error as HTTPError:
            if error.status == .notFound {
                return .notFound("no such route; see docs/openapi.yaml for the API")
            }
            return APIError(error.status, "http_\(error.status.code)", error.body ?? error.status.reasonPhrase)
        default:
            return APIError(.internalServerError, "internal", "the server failed: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type)\(path(context)), found null"
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError as NSError? { return "invalid JSON\(path(context)): \(underlying.localizedDescription)" }
            return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
