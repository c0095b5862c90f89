import LastmileTensor

/// An immutable, compiled graph: kernels in topological order over numbered value slots, with
/// the slots each step releases once its last reader has run.
///
/// A plan is shared by every run of a session; a run's state is only its array of slots.
package struct Plan: Sendable {
    package struct Step: Sendable {
        package var kernel: any Kernel
        /// Slot of each node input, or -1 for an omitted optional input.
        package var inputs: [Int]
        package var inputNames: [String]
        /// Slot of each node output, or -1 for an output nothing reads.
        package var outputs: [Int]
        /// Slots no later step reads, cleared after this step so their memory is freed.
        package var releases: [Int]
        /// Values of this or enclosing graphs that the node's subgraphs read, with their slots.
        package var captures: [(name: String, slot: Int)]
        /// `node "name" (OpType, opset N)`, for messages.
        package var label: String
    }

    package var steps: [Step]
    /// Slot contents at the start of every run: constants filled in, everything else nil.
    package var initialSlots: [Value?]
    /// Slot of each graph input (overridable initializers included).
    package var inputSlots: [String: Int]
    /// Graph outputs in declared order with their slots.
    package var outputSlots: [(name: String, slot: Int)]
    /// Slots of values an enclosing graph provides (subgraphs only), by name.
    package var capturedSlots: [String: Int]

    /// Compiles a graph: orders nodes topologically, reports every unsupported op at once,
    /// builds each node's kernel and computes value lifetimes.
    /// `outerScope` names values an enclosing graph provides at run time (for subgraphs).
    package init(graph: Graph, opsets: [String: Int], registry: OpRegistry, outerScope: Set<String> = []) throws {
        try Self.checkSupport(graph: graph, opsets: opsets, registry: registry)

        var slotOf: [String: Int] = [:]
        var initialSlots: [Value?] = []
        func slot(_ name: String) -> Int {
            if let existing = slotOf[name] { return existing }
            slotOf[name] = initialSlots.count
            initialSlots.append(nil)
            return initialSlots.count - 1
        }

        let inputNames = Set(graph.inputs.map(\.name))
        var constants: [String: Tensor] = [:]
        for (name, tensor) in graph.initializers {
            initialSlots[slot(name)] = .tensor(tensor)
            if !inputNames.contains(name) { constants[name] = tensor }
        }
        var inputSlots: [String: Int] = [:]
        for input in graph.inputs { inputSlots[input.name] = slot(input.name) }
        var capturedSlots: [String: Int] = [:]
        for name in outerScope where inputSlots[name] == nil && graph.initializers[name] == nil {
            capturedSlots[name] = slot(name)
        }

        let order = try Self.topologicalOrder(graph, outerScope: outerScope)
        var steps: [Step] = []
        steps.reserveCapacity(order.count)
        for index in order {
            let node = graph.nodes[index]
            let opset = opsets[node.domain] ?? 1
            let label = "node \"\(node.name)\" (\(node.opType), opset \(opset))"
            guard let factory = registry.factory(domain: node.domain, opType: node.opType) else {
                throw EngineError(.unsupportedModel, "\(label) is not supported")
            }
            var kernel: any Kernel
            do {
                kernel = try factory(NodeContext(node: node, opset: opset, constants: constants, opsets: opsets, registry: registry))
                if let activation = node.fusedActivation {
                    if let fusing = kernel as? any ActivationFusing {
                        kernel = fusing.fusing(activation)
                    } else {
                        kernel = FusedActivationKernel(inner: kernel, activation: activation)
                    }
                }
            } catch let error as OpError {
                throw EngineError(error.isUnsupported ? .unsupportedModel : .invalidModel, "\(label): \(error.message)",
                                  unsupported: error.isUnsupported ? ["\(node.domain):\(node.opType) (opset \(opset))"] : [])
            } catch let error as EngineError {
                throw EngineError(error.code, "\(label): \(error.message)", unsupported: error.unsupported)
            } catch {
                throw EngineError(.invalidModel, "\(label): \(error)", underlying: error)
            }
            let step = Step(
                kernel: kernel,
                inputs: node.inputs.map { $0.isEmpty ? -1 : slot($0) },
                inputNames: node.inputs,
                outputs: node.outputs.map { $0.isEmpty ? -1 : slot($0) },
                releases: [],
                captures: node.subgraphCaptures.sorted().map { ($0, slot($0)) },
                label: label)
            // A Constant node's value is known now: keep it as a constant so later kernels can
            // read it when they are built (a Reshape's shape, a Slice's bounds).
            if node.domain == Domain.onnx && node.opType == "Constant",
               let value = try? kernel.run(KernelInputs(values: [], names: [])).first,
               case .tensor(let tensor) = value, let out = node.outputs.first, !out.isEmpty {
                initialSlots[slot(out)] = value
                constants[out] = tensor
                continue
            }
            steps.append(step)
        }

        var outputSlots: [(name: String, slot: Int)] = []
        for output in graph.outputs {
            guard let s = slotOf[output.name] else {
                throw EngineError(.invalidModel, "graph output \"\(output.name)\" is not produced by any node, input or initializer")
            }
            outputSlots.append((output.name, s))
        }

        // Lifetimes: a slot is released after the last step that reads it (or right after the
        // step that writes it, when nothing reads it), unless it is a graph output.
        let kept = Set(outputSlots.map(\.slot))
        var lastUse = [Int](repeating: -1, count: initialSlots.count)
        for (i, step) in steps.enumerated() {
            for s in step.outputs where s >= 0 { lastUse[s] = max(lastUse[s], i) }
            for s in step.inputs where s >= 0 { lastUse[s] = i }
            for (_, s) in step.captures { lastUse[s] = i }
        }
        for s in lastUse.indices where lastUse[s] >= 0 && !kept.contains(s) {
            steps[lastUse[s]].releases.append(s)
        }

        self.steps = steps
        self.initialSlots = initialSlots
        self.inputSlots = inputSlots
        self.outputSlots = outputSlots
        self.capturedSlots = capturedSlots
    }

    /// Runs every step over `slots` (which hold the constants, inputs and captured values).
    ///
    /// With `buffers`, kernels draw output buffers from it (as `BufferPool.current`) and each
    /// released tensor's buffer goes back to it when nothing else references it.
    package func execute(_ slots: inout [Value?], buffers: BufferPool?) throws {
        guard let buffers, BufferPool.current !== buffers else {
            return try run(&slots, buffers: buffers)
        }
        try BufferPool.$current.withValue(buffers) { try run(&slots, buffers: buffers) }
    }

    private func run(_ slots: inout [Value?], buffers: BufferPool?) throws {
        for step in steps {
            try perform(step, &slots)
            for slot in step.releases {
                guard let buffers, case .tensor(var tensor)? = slots[slot] else {
                    slots[slot] = nil
                    continue
                }
                slots[slot] = nil  // leaves `tensor` as the slot's only reference
                buffers.recycle(&tensor)
            }
        }
    }

    /// Runs one step's kernel and stores its outputs. Its own references to the values die
    /// when it returns, before the step's releases check which buffers are unique.
    private func perform(_ step: Step, _ slots: inout [Value?]) throws {
        var arguments: [Value?] = []
        arguments.reserveCapacity(step.inputs.count)
        for slot in step.inputs { arguments.append(slot < 0 ? nil : slots[slot]) }
        var captured: [String: Value] = [:]
        for (name, slot) in step.captures { captured[name] = slots[slot] }
        let results: [Value]
        do {
            results = try step.kernel.run(KernelInputs(values: arguments, names: step.inputNames, captured: captured))
        } catch let error as OpError {
            throw EngineError(error.isUnsupported ? .unsupportedModel : .executionFailed, "\(step.label): \(error.message)")
        } catch let error as EngineError {
            throw EngineError(error.code, "\(step.label): \(error.message)", unsupported: error.unsupported, underlying: error.underlying)
        } catch {
            throw EngineError(.executionFailed, "\(step.label): \(error)", underlying: error)
        }
        for (k, slot) in step.outputs.enumerated() where slot >= 0 {
            guard k < results.count else {
                throw EngineError(.executionFailed, "\(step.label): produced \(results.count) outputs, but the model reads output \(k)")
            }
            slots[slot] = results[k]
        }
    }

    /// Throws once, listing every `domain:OpType (opset N)` the registry lacks, in subgraphs too.
    package static func checkSupport(graph: Graph, opsets: [String: Int], registry: OpRegistry) throws {
        var missing: [String] = []
        func visit(_ graph: Graph) {
            for node in graph.nodes {
                if registry.factory(domain: node.domain, opType: node.opType) == nil {
                    let entry = "\(node.domain):\(node.opType) (opset \(opsets[node.domain] ?? 1))"
                    if !missing.contains(entry) { missing.append(entry) }
                }
                for attribute in node.attributes.values {
                    if case .graph(let g) = attribute { visit(g) }
                    if case .graphs(let gs) = attribute { gs.forEach(visit) }
                }
            }
        }
        visit(graph)
        guard missing.isEmpty else {
            throw EngineError(
                .unsupportedModel,
                "the model uses \(missing.count) operator\(missing.count == 1 ? "" : "s") Lastmile does not support: \(missing.joined(separator: ", "))",
                unsupported: missing)
        }
    }

    /// Node indices in an order where every node runs after the producers of its inputs,
    /// keeping the model's order where it already is one; throws when an input has no
    /// producer or the graph has a cycle.
    private static func topologicalOrder(_ graph: Graph, outerScope: Set<String>) throws -> [Int] {
        let available = Set(graph.inputs.map(\.name)).union(graph.initializers.keys).union([""])
        var producer: [String: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty { producer[output] = i }
        }
        var dependencies: [[Int]] = []
        dependencies.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            var deps: [Int] = []
            for input in node.inputs + node.subgraphCaptures.sorted() where !available.contains(input) {
                guard let p = producer[input] else {
                    if outerScope.contains(input) { continue }
                    throw EngineError(.invalidModel, "node \"\(node.name)\" (\(node.opType)) reads \"\(input)\", which no node, graph input or initializer provides")
                }
                deps.append(p)
            }
            dependencies.append(deps)
        }
        // Iterative depth-first search (deep networks would overflow a recursive one).
        enum State { case unvisited, visiting, done }
        var state = [State](repeating: .unvisited, count: graph.nodes.count)
        var order: [Int] = []
        order.reserveCapacity(graph.nodes.count)
        for root in graph.nodes.indices where state[root] == .unvisited {
            var stack: [(node: Int, expanded: Bool)] = [(root, false)]
            while let (node, expanded) = stack.popLast() {
                if expanded {
                    state[node] = .done
                    order.append(node)
                    continue
                }
                if state[node] == .done { continue }
                if state[node] == .visiting {
                    throw EngineError(.invalidModel, "the graph has a cycle through node \"\(graph.nodes[node].name)\"")
                }
                state[node] = .visiting
                stack.append((node, true))
                for dep in dependencies[node].reversed() where state[dep] != .done {
                    if state[dep] == .visiting {
                        throw EngineError(.invalidModel, "the graph has a cycle through node \"\(graph.nodes[dep].name)\"")
                    }
                    stack.append((dep, false))
                }
            }
        }
        return order
    }
}
