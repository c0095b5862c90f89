import Foundation
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing

/// Every committed converter fixture runs through the engine and matches onnxruntime.
@Suite struct ConverterFixtureTests {
    @Test(arguments: try Fixture.all(), [false, true])
    func engineMatchesOnnxruntime(_ fixture: Fixture, optimize: Bool) throws {
        // Given the fixture's model, optimised or as written, and its request
        let session = try InferenceSession(contentsOf: fixture.modelURL, options: SessionOptions(optimize: optimize))
        let feeds = Dictionary(uniqueKeysWithValues: try fixture.request().map { ($0.name, $0.tensor) })

        // When the engine runs it
        let outputs = try session.run(feeds)

        // Then every output matches onnxruntime's within the fixture's tolerance
        for expected in try fixture.expectedOutputs() {
            let value = try #require(outputs[expected.name], "\(fixture.name): output \(expected.name) missing")
            let problem = expected.mismatch(value, rtol: fixture.rtol, atol: fixture.atol)
            #expect(problem == nil, "\(fixture.name) (\(fixture.source)): \(problem ?? "")")
        }
    }

    @Test func oneSessionServesConcurrentRuns() throws {
        // Given one session per fixture and many threads
        let fixtures = try Fixture.all()
        let sessions = try fixtures.map { try InferenceSession(contentsOf: $0.modelURL) }
        let requests = try fixtures.map { fixture in
            Dictionary(uniqueKeysWithValues: try fixture.request().map { ($0.name, $0.tensor) })
        }
        let expected = try fixtures.map { try $0.expectedOutputs() }
        let failures = Failures()

        // When 8 threads run every fixture's session at the same time, several times each
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<3 {
                for i in fixtures.indices {
                    let index = (i + worker + round) % fixtures.count
                    do {
                        let outputs = try sessions[index].run(requests[index])
                        for output in expected[index] {
                            guard let value = outputs[output.name],
                                  output.mismatch(value, rtol: fixtures[index].rtol, atol: fixtures[index].atol) == nil else {
                                failures.add("\(fixtures[index].name): \(output.name)")
                                continue
                            }
                        }
                    } catch {
                        failures.add("\(fixtures[index].name): \(error)")
                    }
                }
            }
        }

        // Then every run matched onnxruntime
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
    }

    /// Runs the broader, uncommitted set of converter outputs written by
    /// `scripts/fixtures/make_extra.py` when `LASTMILE_EXTRA_FIXTURES` names its folder
    /// (`make check-extra`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LASTMILE_EXTRA_FIXTURES"] != nil))
    func extraConverterOutputsMatchOnnxruntime() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["LASTMILE_EXTRA_FIXTURES"] ?? "")
        var passed = 0
        var failed: [String] = []
        for fixture in try Fixture.all(in: root) {
            do {
                let session = try InferenceSession(contentsOf: fixture.modelURL)
                let feeds = Dictionary(uniqueKeysWithValues: try fixture.request().map { ($0.name, $0.tensor) })
                let outputs = try session.run(feeds)
                let problems = try fixture.expectedOutputs().compactMap { expected in
                    outputs[expected.name].map { expected.mismatch($0, rtol: fixture.rtol, atol: fixture.atol) } ?? "\(expected.name) missing"
                }
                if problems.isEmpty { passed += 1 } else { failed.append("\(fixture.name): \(problems[0])") }
            } catch {
                failed.append("\(fixture.name): \(error)")
            }
        }
        print("extra fixtures: \(passed) passed, \(failed.count) failed")
        for line in failed { print("  FAIL \(line)") }
        #expect(failed.isEmpty)
    }
}

/// A thread-safe list of failure messages.
final class Failures: @unchecked Sendable {
    // Safety: every access to `messages` holds `lock`.
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
