import LastmileTensor

/// `Loop`: runs its body while the trip count and the condition allow, carrying values from
/// one iteration to the next and stacking per-iteration scan outputs.
struct Loop: Kernel {
    let body: Subgraph
    let bodyOutputTypes: [ValueType]
    /// A loop with neither a trip count nor a condition is infinite; stop it here instead.
    static let iterationLimit = 10_000_000

    init(_ ctx: NodeContext) throws {
        body = try ctx.subgraph("body")
        bodyOutputTypes = (try ctx.optionalGraph("body"))?.outputs.map(\.type) ?? []
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let maxTrips = try inputs.optionalTensor(0).map { tensor -> Int in
            guard tensor.count == 1, let n = tensor.ints?.first else { throw OpError("M must be a single integer") }
            return n
        }
        var condition = try inputs.optionalTensor(1).map { tensor -> Bool in
            guard tensor.count == 1, let flag = try tensor.cast(to: .bool).elements(Bool.self)?.first else {
                throw OpError("cond must be a single boolean")
            }
            return flag
        } ?? true
        var carried: [Value] = []
        for index in 2..<max(inputs.count, 2) { carried.append(try inputs.value(index)) }
        let carriedCount = carried.count
        var scans: [[Value]] = []
        var iteration = 0
        while condition && iteration < (maxTrips ?? Self.iterationLimit) {
            let outputs = try body.run(
                [.tensor(Tensor(scalar: Int64(iteration))), .tensor(Tensor(scalar: condition))] + carried,
                captured: inputs.captured)
            guard outputs.count >= 1 + carriedCount else {
                throw OpError("the body returns \(outputs.count) values, expected at least \(1 + carriedCount)")
            }
            guard let flag = try outputs[0].tensor?.cast(to: .bool).elements(Bool.self)?.first else {
                throw OpError("the body's condition output is not a boolean")
            }
            condition = flag
            carried = Array(outputs[1...carriedCount])
            let scanOutputs = Array(outputs[(1 + carriedCount)...])
            if scans.isEmpty { scans = scanOutputs.map { _ in [] } }
            for (k, value) in scanOutputs.enumerated() { scans[k].append(value) }
            iteration += 1
        }
        let scanCount = max(bodyOutputTypes.count - 1 - carriedCount, 0)
        var results = carried
        for k in 0..<scanCount {
            let values = k < scans.count ? scans[k] : []
            if values.contains(where: { $0.tensor == nil }) {
                results.append(.sequence(values))
                continue
            }
            var emptyType = DType.float32
            if case .tensor(let dtype?, _) = bodyOutputTypes[1 + carriedCount + k] { emptyType = dtype }
            results.append(.tensor(try Tensor.stack(values.compactMap(\.tensor), emptyType: emptyType)))
        }
        return results
    }
}
