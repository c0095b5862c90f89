import Foundation
import LastmileEngine
import LastmileTensor
@testable import LastmileRuntime

/// A door replica threads pass before every engine call: it records the call and, while
/// closed, holds the replica, so tests decide what is queued when the replica looks next.
final class Gate: @unchecked Sendable {
    // Safety: `isOpen` and `calls` are only touched while `condition` is locked.
    private let condition = NSCondition()
    private var isOpen: Bool
    private var calls: [EngineCall] = []

    init(open: Bool = false) {
        isOpen = open
    }

    /// The hook to give the runner.
    var hook: @Sendable (EngineCall) -> Void {
        { [self] call in pass(call) }
    }

    /// Records the call and waits until the gate is open.
    func pass(_ call: EngineCall) {
        condition.lock()
        defer { condition.unlock() }
        calls.append(call)
        while !isOpen { condition.wait() }
    }

    /// Lets every held and later call through.
    func open() {
        condition.lock()
        defer { condition.unlock() }
        isOpen = true
        condition.broadcast()
    }

    /// The engine calls so far, in the order replicas made them.
    var recorded: [EngineCall] {
        condition.lock()
        defer { condition.unlock() }
        return calls
    }
}

/// Waits (polling, without asserting any duration) until `condition` holds or a generous
/// bound passes; the caller then `#expect`s the condition itself.
func eventually(_ condition: () -> Bool) async {
    for _ in 0..<20_000 where !condition() {
        try? await Task.sleep(for: .milliseconds(1))
    }
}

/// x + [1, 2, 3, 4] then * [0.5, -1, 2, 10], and the same two models as bare sessions.
struct AddMul {
    let add: Data
    let mul: Data
    let pipeline: CompiledPipeline
    private let addSession: InferenceSession
    private let mulSession: InferenceSession

    init() throws {
        add = try TestModels.binary("Add", input: "x", output: "y", constant: [1, 2, 3, 4])
        mul = try TestModels.binary("Mul", input: "y", output: "z", constant: [0.5, -1, 2, 10])
        pipeline = try compile("addmul", [("add", add), ("mul", mul)])
        addSession = try InferenceSession(serialized: add)
        mulSession = try InferenceSession(serialized: mul)
    }

    /// "z" for `x`, computed by running the two sessions by hand.
    func expected(_ x: Tensor) throws -> Value {
        guard let y = try addSession.run(["x": x])["y"], let z = try mulSession.run(values: ["y": y])["z"] else {
            throw MissingOutput()
        }
        return z
    }

    /// "z" for a request's "x".
    func expected(_ inputs: [String: Tensor]) throws -> Value {
        guard let x = inputs["x"] else { throw MissingOutput() }
        return try expected(x)
    }
}

/// A model run by hand did not give the output a test compares against.
struct MissingOutput: Error {}

extension InferenceSession {
    /// One output of a run by hand, throwing when the model does not give it.
    func output(_ name: String, for inputs: [String: Tensor]) throws -> Value {
        guard let value = try run(inputs)[name] else { throw MissingOutput() }
        return value
    }
}
