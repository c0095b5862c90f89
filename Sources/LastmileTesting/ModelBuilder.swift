import Foundation
import LastmileONNXProto
import LastmileTensor
import SwiftProtobuf

/// Builds small ONNX models in tests, as protobuf bytes, the way converters write them.
public struct ModelBuilder {
    private var model = Onnx_ModelProto()

    /// A model with the given opsets (`""` is ai.onnx) and IR version.
    public init(opsets: [String: Int] = ["": 17], irVersion: Int = 8) {
        model.irVersion = Int64(irVersion)
        model.producerName = "lastmile-tests"
        model.opsetImport = opsets.sorted { $0.key < $1.key }.map { domain, version in
            var opset = Onnx_OperatorSetIdProto()
            opset.domain = domain
            opset.version = Int64(version)
            return opset
        }
        model.graph.name = "test"
    }

    /// Declares a graph input; `shape` entries of nil are unnamed dimensions.
    public mutating func input(_ name: String, _ dtype: DType, _ shape: [Int?]) {
        model.graph.input.append(Self.valueInfo(name, dtype, shape))
    }

    /// Declares a graph output.
    public mutating func output(_ name: String, _ dtype: DType, _ shape: [Int?]) {
        model.graph.output.append(Self.valueInfo(name, dtype, shape))
    }

    /// Adds an initializer stored as raw data.
    public mutating func initializer(_ name: String, _ tensor: Tensor) {
        var proto = Onnx_TensorProto()
        proto.name = name
        proto.dims = tensor.shape.map { Int64($0) }
        proto.dataType = Int32(tensor.dtype.onnxCode)
        switch tensor.storage {
        case .float32(let a): proto.rawData = a.withUnsafeBytes { Data($0) }
        case .int64(let a): proto.rawData = a.withUnsafeBytes { Data($0) }
        case .float64(let a): proto.rawData = a.withUnsafeBytes { Data($0) }
        default: proto.floatData = (tensor.doubles ?? []).map { Float($0) }
        }
        model.graph.initializer.append(proto)
    }

    /// Adds a node with int, float, string and int-list attributes.
    public mutating func node(
        _ opType: String, domain: String = "", inputs: [String], outputs: [String],
        name: String = "", ints: [String: Int] = [:], floats: [String: Float] = [:],
        strings: [String: String] = [:], intLists: [String: [Int]] = [:]
    ) {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.domain = domain
        node.name = name
        node.input = inputs
        node.output = outputs
        for (key, value) in ints.sorted(by: { $0.key < $1.key }) {
            var a = Onnx_AttributeProto(); a.name = key; a.type = .int; a.i = Int64(value); node.attribute.append(a)
        }
        for (key, value) in floats.sorted(by: { $0.key < $1.key }) {
            var a = Onnx_AttributeProto(); a.name = key; a.type = .float; a.f = value; node.attribute.append(a)
        }
        for (key, value) in strings.sorted(by: { $0.key < $1.key }) {
            var a = Onnx_AttributeProto(); a.name = key; a.type = .string; a.s = Data(value.utf8); node.attribute.append(a)
        }
        for (key, value) in intLists.sorted(by: { $0.key < $1.key }) {
            var a = Onnx_AttributeProto(); a.name = key; a.type = .ints; a.ints = value.map { Int64($0) }; node.attribute.append(a)
        }
        model.graph.node.append(node)
    }

    /// Direct access to the protobuf, for cases the helpers above do not cover.
    public var proto: Onnx_ModelProto {
        get { model }
        set { model = newValue }
    }

    /// The model's protobuf bytes.
    public func serialized() throws -> Data {
        try model.serializedBytes()
    }

    private static func valueInfo(_ name: String, _ dtype: DType, _ shape: [Int?]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(dtype.onnxCode)
        var shapeProto = Onnx_TensorShapeProto()
        shapeProto.dim = shape.map { size in
            var dim = Onnx_TensorShapeProto.Dimension()
            if let size { dim.dimValue = Int64(size) }
            return dim
        }
        tensorType.shape = shapeProto
        info.type.tensorType = tensorType
        return info
    }
}
