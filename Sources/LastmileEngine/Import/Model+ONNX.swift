import Foundation
import LastmileONNXProto
import LastmileTensor
import SwiftProtobuf

extension Model {
    /// The oldest ONNX IR version Lastmile reads.
    public static let minimumIRVersion = 3

    /// Loads a model from a file of ONNX protobuf bytes.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw EngineError(.invalidModel, "cannot read model file \(url.path): \(error.localizedDescription)", underlying: error)
        }
        try self.init(serialized: data)
    }

    /// Loads a model from ONNX protobuf bytes.
    ///
    /// Reads IR versions 3 and up, the `ai.onnx` and `ai.onnx.ml` opsets (other domains load,
    /// and their ops are reported as unsupported when a session is created), initializers as
    /// `raw_data` or typed fields, and value infos. Refuses external data, sparse initializers
    /// and training information with a message naming them.
    public init(serialized data: Data) throws {
        guard !data.isEmpty else {
            throw EngineError(.invalidModel, "the model is empty (0 bytes); expected an ONNX model file")
        }
        let proto: Onnx_ModelProto
        do {
            proto = try Onnx_ModelProto(serializedBytes: data)
        } catch {
            throw EngineError(.invalidModel, "not an ONNX model: the bytes do not decode as an ONNX ModelProto (\(error)); the file may be truncated or in another format", underlying: error)
        }
        guard proto.hasIrVersion, proto.hasGraph else {
            throw EngineError(.invalidModel, "not an ONNX model: \(proto.hasGraph ? "ir_version" : "the graph") is missing; the file may be truncated or in another format")
        }
        guard proto.irVersion >= Int64(Self.minimumIRVersion) else {
            throw EngineError(.unsupportedModel, "the model has ONNX IR version \(proto.irVersion); Lastmile reads IR version \(Self.minimumIRVersion) and later (re-export it with a recent converter)")
        }
        if !proto.trainingInfo.isEmpty {
            throw EngineError(.unsupportedModel, "the model carries training_info (\(proto.trainingInfo.count) entries), a training-only construct; export an inference-only model")
        }
        var opsets: [String: Int] = [:]
        for opset in proto.opsetImport {
            opsets[Domain.normalized(opset.domain)] = Int(opset.version)
        }
        if opsets[Domain.onnx] == nil && proto.opsetImport.isEmpty {
            opsets[Domain.onnx] = 1
        }
        var metadata: [String: String] = [:]
        for entry in proto.metadataProps { metadata[entry.key] = entry.value }
        self.init(
            irVersion: Int(proto.irVersion),
            opsets: opsets,
            producerName: proto.producerName,
            producerVersion: proto.producerVersion,
            graph: try Graph(proto: proto.graph, path: "graph", functions: FunctionInliner(proto.functions)),
            metadata: metadata)
    }
}

extension Graph {
    /// Decodes a `GraphProto`; `path` names it in messages (`graph`, `node "loop" body`).
    package init(proto: Onnx_GraphProto, path: String) throws {
        try self.init(proto: proto, path: path, functions: FunctionInliner([]))
    }

    init(proto: Onnx_GraphProto, path: String, functions: FunctionInliner) throws {
        if !proto.sparseInitializer.isEmpty {
            let names = proto.sparseInitializer.prefix(3).map { "\"\($0.values.name)\"" }.joined(separator: ", ")
            throw EngineError(.unsupportedModel, "\(path) has sparse initializers (\(names)); Lastmile supports dense initializers only (densify them before export)")
        }
        var initializers: [String: Tensor] = [:]
        for tensor in proto.initializer {
            initializers[tensor.name] = try Tensor(proto: tensor)
        }
        var nodeProtos: [Onnx_NodeProto] = []
        for (index, nodeProto) in proto.node.enumerated() {
            var named = nodeProto
            if named.name.isEmpty { named.name = "\(nodeProto.opType)_\(index)" }
            nodeProtos += functions.isEmpty ? [named] : try functions.expand(named, callerName: named.name)
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(nodeProtos.count)
        for nodeProto in nodeProtos {
            let name = nodeProto.name
            var attributes: [String: Attribute] = [:]
            for attribute in nodeProto.attribute {
                attributes[attribute.name] = try Attribute(proto: attribute, node: name, path: path, functions: functions)
            }
            nodes.append(Node(
                name: name, opType: nodeProto.opType, domain: Domain.normalized(nodeProto.domain),
                inputs: nodeProto.input, outputs: nodeProto.output, attributes: attributes))
        }
        var valueInfos: [String: ValueInfo] = [:]
        for info in proto.valueInfo { valueInfos[info.name] = ValueInfo(proto: info) }
        self.init(
            name: proto.name, nodes: nodes, initializers: initializers,
            inputs: proto.input.map(ValueInfo.init(proto:)),
            outputs: proto.output.map(ValueInfo.init(proto:)),
            valueInfos: valueInfos)
    }
}

extension Attribute {
    init(proto: Onnx_AttributeProto, node: String, path: String, functions: FunctionInliner) throws {
        let subpath = "node \"\(node)\" attribute \"\(proto.name)\""
        switch proto.type {
        case .float: self = .float(proto.f)
        case .int: self = .int(Int(proto.i))
        case .string: self = .string(String(decoding: proto.s, as: UTF8.self))
        case .tensor: self = .tensor(try Tensor(proto: proto.t))
        case .graph: self = .graph(try Graph(proto: proto.g, path: subpath, functions: functions))
        case .floats: self = .floats(proto.floats)
        case .ints: self = .ints(proto.ints.map { Int($0) })
        case .strings: self = .strings(proto.strings.map { String(decoding: $0, as: UTF8.self) })
        case .tensors: self = .tensors(try proto.tensors.map { try Tensor(proto: $0) })
        case .graphs: self = .graphs(try proto.graphs.map { try Graph(proto: $0, path: subpath, functions: functions) })
        case .undefined:
            // IR version 1 models may leave the type out; infer it from the field that is set.
            if proto.hasF { self = .float(proto.f) }
            else if proto.hasI { self = .int(Int(proto.i)) }
            else if proto.hasS { self = .string(String(decoding: proto.s, as: UTF8.self)) }
            else if proto.hasT { self = .tensor(try Tensor(proto: proto.t)) }
            else if proto.hasG { self = .graph(try Graph(proto: proto.g, path: subpath, functions: functions)) }
            else if !proto.floats.isEmpty { self = .floats(proto.floats) }
            else if !proto.ints.isEmpty { self = .ints(proto.ints.map { Int($0) }) }
            else if !proto.strings.isEmpty { self = .strings(proto.strings.map { String(decoding: $0, as: UTF8.self) }) }
            else { self = .ints([]) }
        default:
            throw EngineError(.unsupportedModel, "in \(path), \(subpath) has type \(proto.type), which Lastmile does not support")
        }
    }
}

extension ValueInfo {
    init(proto: Onnx_ValueInfoProto) {
        self.init(name: proto.name, type: proto.hasType ? ValueType(proto: proto.type) : .unknown("unspecified"))
    }
}

extension ValueType {
    init(proto: Onnx_TypeProto) {
        switch proto.value {
        case .tensorType(let tensor):
            let dims: [Dim]? = tensor.hasShape ? tensor.shape.dim.map { dim in
                switch dim.value {
                case .dimValue(let n): .fixed(Int(n))
                case .dimParam(let name): .symbolic(name)
                case nil: .unknown
                }
            } : nil
            self = .tensor(elementType: DType(onnxCode: Int(tensor.elemType)), shape: dims)
        case .sequenceType(let sequence):
            self = .sequence(sequence.hasElemType ? ValueType(proto: sequence.elemType) : .unknown("unspecified"))
        case .mapType(let map):
            self = .map(key: DType(onnxCode: Int(map.keyType)), value: map.hasValueType ? ValueType(proto: map.valueType) : .unknown("unspecified"))
        case .optionalType: self = .unknown("optional")
        case .sparseTensorType: self = .unknown("sparse_tensor")
        case .opaqueType: self = .unknown("opaque")
        case nil: self = .unknown("unspecified")
        }
    }
}
