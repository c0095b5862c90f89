import Foundation
import LastmileTensor

/// Reads numpy `.npy` files (format versions 1 to 3) into tensors.
///
/// Supports the numeric and bool dtypes in either byte order and C or Fortran order; object
/// arrays and structured dtypes are refused.
public enum NumpyFile {
    public static func read(_ data: Data) throws -> Tensor {
        let bytes = [UInt8](data)
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw CLIError(.badInput, "not a .npy file: the numpy magic bytes are missing")
        }
        let major = bytes[6]
        let headerStart = major == 1 ? 10 : 12
        guard bytes.count >= headerStart else {
            throw CLIError(.badInput, "the .npy file is truncated inside its header")
        }
        let headerLength = major == 1
            ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard bytes.count >= headerStart + headerLength else {
            throw CLIError(.badInput, "the .npy file is truncated inside its header")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = field("descr", in: header), let shapeText = field("shape", in: header) else {
            throw CLIError(.badInput, "the .npy header has no descr or shape: \(header.prefix(120))")
        }
        let fortran = field("fortran_order", in: header) == "True"
        let shape = try shapeText
            .trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { text -> Int in
                guard let n = Int(text), n >= 0 else { throw CLIError(.badInput, "the .npy shape \(shapeText) is not a list of sizes") }
                return n
            }
        let descriptor = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard descriptor.count >= 3, let order = descriptor.first else {
            throw CLIError(.badInput, "the .npy dtype \(descriptor) is not supported")
        }
        let kind = descriptor.dropFirst().prefix(1), size = Int(descriptor.dropFirst(2)) ?? 0
        let dtype: DType
        switch (kind, size) {
        case ("f", 4): dtype = .float32
        case ("f", 8): dtype = .float64
        case ("f", 2): dtype = .float16
        case ("i", 1): dtype = .int8
        case ("i", 2): dtype = .int16
        case ("i", 4): dtype = .int32
        case ("i", 8): dtype = .int64
        case ("u", 1): dtype = .uint8
        case ("u", 2): dtype = .uint16
        case ("u", 4): dtype = .uint32
        case ("u", 8): dtype = .uint64
        case ("b", 1): dtype = .bool
        default:
            throw CLIError(.badInput, "the .npy dtype \(descriptor) is not supported; use a numeric or bool array")
        }
        let count = Shape.count(shape)
        let start = headerStart + headerLength
        guard bytes.count - start == count * size else {
            throw CLIError(.badInput, "the .npy file holds \(bytes.count - start) data bytes; shape \(shape) of \(descriptor) needs \(count * size)")
        }
        var payload = Array(bytes[start...])
        if order == ">" && size > 1 {
            for i in 0..<count { payload[(i * size)..<(i * size + size)].reverse() }
        }
        var tensor: Tensor
        do {
            tensor = try Tensor(shape: fortran ? shape.reversed() : shape, storage: storage(payload, dtype: dtype, count: count))
            if fortran { tensor = try tensor.transposed(Array((0..<shape.count).reversed())) }
        } catch {
            throw CLIError(.badInput, "the .npy data does not fit its shape: \(error)")
        }
        return tensor
    }

    private static func storage(_ payload: [UInt8], dtype: DType, count: Int) -> TensorStorage {
        func load<T>(_: T.Type) -> [T] {
            [T](unsafeUninitializedCapacity: count) { buffer, written in
                payload.withUnsafeBytes { raw in
                    if let source = raw.baseAddress, let destination = buffer.baseAddress, count > 0 {
                        UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count * MemoryLayout<T>.stride)
                    }
                }
                written = count
            }
        }
        switch dtype {
        case .float32: return .float32(load(Float.self))
        case .float64: return .float64(load(Double.self))
        case .float16: return .float16(load(Float16.self))
        case .int8: return .int8(load(Int8.self))
        case .int16: return .int16(load(Int16.self))
        case .int32: return .int32(load(Int32.self))
        case .int64: return .int64(load(Int64.self))
        case .uint8: return .uint8(load(UInt8.self))
        case .uint16: return .uint16(load(UInt16.self))
        case .uint32: return .uint32(load(UInt32.self))
        case .uint64: return .uint64(load(UInt64.self))
        case .bool, .string: return .bool(payload.map { $0 != 0 })
        }
    }

    /// The text of `'key': value` in a numpy header dict (value up to the next top-level comma).
    private static func field(_ key: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(key)':") else { return nil }
        var depth = 0
        var value = ""
        for character in header[range.upperBound...] {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if (character == "," && depth == 0) || character == "}" { break }
            value.append(character)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
