import RealModule

/// Conversions used by Cast: integer to integer wraps like C, float to integer truncates
/// (saturating, NaN to 0), anything to bool is "not zero", strings parse and print numbers.
extension Tensor {
    /// The tensor converted to another element type.
    public func cast(to target: DType) throws -> Tensor {
        if target == dtype { return self }
        let converted: TensorStorage
        switch target {
        case .float32: converted = .float32(try numeric(Float.self))
        case .float64: converted = .float64(try numeric(Double.self))
        case .float16: converted = .float16(try numeric(Float16.self))
        case .int8: converted = .int8(try numeric(Int8.self))
        case .int16: converted = .int16(try numeric(Int16.self))
        case .int32: converted = .int32(try numeric(Int32.self))
        case .int64: converted = .int64(try numeric(Int64.self))
        case .uint8: converted = .uint8(try numeric(UInt8.self))
        case .uint16: converted = .uint16(try numeric(UInt16.self))
        case .uint32: converted = .uint32(try numeric(UInt32.self))
        case .uint64: converted = .uint64(try numeric(UInt64.self))
        case .bool: converted = .bool(try bools())
        case .string: converted = .string(strings())
        }
        return Tensor(uncheckedShape: shape, storage: converted)
    }

    private func numeric<D: NumericElement>(_: D.Type) throws -> [D] {
        switch storage {
        case .float32(let a): return a.map { D(lossyDouble: Double($0)) }
        case .float64(let a): return a.map { D(lossyDouble: $0) }
        case .float16(let a): return a.map { D(lossyDouble: Double($0)) }
        case .int8(let a): return a.map { D(wrappingInt64: Int64($0)) }
        case .int16(let a): return a.map { D(wrappingInt64: Int64($0)) }
        case .int32(let a): return a.map { D(wrappingInt64: Int64($0)) }
        case .int64(let a): return a.map { D(wrappingInt64: $0) }
        case .uint8(let a): return a.map { D(wrappingInt64: Int64($0)) }
        case .uint16(let a): return a.map { D(wrappingInt64: Int64($0)) }
        case .uint32(let a): return a.map { D(wrappingInt64: Int64($0)) }
        case .uint64(let a): return a.map { D(wrappingUInt64: $0) }
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        case .string(let a):
            return try a.map { text in
                guard let value = Self.parseNumber(text) else {
                    throw TensorError(.invalidArgument, "cannot cast string \"\(text.prefix(32))\" to \(D.dtype)")
                }
                return D(lossyDouble: value)
            }
        }
    }

    private func bools() throws -> [Bool] {
        switch storage {
        case .string(let a):
            return try a.map { text in
                guard let value = Self.parseNumber(text) else {
                    throw TensorError(.invalidArgument, "cannot cast string \"\(text.prefix(32))\" to bool")
                }
                return value != 0
            }
        default:
            return (doubles ?? []).map { $0 != 0 }
        }
    }

    private func strings() -> [String] {
        switch storage {
        case .string(let a): return a
        case .bool(let a): return a.map { $0 ? "1" : "0" }
        case .float32(let a): return a.map { Self.format($0) }
        case .float64(let a): return a.map { Self.format($0) }
        case .float16(let a): return a.map { Self.format($0) }
        default:
            if let ints = ints { return ints.map { String($0) } }
            return (doubles ?? []).map { String($0) }
        }
    }

    /// Parses a number the way ONNX's Cast from string does, accepting NaN and (+/-)INF.
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        switch trimmed.lowercased() {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(trimmed)
        }
    }

    /// The shortest text that reads back as the same value (numpy's `astype(str)`), with
    /// ONNX's spellings of NaN and the infinities.
    static func format<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "INF" : "-INF" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
