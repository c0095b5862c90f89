import LastmileTensor

extension TensorStorage {
    /// The element at `index` as a Double (BOOL as 0 or 1), or nil for strings or a bad index.
    /// Validations read row fields through it, and so do assays reading logged tensors.
    @inline(__always)
    public func number(at index: Int) -> Double? {
        guard index >= 0, index < count else { return nil }
        return switch self {
        case .float32(let a): Double(a[index])
        case .float64(let a): a[index]
        case .float16(let a): Double(a[index])
        case .int8(let a): Double(a[index])
        case .int16(let a): Double(a[index])
        case .int32(let a): Double(a[index])
        case .int64(let a): Double(a[index])
        case .uint8(let a): Double(a[index])
        case .uint16(let a): Double(a[index])
        case .uint32(let a): Double(a[index])
        case .uint64(let a): Double(a[index])
        case .bool(let a): a[index] ? 1 : 0
        case .string: nil
        }
    }

    /// The element at `index` of a BOOL storage, or nil for other types or a bad index.
    @inline(__always)
    func validationBool(at index: Int) -> Bool? {
        guard case .bool(let a) = self, index >= 0, index < a.count else { return nil }
        return a[index]
    }
}
