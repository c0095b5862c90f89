import LastmileTensor

/// ai.onnx.ml LabelEncoder (opsets 1 to 4): maps each input element through a key → value
/// table, with a default for keys not in it.
///
/// Opset 1 maps strings to their index in `classes_strings` and int64 indices back to strings.
/// Opsets 2 and 3 use `keys_*`/`values_*` lists (strings, int64s, floats), opset 4 also the
/// typed `keys_tensor`/`values_tensor`/`default_tensor`. From opset 4, a NaN key matches NaN inputs.
struct LabelEncoderKernel: Kernel {
    /// The keys of the table, in one of three kinds.
    enum Keys {
        case strings([String: Int])
        case ints([Int64: Int])
        /// Float or double keys, compared as double; `nan` is the index of a NaN key.
        case floats([Double: Int], nan: Int?)
    }

    let keys: Keys
    /// The values of the table and its default: a tensor whose last element is the default.
    let values: Tensor
    let opset1: Bool

    init(_ ctx: NodeContext) throws {
        if ctx.opset < 2 {
            let classes = try ctx.strings("classes_strings", default: [])
            var map: [String: Int] = [:]
            for (i, s) in classes.enumerated() { map[s] = i }
            keys = .strings(map)
            values = Tensor(unchecked: [classes.count + 1], classes + [try ctx.string("default_string", default: "_Unused")])
            defaultIndex = Int64(try ctx.int("default_int64", default: -1))
            opset1 = true
            return
        }
        opset1 = false
        defaultIndex = -1
        let keyTensor = try Self.keyTensor(ctx)
        var valueTensor = try Self.valueTensor(ctx)
        guard keyTensor.count == valueTensor.count else {
            throw OpError("LabelEncoder has \(keyTensor.count) keys but \(valueTensor.count) values")
        }
        let defaultValue = try Self.defaultValue(ctx, valueType: valueTensor.dtype, keyType: keyTensor.dtype)
        valueTensor = try Self.appending(valueTensor, defaultValue)
        values = valueTensor
        switch keyTensor.storage {
        case .string(let a):
            var map: [String: Int] = [:]
            for (i, k) in a.enumerated() where map[k] == nil { map[k] = i }
            keys = .strings(map)
        case .float32, .float64, .float16:
            var map: [Double: Int] = [:]
            var nan: Int? = nil
            for (i, k) in (keyTensor.doubles ?? []).enumerated() {
                // onnxruntime matches NaN keys from opset 4 on.
                if k.isNaN { if nan == nil && ctx.opset >= 4 { nan = i } } else if map[k] == nil { map[k] = i }
            }
            keys = .floats(map, nan: nan)
        default:
            guard let ints = keyTensor.ints else { throw OpError("LabelEncoder keys have unsupported type \(keyTensor.dtype)") }
            var map: [Int64: Int] = [:]
            for (i, k) in ints.enumerated() where map[Int64(k)] == nil { map[Int64(k)] = i }
            keys = .ints(map)
        }
    }

    /// For opset 1: the int64 output for a string not in `classes_strings`.
    let defaultIndex: Int64

    private static func keyTensor(_ ctx: NodeContext) throws -> Tensor {
        if let t = try ctx.optionalTensor("keys_tensor") { return t.reshaped(unchecked: [t.count]) }
        if let s = try ctx.optionalStrings("keys_strings") { return Tensor(unchecked: [s.count], s) }
        if let i = try ctx.optionalInts("keys_int64s") { return Tensor(unchecked: [i.count], i.map { Int64($0) }) }
        if let f = try ctx.optionalFloats("keys_floats") { return Tensor(unchecked: [f.count], f) }
        throw OpError("LabelEncoder needs one of keys_strings, keys_int64s, keys_floats or keys_tensor")
    }

    private static func valueTensor(_ ctx: NodeContext) throws -> Tensor {
        if let t = try ctx.optionalTensor("values_tensor") { return t.reshaped(unchecked: [t.count]) }
        if let s = try ctx.optionalStrings("values_strings") { return Tensor(unchecked: [s.count], s) }
        if let i = try ctx.optionalInts("values_int64s") { return Tensor(unchecked: [i.count], i.map { Int64($0) }) }
        if let f = try ctx.optionalFloats("values_floats") { return Tensor(unchecked: [f.count], f) }
        throw OpError("LabelEncoder needs one of values_strings, values_int64s, values_floats or values_tensor")
    }

    /// The default value as a one-element tensor of the value type.
    private static func defaultValue(_ ctx: NodeContext, valueType: DType, keyType: DType) throws -> Tensor {
        if ctx.opset >= 4, let t = try ctx.optionalTensor("default_tensor"), t.count == 1 {
            return try t.reshaped(unchecked: [1]).cast(to: valueType)
        }
        switch valueType {
        case .string:
            return Tensor(unchecked: [1], [try ctx.string("default_string", default: "_Unused")])
        case .float32, .float64, .float16:
            // onnxruntime defaults to -0.0 for float keys and to 0.0 for the others at opset 4.
            let fallback: Float = ctx.opset >= 4 && !keyType.isFloatingPoint ? 0 : -0.0
            return try Tensor(unchecked: [1], [try ctx.float("default_float", default: fallback)]).cast(to: valueType)
        default:
            return try Tensor(unchecked: [1], [Int64(try ctx.int("default_int64", default: -1))]).cast(to: valueType)
        }
    }

    private static func appending(_ values: Tensor, _ extra: Tensor) throws -> Tensor {
        let storage = try values.storage.transformed(Append(extra: extra))
        return try Tensor(shape: [values.count + 1], storage: storage)
    }

    private struct Append: ElementTransform {
        let extra: Tensor
        func apply<T: TensorElement>(_ values: [T]) -> [T] { values + (extra.elements(T.self) ?? [T.zero]) }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let x = try inputs.tensor(0)
        if opset1, case .int64(let indices) = x.storage {
            let classes = values.elements(String.self) ?? []
            let n = classes.count - 1
            let out = indices.map { $0 >= 0 && $0 < Int64(n) ? classes[Int($0)] : classes[n] }
            return [.tensor(Tensor(unchecked: x.shape, out))]
        }
        let defaultSlot = values.count - 1
        let slots: [Int]
        switch (keys, x.storage) {
        case (.strings(let map), .string(let a)):
            if opset1 {
                return [.tensor(Tensor(unchecked: x.shape, a.map { map[$0].map(Int64.init) ?? defaultIndex }))]
            }
            slots = a.map { map[$0] ?? defaultSlot }
        case (.ints(let map), _) where x.dtype.isInteger:
            slots = (x.ints ?? []).map { map[Int64($0)] ?? defaultSlot }
        case (.floats(let map, let nan), _) where x.dtype.isFloatingPoint:
            slots = (x.doubles ?? []).map { $0.isNaN ? (nan ?? defaultSlot) : (map[$0] ?? defaultSlot) }
        default:
            throw OpError("LabelEncoder input is \(x.dtype), which does not match the type of its keys")
        }
        let storage = try values.storage.transformed(Pick(slots: slots))
        return [.tensor(try Tensor(shape: x.shape, storage: storage))]
    }

    private struct Pick: ElementTransform {
        let slots: [Int]
        func apply<T: TensorElement>(_ values: [T]) -> [T] { slots.map { values[$0] } }
    }
}
