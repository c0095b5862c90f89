import Foundation
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing

/// Sessions reuse dead buffers for later outputs without any live value seeing the reuse.
@Suite struct BufferReuseTests {
    private func fixture(_ name: String) throws -> Fixture {
        try Fixture(directory: Fixture.committedRoot.appendingPathComponent(name))
    }

    private func feeds(_ fixture: Fixture) throws -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: try fixture.request().map { ($0.name, $0.tensor) })
    }

    /// The fixture's inputs with every float element doubled: other values of the same shapes.
    private func otherFeeds(_ fixture: Fixture) throws -> [String: Tensor] {
        try feeds(fixture).mapValues { tensor in
            guard let floats = tensor.elements(Float.self) else { return tensor }
            return try Tensor(shape: tensor.shape, elements: floats.map { $0 * 2 + 1 })
        }
    }

    private func mismatches(_ outputs: [String: Value], _ fixture: Fixture) throws -> [String] {
        try fixture.expectedOutputs().compactMap { expected in
            guard let value = outputs[expected.name] else { return "\(expected.name) missing" }
            return expected.mismatch(value, rtol: fixture.rtol, atol: fixture.atol)
        }
    }

    // Only buffers of 16 KiB and more are pooled (see `BufferPool.minimumBytes`); of the
    // fixtures, the CNN has such intermediates at its request's shapes.
    @Test(arguments: ["small_resnet"])
    func secondRunAllocatesOnlyItsOutputs(_ name: String) throws {
        // Given a fixed-shape model run once
        let fixture = try fixture(name)
        let session = try InferenceSession(contentsOf: fixture.modelURL)
        let feeds = try feeds(fixture)
        _ = try session.run(feeds)
        let afterFirst = session.bufferStatistics

        // When it runs again on inputs of the same shapes
        let outputs = try session.run(feeds)
        let second = BufferPool.Statistics(
            fresh: session.bufferStatistics.fresh - afterFirst.fresh,
            reused: session.bufferStatistics.reused - afterFirst.reused)

        // Then every intermediate buffer is a reused one: only the outputs, which the caller
        // keeps, need fresh memory, however many ops the model has
        #expect(second.fresh <= session.outputs.count, "\(name): \(second)")
        #expect(second.reused > 0, "\(name): \(second)")
        #expect(second.fresh + second.reused == afterFirst.fresh + afterFirst.reused, "\(name): the runs asked for different buffers")
        // And the outputs still match onnxruntime
        #expect(try mismatches(outputs, fixture).isEmpty)
    }

    @Test(arguments: ["torch_mlp", "small_resnet"])
    func outputsOfOneRunSurviveTheNext(_ name: String) throws {
        // Given the outputs of a run on the fixture's request
        let fixture = try fixture(name)
        let session = try InferenceSession(contentsOf: fixture.modelURL)
        let first = try session.run(feeds(fixture))

        // When the session runs twice more on other inputs of the same shapes
        _ = try session.run(otherFeeds(fixture))
        _ = try session.run(otherFeeds(fixture))

        // Then the first outputs still match onnxruntime's
        #expect(try mismatches(first, fixture).isEmpty)
    }

    @Test func concurrentRunsOnOtherInputsDoNotMixBuffers() throws {
        // Given one CNN session and two sets of inputs of the same shapes
        let fixture = try fixture("small_resnet")
        let session = try InferenceSession(contentsOf: fixture.modelURL)
        let feeds = try feeds(fixture)
        let other = try otherFeeds(fixture)
        let failures = Failures()

        // When 8 threads run it at once, half of the runs on the other inputs
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<6 {
                do {
                    if (worker + round) % 2 == 0 {
                        let problems = try mismatches(session.run(feeds), fixture)
                        if !problems.isEmpty { failures.add("worker \(worker), round \(round): \(problems[0])") }
                    } else {
                        _ = try session.run(other)
                    }
                } catch {
                    failures.add("worker \(worker), round \(round): \(error)")
                }
            }
        }

        // Then every run on the fixture's inputs matched onnxruntime
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
    }

    @Test func aViewOfAReleasedValueKeepsItsBuffer() throws {
        // Given a = Relu(x), an output v = Reshape(a) sharing a's buffer, and b = Neg(x) of
        // a's size computed after a's last reader
        // (64 x 96 floats, 24 KiB: large enough to be pooled)
        var builder = ModelBuilder()
        builder.input("x", .float32, [64, 96])
        builder.initializer("flat", try Tensor(shape: [1], elements: [Int64(64 * 96)]))
        builder.node("Relu", inputs: ["x"], outputs: ["a"])
        builder.node("Reshape", inputs: ["a", "flat"], outputs: ["v"])
        builder.node("Neg", inputs: ["x"], outputs: ["b"])
        builder.output("v", .float32, [64 * 96])
        builder.output("b", .float32, [64, 96])
        let session = try InferenceSession(serialized: builder.serialized())
        let values = (0..<(64 * 96)).map { Float($0 % 7 - 3) }
        let x = try Tensor(shape: [64, 96], elements: values)

        // When it runs twice
        _ = try session.run(["x": x])
        let out = try session.run(["x": x])

        // Then the view keeps a's values although a was released before b was computed
        #expect(out["v"]?.tensor?.elements(Float.self) == values.map { Swift.max($0, 0) })
        #expect(out["b"]?.tensor?.elements(Float.self) == values.map { -$0 })
        // (and these sizes went through the pool, so a wrong reuse of a's buffer would show)
        #expect(session.bufferStatistics.fresh > 0)
    }

    @Test func sessionsWithoutReuseKeepNoBuffers() throws {
        // Given a session with buffer reuse turned off
        let fixture = try fixture("small_resnet")
        let session = try InferenceSession(contentsOf: fixture.modelURL, options: SessionOptions(reusesBuffers: false))

        // When it runs twice
        _ = try session.run(feeds(fixture))
        let outputs = try session.run(feeds(fixture))

        // Then no pool served it, and its outputs match onnxruntime
        #expect(session.bufferStatistics == BufferPool.Statistics())
        #expect(try mismatches(outputs, fixture).isEmpty)
    }

    @Test func smallBuffersAreLeftToMalloc() throws {
        // Given an MLP whose values are all far below 16 KiB
        let fixture = try fixture("torch_mlp")
        let session = try InferenceSession(contentsOf: fixture.modelURL)

        // When it runs twice
        _ = try session.run(feeds(fixture))
        let outputs = try session.run(feeds(fixture))

        // Then the pool served none of them, and the outputs match onnxruntime
        #expect(session.bufferStatistics == BufferPool.Statistics())
        #expect(try mismatches(outputs, fixture).isEmpty)
    }

    @Test func aSessionThatStartsSmallPoolsOnceItsValuesGrow() throws {
        // Given a model with a dynamic batch, first run on one small row (nothing to pool,
        // so later runs skip the pool and only probe it every 64th run)
        var builder = ModelBuilder()
        builder.input("x", .float32, [nil, 96])
        builder.node("Relu", inputs: ["x"], outputs: ["a"])
        builder.node("Neg", inputs: ["a"], outputs: ["b"])
        builder.output("b", .float32, [nil, 96])
        let session = try InferenceSession(serialized: builder.serialized())
        _ = try session.run(["x": try Tensor(shape: [1, 96], elements: [Float](repeating: 1, count: 96))])
        #expect(session.bufferStatistics == BufferPool.Statistics())

        // When it then runs 70 times on 64 rows (24 KiB values)
        let big = (0..<(64 * 96)).map { Float($0 % 5) - 2 }
        var last: [String: Value] = [:]
        for _ in 0..<70 {
            last = try session.run(["x": try Tensor(shape: [64, 96], elements: big)])
        }

        // Then the pool took over again and the answers are still right
        #expect(session.bufferStatistics.reused > 0)
        #expect(last["b"]?.tensor?.elements(Float.self) == big.map { -Swift.max($0, 0) })
    }
}
