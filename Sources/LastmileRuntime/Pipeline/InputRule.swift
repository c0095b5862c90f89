import LastmileAPI
import LastmileEngine
import LastmileTensor

/// What a pipeline accepts for one input: element type, rank and fixed dimensions.
struct InputRule: Sendable {
    var name: String
    /// The element type, or nil when the input is not a tensor Lastmile can store.
    var dtype: DType?
    /// The datatype requests must have (`FP32`), or what the input is instead (`JSON`).
    var datatype: String
    /// The declared dimensions, -1 for those that vary; nil when the rank is unknown.
    var dims: [Int]?

    init(_ info: ValueInfo) {
        let spec = ModelSignature.spec(info)
        name = info.name
        datatype = spec.datatype
        if case .tensor(let dtype, let shape) = info.type {
            self.dtype = dtype
            dims = shape.map { $0.map(ModelSignature.size) }
        } else {
            dtype = nil
            dims = spec.shape
        }
    }

    /// `"x" (FP32 [-1, 4])`.
    var summary: String {
        "\"\(name)\" (\(datatype) \(dims.map(Self.format) ?? "of any shape"))"
    }

    /// Throws `.badInput` when the tensor does not fit.
    func check(_ tensor: Tensor) throws {
        guard let dtype, tensor.dtype == dtype else {
            throw RuntimeError(.badInput, "input \"\(name)\" is \(tensor.dtype.v2Name); expected \(datatype)")
        }
        guard let dims else { return }
        let fits = dims.count == tensor.rank && zip(dims, tensor.shape).allSatisfy { $0 == -1 || $0 == $1 }
        guard fits else {
            throw RuntimeError(.badInput, "input \"\(name)\" has shape \(Self.format(tensor.shape)); expected \(Self.format(dims))")
        }
    }

    /// `[1, 3]`.
    static func format(_ dims: [Int]) -> String {
        "[" + dims.map(String.init).joined(separator: ", ") + "]"
    }
}
