import Foundation
import LastmileONNXProto
import LastmileTensor

extension Tensor {
    /// Decodes an ONNX `TensorProto`: `raw_data` (little-endian) or the typed data fields.
    ///
    /// External data and segments are refused with a message naming the tensor.
    package init(proto: Onnx_TensorProto) throws {
        let name = proto.name.isEmpty ? "<unnamed>" : proto.name
        if proto.dataLocation == .external || !proto.externalData.isEmpty {
            throw EngineError(.unsupportedModel, "tensor \"\(name)\" stores its data in an external file; Lastmile loads self-contained models only (save the model with all tensors inside it, e.g. onnx.save_model(model, path, save_as_external_data=False))")
        }
        if proto.hasSegment {
            throw EngineError(.unsupportedModel, "tensor \"\(name)\" is a segment of a larger tensor; segmented tensors are not supported")
        }
        guard let dtype = DType(onnxCode: Int(proto.dataType)) else {
            throw EngineError(.unsupportedModel, "tensor \"\(name)\" has ONNX data type \(Self.onnxTypeName(Int(proto.dataType))), which Lastmile does not support")
        }
        let shape = proto.dims.map { Int($0) }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw EngineError(.invalidModel, "tensor \"\(name)\" has a negative dimension in \(shape)")
        }
        let count = Shape.count(shape)
        let storage: TensorStorage
        if proto.hasRawData && dtype != .string {
            storage = try Self.decodeRaw(proto.rawData, dtype: dtype, count: count, name: name)
        } else {
            storage = try Self.decodeTyped(proto, dtype: dtype)
        }
        guard storage.count == count else {
            throw EngineError(.invalidModel, "tensor \"\(name)\" has shape \(shape) (\(count) elements) but holds \(storage.count) values")
        }
        try self.init(shape: shape, storage: storage)
    }

    private static func decodeRaw(_ data: Data, dtype: DType, count: Int, name: String) throws -> TensorStorage {
        guard data.count == count * dtype.byteSize else {
            throw EngineError(.invalidModel, "tensor \"\(name)\" has \(data.count) bytes of raw data, expected \(count * dtype.byteSize) for \(count) \(dtype) values")
        }
        func read<T>(_: T.Type) -> [T] {
            [T](unsafeUninitializedCapacity: count) { buffer, written in
                data.withUnsafeBytes { raw in
                    if let source = raw.baseAddress, let destination = buffer.baseAddress, count > 0 {
                        UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count * MemoryLayout<T>.stride)
                    }
                }
                written = count
            }
        }
        switch dtype {
        case .float32: return .float32(read(Float.self))
        case .float64: return .float64(read(Double.self))
        case .float16: return .float16(read(Float16.self))
        case .int8: return .int8(read(Int8.self))
        case .int16: return .int16(read(Int16.self))
        case .int32: return .int32(read(Int32.self))
        case .int64: return .int64(read(Int64.self))
        case .uint8: return .uint8(read(UInt8.self))
        case .uint16: return .uint16(read(UInt16.self))
        case .uint32: return .uint32(read(UInt32.self))
        case .uint64: return .uint64(read(UInt64.self))
        case .bool: return .bool(read(UInt8.self).map { $0 != 0 })
        case .string: return .string([])
        }
    }

    private static func decodeTyped(_ proto: Onnx_TensorProto, dtype: DType) throws -> TensorStorage {
        switch dtype {
        case .float32: return .float32(proto.floatData)
        case .float64: return .float64(proto.doubleData)
        case .float16: return .float16(proto.int32Data.map { Float16(bitPattern: UInt16(truncatingIfNeeded: $0)) })
        case .int8: return .int8(proto.int32Data.map { Int8(truncatingIfNeeded: $0) })
        case .int16: return .int16(proto.int32Data.map { Int16(truncatingIfNeeded: $0) })
        case .int32: return .int32(proto.int32Data)
        case .int64: return .int64(proto.int64Data)
        case .uint8: return .uint8(proto.int32Data.map { UInt8(truncatingIfNeeded: $0) })
        case .uint16: return .uint16(proto.int32Data.map { UInt16(truncatingIfNeeded: $0) })
        case .uint32: return .uint32(proto.uint64Data.map { UInt32(truncatingIfNeeded: $0) })
        case .uint64: return .uint64(proto.uint64Data)
        case .bool: return .bool(proto.int32Data.map { $0 != 0 })
        case .string: return .string(proto.stringData.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// The ONNX name of a `TensorProto.DataType` code, for messages.
    package static func onnxTypeName(_ code: Int) -> String {
        let names = [
            0: "UNDEFINED", 1: "FLOAT", 2: "UINT8", 3: "INT8", 4: "UINT16", 5: "INT16", 6: "INT32",
            7: "INT64", 8: "STRING", 9: "BOOL", 10: "FLOAT16", 11: "DOUBLE", 12: "UINT32", 13: "UINT64",
            14: "COMPLEX64", 15: "COMPLEX128", 16: "BFLOAT16", 17: "FLOAT8E4M3FN", 18: "FLOAT8E4M3FNUZ",
            19: "FLOAT8E5M2", 20: "FLOAT8E5M2FNUZ", 21: "UINT4", 22: "INT4", 23: "FLOAT4E2M1",
        ]
        return names[code] ?? "code \(code)"
    }

    /// Encodes the tensor as an ONNX `TensorProto` with `raw_data` (strings in `string_data`).
    package func proto(name: String) -> Onnx_TensorProto {
        var proto = Onnx_TensorProto()
        proto.name = name
        proto.dims = shape.map { Int64($0) }
        proto.dataType = Int32(dtype.onnxCode)
        func raw<T>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }
        switch storage {
        case .float32(let a): proto.rawData = raw(a)
        case .float64(let a): proto.rawData = raw(a)
        case .float16(let a): proto.rawData = raw(a)
        case .int8(let a): proto.rawData = raw(a)
        case .int16(let a): proto.rawData = raw(a)
        case .int32(let a): proto.rawData = raw(a)
        case .int64(let a): proto.rawData = raw(a)
        case .uint8(let a): proto.rawData = raw(a)
        case .uint16(let a): proto.rawData = raw(a)
        case .uint32(let a): proto.rawData = raw(a)
        case .uint64(let a): proto.rawData = raw(a)
        case .bool(let a): proto.rawData = raw(a.map { UInt8($0 ? 1 : 0) })
        case .string(let a): proto.stringData = a.map { Data($0.utf8) }
        }
        return proto
    }
}
