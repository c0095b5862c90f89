import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing
@testable import LastmileRuntime

@Suite struct DeploymentBatchingTests {
    /// Holds the single replica in a first one-row run, queues `queued` requests behind it and
    /// returns the runner, the gate and the queued tasks (the first task is the held one).
    private func holdAndQueue(
        _ pipeline: CompiledPipeline, batching: BatchingConfig, queued inputs: [[String: Tensor]], first: [String: Tensor]
    ) async -> (DeploymentRunner, Gate, [Task<[NamedValue], any Error>]) {
        let gate = Gate()
        let runner = DeploymentRunner(pipeline: pipeline, config: DeploymentConfig(replicas: 1, batching: batching), beforeEngineCall: gate.hook)
        var tasks = [Task { try await runner.infer(first) }]
        await eventually { gate.recorded.count == 1 }
        for input in inputs {
            tasks.append(Task { try await runner.infer(input) })
            let depth = tasks.count - 1
            await eventually { runner.queueDepth == depth }
        }
        return (runner, gate, tasks)
    }

    @Test func batchingMergesQueuedRequestsIntoOneEngineCall() async throws {
        // Given a replica held while five one-row requests queue up behind it
        let models = try AddMul()
        let inputs = (1...5).map { ["x": rows(1, from: Float($0 * 10))] }
        let (runner, gate, tasks) = await holdAndQueue(
            models.pipeline, batching: BatchingConfig(maxBatchSize: 16, maxDelayMicros: 0),
            queued: inputs, first: ["x": rows(1, from: 0)]
        )
        #expect(runner.queueDepth == 5)

        // When the replica is released
        gate.open()
        let replies = try await tasks.asyncMap { try await $0.value }
        await runner.shutdown()

        // Then the five ran as one engine call, and each got its own rows back
        #expect(gate.recorded == [EngineCall(rows: 1, requests: 1), EngineCall(rows: 5, requests: 5)])
        for (input, reply) in zip([["x": rows(1, from: 0)]] + inputs, replies) {
            #expect(same(reply[0].value, try models.expected(input)))
        }
    }

    @Test func batcherNeverExceedsMaxBatchSize() async throws {
        // Given a batch limit of 4 rows and queued requests of 1 to 3 rows, plus one of 6
        let models = try AddMul()
        let sizes = [1, 2, 3, 1, 2, 1, 6, 3, 1, 1]
        let inputs = sizes.enumerated().map { ["x": rows($0.element, from: Float($0.offset * 100))] }
        let (runner, gate, tasks) = await holdAndQueue(
            models.pipeline, batching: BatchingConfig(maxBatchSize: 4, maxDelayMicros: 0),
            queued: inputs, first: ["x": rows(1, from: -50)]
        )
        #expect(runner.queueDepth == sizes.count)

        // When the replica drains the queue
        gate.open()
        let replies = try await tasks.asyncMap { try await $0.value }
        await runner.shutdown()

        // Then no merged call exceeds 4 rows, the 6-row request ran alone, requests were merged,
        // and every request got its own answer
        let calls = gate.recorded.dropFirst()
        #expect(calls.allSatisfy { $0.rows <= 4 || $0.requests == 1 })
        #expect(calls.contains(EngineCall(rows: 6, requests: 1)))
        #expect(calls.reduce(0) { $0 + $1.rows } == sizes.reduce(0, +))
        #expect(calls.reduce(0) { $0 + $1.requests } == sizes.count)
        #expect(calls.count < sizes.count)
        for (input, reply) in zip([["x": rows(1, from: -50)]] + inputs, replies) {
            #expect(same(reply[0].value, try models.expected(input)))
        }
    }

    @Test func requestsOfDifferentShapesAreNotMergedButAllAnswered() async throws {
        // Given a model taking [N, 4] or [N, 2] (the trailing dim varies), and queued requests of both widths
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, nil])
        builder.node("Neg", inputs: ["x"], outputs: ["y"])
        builder.output("y", .float32, [nil, nil])
        let bytes = try builder.serialized()
        let pipeline = try compile("neg", [("neg", bytes)])
        let narrow = { (start: Float) in ["x": Tensor(unchecked: [1, 2], [start, start + 1])] }
        let inputs = [["x": rows(1, from: 1)], narrow(2), ["x": rows(1, from: 3)], narrow(4)]
        let (runner, gate, tasks) = await holdAndQueue(
            pipeline, batching: BatchingConfig(maxBatchSize: 8, maxDelayMicros: 0),
            queued: inputs, first: ["x": rows(1, from: 0)]
        )

        // When released
        gate.open()
        let replies = try await tasks.asyncMap { try await $0.value }
        await runner.shutdown()

        // Then each width was merged only with its own kind, keeping queue order
        #expect(Array(gate.recorded.dropFirst()) == [EngineCall(rows: 2, requests: 2), EngineCall(rows: 2, requests: 2)])
        let session = try InferenceSession(serialized: bytes)
        for (input, reply) in zip([["x": rows(1, from: 0)]] + inputs, replies) {
            #expect(same(reply[0].value, try session.output("y", for: input)))
        }
    }

    @Test func zipMapOutputsAreSplitPerRequest() async throws {
        // Given the logistic regression fixture (label tensor and ZipMap sequence outputs)
        let bytes = try Data(contentsOf: Fixture.committedRoot.appendingPathComponent("logreg_binary/model.onnx"))
        let pipeline = try compile("classifier", [("logreg", bytes)])
        let request = { (count: Int, seed: Int) in
            ["X": Tensor(unchecked: [count, 6], (0..<count * 6).map { Float(($0 * 7 + seed * 13) % 19) / 3 - 3 })]
        }
        let inputs = [request(2, 1), request(1, 2), request(3, 3)]
        let (runner, gate, tasks) = await holdAndQueue(
            pipeline, batching: BatchingConfig(maxBatchSize: 32, maxDelayMicros: 0),
            queued: inputs, first: request(1, 0)
        )

        // When released
        gate.open()
        let replies = try await tasks.asyncMap { try await $0.value }
        await runner.shutdown()

        // Then one merged call served the three, and each got its own labels and maps
        #expect(Array(gate.recorded.dropFirst()) == [EngineCall(rows: 6, requests: 3)])
        let session = try InferenceSession(serialized: bytes)
        for (input, reply) in zip([request(1, 0)] + inputs, replies) {
            let expected = try session.run(input)
            #expect(reply.map(\.name) == ["output_label", "output_probability"])
            for output in reply {
                #expect(same(output.value, try #require(expected[output.name])), "\(output.name)")
            }
        }
    }

    @Test func outputsWithoutOneRowPerInputRowFallBackToRunningRequestsAlone() async throws {
        // Given a model whose output sums over rows (shape [4] whatever the batch)
        let bytes = try TestModels.columnSums(input: "x", output: "s")
        let pipeline = try compile("sums", [("sums", bytes)])
        let inputs = (1...3).map { ["x": rows($0, from: Float($0 * 10))] }
        let (runner, gate, tasks) = await holdAndQueue(
            pipeline, batching: BatchingConfig(maxBatchSize: 32, maxDelayMicros: 0),
            queued: inputs, first: ["x": rows(1, from: 0)]
        )

        // When released
        gate.open()
        let replies = try await tasks.asyncMap { try await $0.value }
        await runner.shutdown()

        // Then the merged try was abandoned and every request got its own sums
        #expect(Array(gate.recorded.dropFirst()) == [
            EngineCall(rows: 6, requests: 3),
            EngineCall(rows: 1, requests: 1), EngineCall(rows: 2, requests: 1), EngineCall(rows: 3, requests: 1),
        ])
        let session = try InferenceSession(serialized: bytes)
        for (input, reply) in zip([["x": rows(1, from: 0)]] + inputs, replies) {
            #expect(same(reply[0].value, try session.output("s", for: input)))
        }
    }
}

extension Array {
    /// The elements transformed in order, awaiting each.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
