import LastmileTensor

/// Cast (opsets 1-23): converts the input to the type named by `to` (a type name string in
/// opset 1, a `TensorProto.DataType` code after). `saturate` only concerns float8 types, which
/// Lastmile does not have, so it is ignored.
struct CastKernel: Kernel {
    let target: DType

    init(_ ctx: NodeContext) throws {
        switch ctx.node.attributes["to"] {
        case .int(let code):
            target = try Self.dtype(code: code)
        case .string(let name):
            guard let match = DType.allCases.first(where: { Self.protoName($0) == name.uppercased() }) else {
                throw OpError("attribute \"to\" names an unsupported type \"\(name)\"")
            }
            target = match
        case nil:
            throw OpError("required attribute \"to\" is missing")
        case .some(let other):
            throw OpError("attribute \"to\" is \(other.typeName), expected INT")
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let input = try inputs.tensor(0)
        return [.tensor(try TensorOps.rethrowing { try input.cast(to: target) })]
    }

    /// The type for an ONNX `TensorProto.DataType` code, or an error naming the code.
    static func dtype(code: Int) throws -> DType {
        if let dtype = DType(onnxCode: code) { return dtype }
        let names = [
            14: "complex64", 15: "complex128", 16: "bfloat16", 17: "float8e4m3fn", 18: "float8e4m3fnuz",
            19: "float8e5m2", 20: "float8e5m2fnuz", 21: "uint4", 22: "int4", 23: "float4e2m1", 24: "float8e8m0",
        ]
        if let name = names[code] { throw OpError("casting to \(name) (type \(code)) is not supported") }
        throw OpError("type code \(code) is not a valid ONNX data type")
    }

    /// The `TensorProto.DataType` enum name of a type (`FLOAT`, `INT64`, ...), as Cast-1 spells it.
    private static func protoName(_ dtype: DType) -> String {
        switch dtype {
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        default: dtype.rawValue.uppercased()
        }
    }
}
