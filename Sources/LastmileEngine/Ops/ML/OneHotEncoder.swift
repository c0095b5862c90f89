import LastmileTensor

/// ai.onnx.ml OneHotEncoder (opset 1): appends an axis of one float per category, 1 at the
/// input's category. Numeric inputs are truncated to int64 and looked up in `cats_int64s`,
/// strings in `cats_strings`; an unknown category gives all zeros, or an error when `zeros` is 0.
struct OneHotEncoderKernel: Kernel {
    let intCategories: [Int64: Int]
    let stringCategories: [String: Int]
    let categoryCount: Int
    let zeros: Bool

    init(_ ctx: NodeContext) throws {
        let ints = try ctx.ints("cats_int64s", default: [])
        let strings = try ctx.strings("cats_strings", default: [])
        guard ints.isEmpty || strings.isEmpty else {
            throw OpError("only one of \"cats_int64s\" and \"cats_strings\" may be given")
        }
        categoryCount = max(ints.count, strings.count)
        guard categoryCount > 0 else { throw OpError("one of \"cats_int64s\" or \"cats_strings\" must be non-empty") }
        var intMap: [Int64: Int] = [:]
        for (i, c) in ints.enumerated() { intMap[Int64(c)] = i }
        var stringMap: [String: Int] = [:]
        for (i, c) in strings.enumerated() { stringMap[c] = i }
        intCategories = intMap
        stringCategories = stringMap
        zeros = try ctx.int("zeros", default: 1) != 0
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        let n = categoryCount
        var out = [Float](repeating: 0, count: x.count * n)
        func set(_ i: Int, _ category: Int?) throws {
            if let category {
                out[i * n + category] = 1
            } else if !zeros {
                throw OpError("OneHotEncoder input element \(i) is not a known category and zeros is 0")
            }
        }
        switch x.storage {
        case .string(let a):
            for i in a.indices { try set(i, stringCategories[a[i]]) }
        case .int64(let a):
            for i in a.indices { try set(i, intCategories[a[i]]) }
        case .int32(let a):
            for i in a.indices { try set(i, intCategories[Int64(a[i])]) }
        case .float32(let a):
            for i in a.indices { try set(i, intCategories[Int64(lossyDouble: Double(a[i]))]) }
        case .float64(let a):
            for i in a.indices { try set(i, intCategories[Int64(lossyDouble: a[i])]) }
        default:
            throw OpError("OneHotEncoder does not accept a \(x.dtype) input; expected string, int64, int32, float or double")
        }
        return [.tensor(Tensor(unchecked: x.shape + [n], out))]
    }
}
