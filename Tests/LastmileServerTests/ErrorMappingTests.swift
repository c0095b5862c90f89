import HTTPTypes
import LastmileEngine
import LastmileRuntime
import LastmileStore
import Testing

@testable import LastmileServer

@Test func aFullQueueAnswers503WithRetryAfter() {
    // Given the runtime's overloaded and stopping errors
    for error in [RuntimeError(.overloaded, "pipeline \"p\" has 8 requests waiting"), RuntimeError(.unavailable, "pipeline \"p\" is stopping")] {
        // When the server maps them
        let reply = APIError.from(error)
        // Then clients are told to come back shortly
        #expect(reply.status == .serviceUnavailable)
        #expect(reply.headers[.retryAfter] == "1")
        #expect(reply.message == error.message)
    }
}

@Test func domainErrorsMapToTheStatusTheyMean() {
    #expect(APIError.from(StoreError(.notFound, "x")).status == .notFound)
    #expect(APIError.from(StoreError(.conflict, "x")).status == .conflict)
    #expect(APIError.from(StoreError(.invalid, "x")).status == .badRequest)
    #expect(APIError.from(RuntimeError(.badInput, "x")).status == .badRequest)
    #expect(APIError.from(RuntimeError(.invalidPipeline, "x")).status == .unprocessableContent)
    let unsupported = APIError.from(EngineError(.unsupportedModel, "model uses 2 unsupported ops", unsupported: ["com.x:Foo (opset 1)", "Bar (opset 9)"]))
    #expect(unsupported.status == .unprocessableContent)
    #expect(unsupported.details == ["com.x:Foo (opset 1)", "Bar (opset 9)"])
    #expect(APIError.from(EngineError(.invalidModel, "not protobuf")).status == .badRequest)
}
