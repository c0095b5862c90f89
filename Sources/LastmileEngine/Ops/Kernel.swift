import LastmileTensor

/// A compiled operator: built once per node when a session is created, immutable, and shared
/// by every concurrent run of the session.
package protocol Kernel: Sendable {
    /// Computes the node's outputs, one `Value` per node output (trailing unused outputs may be
    /// left out). Errors are `OpError`s; the session prefixes the node's name and op.
    func run(_ inputs: KernelInputs) throws -> [Value]
}

/// The inputs of one kernel call, by position; omitted optional inputs are nil.
package struct KernelInputs {
    package var values: [Value?]
    /// The node's input names, for messages.
    package var names: [String]
    /// Values of the enclosing graphs that the node's subgraphs read, by name (If, Loop, Scan).
    package var captured: [String: Value]

    package init(values: [Value?], names: [String], captured: [String: Value] = [:]) {
        self.values = values
        self.names = names
        self.captured = captured
    }

    package var count: Int { values.count }

    /// Whether input `index` was given.
    package func has(_ index: Int) -> Bool {
        index < values.count && values[index] != nil
    }

    /// Input `index`, which must be present.
    package func value(_ index: Int) throws -> Value {
        guard index < values.count, let value = values[index] else {
            throw OpError("required input \(index) is missing")
        }
        return value
    }

    /// Input `index` as a tensor; it must be present and be a tensor.
    package func tensor(_ index: Int) throws -> Tensor {
        guard let tensor = try optionalTensor(index) else {
            throw OpError("required input \(index) is missing")
        }
        return tensor
    }

    /// Input `index` as a tensor, or nil when it was omitted.
    package func optionalTensor(_ index: Int) throws -> Tensor? {
        guard index < values.count, let value = values[index] else { return nil }
        guard case .tensor(let tensor) = value else {
            throw OpError("input \(index) (\"\(index < names.count ? names[index] : "")\") is a \(value.typeDescription), expected a tensor")
        }
        return tensor
    }
}

/// A kernel defined by a closure, for ops whose whole state is a few captured attributes.
package struct ClosureKernel: Kernel {
    package let body: @Sendable (KernelInputs) throws -> [Value]

    package init(_ body: @escaping @Sendable (KernelInputs) throws -> [Value]) {
        self.body = body
    }

    package func run(_ inputs: KernelInputs) throws -> [Value] {
        try body(inputs)
    }
}
