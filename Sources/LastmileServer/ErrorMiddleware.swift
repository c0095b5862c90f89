import Hummingbird
import Logging

/// Turns every error a route throws into a JSON error reply, and logs server faults.
///
/// It is the outermost middleware, so even unknown routes answer with the JSON error shape.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let reply = APIError.from(error)
            if reply.status.code >= 500, reply.status != .serviceUnavailable {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            }
            return try reply.response(from: request, context: context)
        }
    }
}
