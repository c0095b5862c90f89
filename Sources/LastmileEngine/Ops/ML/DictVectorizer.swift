import LastmileTensor

/// ai.onnx.ml DictVectorizer (opset 1): writes the values of a map in vocabulary order,
/// `[1, V]` (or `[N, V]` for a sequence of N maps), zero for keys the map lacks.
struct DictVectorizerKernel: Kernel {
    let stringVocabulary: [String]
    let intVocabulary: [Int64]

    init(_ ctx: NodeContext) throws {
        stringVocabulary = try ctx.strings("string_vocabulary", default: [])
        intVocabulary = try ctx.ints("int64_vocabulary", default: []).map { Int64($0) }
        guard stringVocabulary.isEmpty != intVocabulary.isEmpty else {
            throw OpError("exactly one of \"string_vocabulary\" and \"int64_vocabulary\" must be given")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let maps: [MapValue]
        switch try inputs.value(0) {
        case .map(let m): maps = [m]
        case .sequence(let items):
            maps = try items.map {
                guard case .map(let m) = $0 else { throw OpError("DictVectorizer expects a map or a sequence of maps") }
                return m
            }
        case .tensor: throw OpError("DictVectorizer expects a map, got a tensor")
        }
        guard let valueType = maps.first?.values.dtype else {
            return [.tensor(Tensor.zeros(.float32, shape: [0, max(stringVocabulary.count, intVocabulary.count)]))]
        }
        var positions: [[Int]] = []
        for m in maps {
            guard m.values.dtype == valueType else { throw OpError("DictVectorizer maps have different value types") }
            positions.append(try vocabularyPositions(m.keys))
        }
        let width = max(stringVocabulary.count, intVocabulary.count)
        let storage = try TensorStorage.zeros(valueType, count: 0).transformed(
            Vectorize(maps: maps, positions: positions, width: width))
        return [.tensor(try Tensor(shape: [maps.count, width], storage: storage))]
    }

    /// For each vocabulary entry, the index of its key in `keys` or -1.
    private func vocabularyPositions(_ keys: Tensor) throws -> [Int] {
        if !stringVocabulary.isEmpty {
            guard let k = keys.elements(String.self) else { throw OpError("DictVectorizer has a string vocabulary but the map keys are \(keys.dtype)") }
            var index: [String: Int] = [:]
            for (i, key) in k.enumerated() { index[key] = i }
            return stringVocabulary.map { index[$0] ?? -1 }
        }
        guard let k = keys.ints else { throw OpError("DictVectorizer has an int64 vocabulary but the map keys are \(keys.dtype)") }
        var index: [Int64: Int] = [:]
        for (i, key) in k.enumerated() { index[Int64(key)] = i }
        return intVocabulary.map { index[$0] ?? -1 }
    }

    private struct Vectorize: ElementTransform {
        let maps: [MapValue]
        let positions: [[Int]]
        let width: Int

        func apply<T: TensorElement>(_: [T]) -> [T] {
            var out = [T](repeating: T.zero, count: maps.count * width)
            for (r, m) in maps.enumerated() {
                guard let values = m.values.elements(T.self) else { continue }
                for (j, p) in positions[r].enumerated() where p >= 0 && p < values.count {
                    out[r * width + j] = values[p]
                }
            }
            return out
        }
    }
}
