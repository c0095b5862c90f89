import LastmileTensor

/// ai.onnx.ml CategoryMapper (opset 1): maps strings to int64 and int64 to strings through the
/// parallel `cats_strings`/`cats_int64s` lists, with `default_int64`/`default_string` for
/// values not in the lists. A repeated category keeps its last pairing, as in onnxruntime.
struct CategoryMapperKernel: Kernel {
    let stringToInt: [String: Int64]
    let intToString: [Int64: String]
    let defaultInt: Int64
    let defaultString: String

    init(_ ctx: NodeContext) throws {
        let strings = try ctx.strings("cats_strings", default: [])
        let ints = try ctx.ints("cats_int64s", default: [])
        guard strings.count == ints.count else {
            throw OpError("\"cats_strings\" has \(strings.count) entries but \"cats_int64s\" has \(ints.count)")
        }
        var s2i: [String: Int64] = [:]
        var i2s: [Int64: String] = [:]
        for (s, i) in zip(strings, ints) {
            s2i[s] = Int64(i)
            i2s[Int64(i)] = s
        }
        stringToInt = s2i
        intToString = i2s
        defaultInt = Int64(try ctx.int("default_int64", default: -1))
        defaultString = try ctx.string("default_string", default: "_Unused")
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        switch x.storage {
        case .string(let a):
            return [.tensor(Tensor(unchecked: x.shape, a.map { stringToInt[$0] ?? defaultInt }))]
        case .int64(let a):
            return [.tensor(Tensor(unchecked: x.shape, a.map { intToString[$0] ?? defaultString }))]
        case .int32(let a):
            return [.tensor(Tensor(unchecked: x.shape, a.map { intToString[Int64($0)] ?? defaultString }))]
        default:
            throw OpError("CategoryMapper does not accept a \(x.dtype) input; expected string or int64")
        }
    }
}
