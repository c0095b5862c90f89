import Foundation
import LastmileAPI
import Testing

@Test(arguments: ["a", "ccfraud", "model-2", "x1-y2-z3", String(repeating: "a", count: 63)])
func validNamesAreAccepted(name: String) {
    #expect(ResourceName.problem(with: name, kind: "model") == nil)
}

@Test(arguments: ["", "-a", "a-", "Model", "a_b", "a.b", "a b", "ü", String(repeating: "a", count: 64)])
func invalidNamesAreRefusedWithTheRule(name: String) throws {
    let problem = try #require(ResourceName.problem(with: name, kind: "pipeline"))
    #expect(problem.contains("pipeline names use lowercase letters"))
}

@Test func pipelineStepsRoundTripAsOneKeyObjects() throws {
    // Given a pipeline request with a pinned and an unpinned model step
    let json = #"{"workspace": "team", "steps": [{"model": {"name": "a", "version": "1234"}}, {"model": {"name": "b"}}]}"#
    // When it is decoded and encoded again
    let request = try APICoding.decoder().decode(CreatePipelineRequest.self, from: Data(json.utf8))
    let again = try APICoding.decoder().decode(CreatePipelineRequest.self, from: APICoding.encoder().encode(request))
    // Then both steps survive with their references
    #expect(request.steps == [.model(ModelReference(name: "a", version: "1234")), .model(ModelReference(name: "b"))])
    #expect(again == request)
}

@Test func unknownStepKindsAreRefusedByName() {
    let json = #"{"workspace": "team", "steps": [{"teleport": {}}]}"#
    #expect {
        try APICoding.decoder().decode(CreatePipelineRequest.self, from: Data(json.utf8))
    } throws: { error in
        "\(error)".contains("unknown step kind \"teleport\"")
    }
}

@Test func deploymentConfigFillsMissingFieldsWithDefaults() throws {
    let config = try APICoding.decoder().decode(DeploymentConfig.self, from: Data(#"{"batching": {"maxBatchSize": 32}}"#.utf8))
    #expect(config.replicas == 1)
    #expect(config.batching == BatchingConfig(maxBatchSize: 32, maxDelayMicros: 0))
    #expect(config.queueCapacity == 1024)
    #expect(config.problem == nil)
}

@Test func deploymentConfigOutOfRangeNamesTheField() {
    #expect(DeploymentConfig(replicas: 0).problem?.contains("config.replicas") == true)
    #expect(DeploymentConfig(batching: BatchingConfig(maxBatchSize: 0)).problem?.contains("maxBatchSize") == true)
}

@Test func datesRoundTripWithMilliseconds() throws {
    let date = Date(timeIntervalSince1970: 1_790_000_000.125)
    let text = APICoding.formatDate(date)
    #expect(text.hasSuffix("Z"))
    let parsed = try #require(APICoding.parseDate(text))
    #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
}

@Test func datesMadeFromWholeMillisecondsSurviveAJSONRoundTrip() throws {
    // Given dates built from whole milliseconds, many of whose binary values lie just below them
    for millis in stride(from: Int64(1_764_199_591_000), to: 1_764_199_591_000 + 1000, by: 1) {
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        // When formatted and parsed back
        let again = try #require(APICoding.parseDate(APICoding.formatDate(date)))
        // Then the millisecond is the same
        #expect(Int64((again.timeIntervalSince1970 * 1000).rounded()) == millis, "\(millis)")
    }
}
