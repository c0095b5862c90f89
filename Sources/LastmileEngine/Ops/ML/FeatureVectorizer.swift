import LastmileTensor

/// ai.onnx.ml FeatureVectorizer (opset 1): concatenates its inputs along the feature axis as
/// float, each cut or zero-padded to its `inputdimensions` entry.
struct FeatureVectorizerKernel: Kernel {
    let dimensions: [Int]

    init(_ ctx: NodeContext) throws {
        dimensions = try ctx.ints("inputdimensions", default: [])
        guard dimensions.allSatisfy({ $0 >= 0 }) else { throw OpError("attribute \"inputdimensions\" has a negative entry") }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        guard inputs.count == dimensions.count else {
            throw OpError("FeatureVectorizer has \(inputs.count) inputs but \(dimensions.count) \"inputdimensions\" entries")
        }
        let total = dimensions.reduce(0, +)
        var rows = -1
        var out: [Float] = []
        var offset = 0
        for (k, size) in dimensions.enumerated() {
            let x = try inputs.tensor(k)
            guard x.rank >= 1 else { throw OpError("FeatureVectorizer input \(k) is a scalar; expected [N, F] or [F]") }
            let n = x.rank == 1 ? 1 : x.shape[0]
            let width = x.rank == 1 ? x.shape[0] : Shape.count(Array(x.shape.dropFirst()))
            if rows < 0 {
                rows = n
                out = [Float](repeating: 0, count: rows * total)
            } else if n != rows {
                throw OpError("FeatureVectorizer input \(k) has \(n) rows but input 0 has \(rows)")
            }
            let values = try MLInput.floats(x, op: "FeatureVectorizer")
            let copy = min(width, size)
            for r in 0..<n {
                for j in 0..<copy { out[r * total + offset + j] = values[r * width + j] }
            }
            offset += size
        }
        return [.tensor(Tensor(unchecked: [max(rows, 0), total], out))]
    }
}
