import LastmileTensor

/// Reads the nested JSON lists of a tensor's data into a flat row-major array.
enum ElementReader {
    /// Reads a value, flattening any nesting of lists (the Open Inference Protocol accepts
    /// flat and nested `data` alike; only the element count is checked).
    static func readFlat<T: WireElement>(_ scanner: inout JSONScanner, into out: inout [T], field: CodecField) throws {
        guard scanner.peek() == UInt8(ascii: "[") else {
            out.append(try T.readJSON(&scanner, field: field, index: out.count))
            return
        }
        guard try scanner.beginArray("'['") else { return }
        repeat {
            if scanner.peek() == UInt8(ascii: "[") {
                try readFlat(&scanner, into: &out, field: field)
            } else {
                out.append(try T.readJSON(&scanner, field: field, index: out.count))
            }
        } while try scanner.nextElement()
    }

    /// Reads a value that must be nested exactly as `dims` (a number when `dims` is empty).
    ///
    /// A negative dimension is set from the first list met at its level; every other list at
    /// that level must then have the same length, so ragged values are refused.
    static func readShaped<T: WireElement>(
        _ scanner: inout JSONScanner, into out: inout [T], dims: inout [Int], level: Int, field: CodecField
    ) throws {
        if level == dims.count {
            guard scanner.peek() != UInt8(ascii: "[") else {
                throw field.error("has a list where its row shape \(dims) needs a single \(T.dtype.v2Name) value")
            }
            out.append(try T.readJSON(&scanner, field: field, index: out.count))
            return
        }
        guard scanner.peek() == UInt8(ascii: "[") else {
            throw field.error("needs a list at nesting level \(level + 1) for its row shape \(dims)")
        }
        var count = 0
        if try scanner.beginArray("'['") {
            repeat {
                if level + 1 == dims.count {
                    guard scanner.peek() != UInt8(ascii: "[") else {
                        throw field.error("has lists nested deeper than its row shape \(dims)")
                    }
                    out.append(try T.readJSON(&scanner, field: field, index: out.count))
                } else {
                    try readShaped(&scanner, into: &out, dims: &dims, level: level + 1, field: field)
                }
                count += 1
            } while try scanner.nextElement()
        }
        if dims[level] < 0 {
            dims[level] = count
        } else if dims[level] != count {
            throw field.error("is ragged or misshapen: a list at nesting level \(level + 1) has \(count) elements, but the row shape \(dims) needs \(dims[level])")
        }
    }
}

/// An operation generic over the element type, run for a runtime `DType`.
protocol WireElementVisitor {
    associatedtype Result
    func visit<T: WireElement>(_ type: T.Type) throws -> Result
}

extension DType {
    /// Runs `visitor` with the Swift element type of this dtype.
    ///
    /// Always inlined, so each `visit` call site sees a concrete visitor and element type and
    /// the hot readers are specialized instead of running as unspecialized generics.
    @inline(__always)
    func withWireElement<V: WireElementVisitor>(_ visitor: V) throws -> V.Result {
        switch self {
        case .float32: try visitor.visit(Float.self)
        case .float64: try visitor.visit(Double.self)
        case .float16: try visitor.visit(Float16.self)
        case .int8: try visitor.visit(Int8.self)
        case .int16: try visitor.visit(Int16.self)
        case .int32: try visitor.visit(Int32.self)
        case .int64: try visitor.visit(Int64.self)
        case .uint8: try visitor.visit(UInt8.self)
        case .uint16: try visitor.visit(UInt16.self)
        case .uint32: try visitor.visit(UInt32.self)
        case .uint64: try visitor.visit(UInt64.self)
        case .bool: try visitor.visit(Bool.self)
        case .string: try visitor.visit(String.self)
        }
    }
}
