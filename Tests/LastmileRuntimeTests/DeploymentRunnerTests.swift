import Foundation
import LastmileAPI
import LastmileEngine
import LastmileTensor
import Testing
@testable import LastmileRuntime

@Suite struct DeploymentRunnerTests {
    @Test(arguments: [
        DeploymentConfig(replicas: 2),
        DeploymentConfig(replicas: 2, batching: BatchingConfig(maxBatchSize: 8, maxDelayMicros: 200)),
        DeploymentConfig(replicas: 1, batching: BatchingConfig(maxBatchSize: 64, maxDelayMicros: 0)),
    ])
    func concurrentRequestsEachGetTheirOwnResults(config: DeploymentConfig) async throws {
        // Given a deployed two-step pipeline
        let models = try AddMul()
        let runner = DeploymentRunner(pipeline: models.pipeline, config: config)

        // When 200 requests of 1 to 3 rows, each with its own numbers, arrive at once
        let results = try await withThrowingTaskGroup(of: (Int, [NamedValue]).self) { group in
            for i in 0..<200 {
                group.addTask { (i, try await runner.infer(["x": rows(1 + i % 3, from: Float(i * 100))])) }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        await runner.shutdown()

        // Then every reply is what the sessions give for that request alone
        #expect(results.count == 200)
        for (i, outputs) in results {
            let expected = try models.expected(rows(1 + i % 3, from: Float(i * 100)))
            #expect(outputs.map(\.name) == ["z"])
            #expect(same(try #require(outputs.first).value, expected), "request \(i)")
        }
    }

    @Test func fullQueueRefusesWithOverloadedAndQueuedRequestsStillFinish() async throws {
        // Given one replica held in its first run and a queue of capacity 2, filled
        let models = try AddMul()
        let gate = Gate()
        let runner = DeploymentRunner(pipeline: models.pipeline, config: DeploymentConfig(replicas: 1, queueCapacity: 2), beforeEngineCall: gate.hook)
        let held = Task { try await runner.infer(["x": rows(1, from: 0)]) }
        await eventually { gate.recorded.count == 1 }
        let queued = (1...2).map { i in Task { try await runner.infer(["x": rows(1, from: Float(i))]) } }
        await eventually { runner.queueDepth == 2 }
        #expect(runner.queueDepth == 2)

        // When one more request arrives
        let error = await #expect(throws: RuntimeError.self) { try await runner.infer(["x": rows(1, from: 9)]) }

        // Then it is refused as overloaded, and the others complete once the replica moves on
        #expect(error?.code == .overloaded)
        gate.open()
        #expect(same(try await held.value[0].value, try models.expected(rows(1, from: 0))))
        for (i, task) in zip(1..., queued) {
            #expect(same(try await task.value[0].value, try models.expected(rows(1, from: Float(i)))))
        }
        await runner.shutdown()
    }

    @Test func shutdownFinishesInFlightAndQueuedRequestsThenRefusesNewOnes() async throws {
        // Given one replica held in a run with two more requests queued
        let models = try AddMul()
        let gate = Gate()
        let runner = DeploymentRunner(pipeline: models.pipeline, config: DeploymentConfig(replicas: 1), beforeEngineCall: gate.hook)
        let inFlight = (0..<3).map { i in Task { try await runner.infer(["x": rows(2, from: Float(i * 10))]) } }
        await eventually { gate.recorded.count == 1 && runner.queueDepth == 2 }
        #expect(runner.queueDepth == 2)

        // When shutdown begins
        let stopping = Task { await runner.shutdown() }
        await eventually { runner.isStopping }

        // Then new requests are refused as unavailable...
        let refused = await #expect(throws: RuntimeError.self) { try await runner.infer(["x": rows(1, from: 0)]) }
        #expect(refused?.code == .unavailable)

        // ...and once the replica is released, every earlier request completes and shutdown returns
        gate.open()
        await stopping.value
        for (i, task) in inFlight.enumerated() {
            #expect(same(try await task.value[0].value, try models.expected(rows(2, from: Float(i * 10)))))
        }
        #expect(runner.queueDepth == 0)
        let after = await #expect(throws: RuntimeError.self) { try await runner.infer(["x": rows(1, from: 0)]) }
        #expect(after?.code == .unavailable)
    }

    @Test func badRequestsAreRefusedBeforeQueueing() async throws {
        // Given a pipeline taking two inputs, deployed behind a closed gate
        let pipeline = try compile("sum", [("sum", TestModels.sum("a", "b", output: "s"))])
        let gate = Gate()
        let runner = DeploymentRunner(pipeline: pipeline, config: DeploymentConfig(replicas: 1), beforeEngineCall: gate.hook)

        // When inputs disagree on the row count, or one is missing
        let rowMismatch = await #expect(throws: RuntimeError.self) {
            try await runner.infer(["a": rows(2, from: 0), "b": rows(3, from: 0)])
        }
        let missing = await #expect(throws: RuntimeError.self) { try await runner.infer(["a": rows(2, from: 0)]) }

        // Then both are bad input, named, and nothing reached a replica
        #expect(rowMismatch?.code == .badInput)
        #expect(rowMismatch?.message.contains(#"input "a" has 2 rows but input "b" has 3"#) == true)
        #expect(missing?.code == .badInput)
        #expect(missing?.message.contains(#"missing input "b""#) == true)
        #expect(gate.recorded.isEmpty)
        gate.open()
        await runner.shutdown()
    }
}
