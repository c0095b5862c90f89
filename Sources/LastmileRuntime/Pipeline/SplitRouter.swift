import LastmileAPI
import LastmileEngine
import LastmileTensor

/// Picks a route for every row of a split step.
///
/// A `randomSplit` draws each row's route with probability proportional to the weights; with
/// a hash key, the draw comes from a stable hash of the row's key text instead, so a key
/// always takes the same route (across requests, replicas and restarts, as long as the
/// weights stay the same). A `keySplit` looks the row's key text up among its route names.
/// A row's key text is its value as a records reply writes it: a number in decimal (integers
/// without a fraction), a string as it is, several elements joined by commas.
struct SplitRouter: Sendable {
    enum Rule: Sendable {
        /// Cumulative shares (the last is 1), drawn at random or from `hashKey`'s hash.
        case weights(cumulative: [Double], hashKey: String?)
        /// Route index by key text; anything else takes `fallback`.
        case keys(field: String, routes: [String: Int], fallback: Int)
    }

    let rule: Rule

    /// The router of a split step, or nil for a plain model step.
    init?(_ step: PipelineStep) {
        switch step {
        case .model, .validations, .shadow:
            return nil
        case .randomSplit(let split):
            let total = split.routes.reduce(0) { $0 + $1.weight }
            var running = 0.0
            var cumulative = split.routes.map { route -> Double in
                running += route.weight
                return running / total
            }
            if !cumulative.isEmpty { cumulative[cumulative.count - 1] = 1 }
            rule = .weights(cumulative: cumulative, hashKey: split.hashKey)
        case .keySplit(let split):
            let names = split.routeNames
            rule = .keys(field: split.key, routes: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }), fallback: names.count)
        }
    }

    /// The route index of each of `rows` rows of `values`. Throws `RuntimeError(.badInput)`
    /// when the key field is missing or cannot be split into the rows.
    func routes(_ values: [String: Value], rows: Int) throws -> [Int] {
        switch rule {
        case .weights(let cumulative, nil):
            var generator = SystemRandomNumberGenerator()
            return (0..<rows).map { _ in Self.pick(Double.random(in: 0..<1, using: &generator), cumulative) }
        case .weights(let cumulative, let key?):
            return try Self.keyTexts(values, field: key, rows: rows).map { Self.pick(Self.unitHash($0), cumulative) }
        case .keys(let field, let routes, let fallback):
            return try Self.keyTexts(values, field: field, rows: rows).map { routes[$0] ?? fallback }
        }
    }

    /// The first route whose cumulative share exceeds `u` (in [0, 1)).
    static func pick(_ u: Double, _ cumulative: [Double]) -> Int {
        cumulative.firstIndex { u < $0 } ?? cumulative.count - 1
    }

    /// A stable hash of `text` mapped to [0, 1): FNV-1a over its UTF-8, then SplitMix64's
    /// finaliser so that similar keys spread evenly.
    static func unitHash(_ text: String) -> Double {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return Double(hash >> 11) / Double(1 << 53)
    }

    /// Each row's key text of input `field`.
    static func keyTexts(_ values: [String: Value], field: String, rows: Int) throws -> [String] {
        guard case .tensor(let tensor)? = values[field] else {
            throw RuntimeError(.badInput, "the split key \"\(field)\" is not a tensor input of this step")
        }
        let width: Int
        if tensor.rank == 0 {
            guard rows == 1 else { throw RuntimeError(.badInput, "the split key \"\(field)\" is a scalar but the request has \(rows) rows") }
            width = 1
        } else {
            guard tensor.shape[0] == rows else {
                throw RuntimeError(.badInput, "the split key \"\(field)\" has shape \(tensor.shape), which does not give one value per row of \(rows)")
            }
            width = Shape.count(Array(tensor.shape.dropFirst()))
        }
        let texts = elementTexts(tensor.storage)
        return (0..<rows).map { row in
            width == 1 ? texts[row] : texts[row * width..<(row + 1) * width].joined(separator: ",")
        }
    }

    private static func elementTexts(_ storage: TensorStorage) -> [String] {
        switch storage {
        case .string(let values): values
        case .bool(let values): values.map { $0 ? "true" : "false" }
        case .int8(let values): values.map { String($0) }
        case .int16(let values): values.map { String($0) }
        case .int32(let values): values.map { String($0) }
        case .int64(let values): values.map { String($0) }
        case .uint8(let values): values.map { String($0) }
        case .uint16(let values): values.map { String($0) }
        case .uint32(let values): values.map { String($0) }
        case .uint64(let values): values.map { String($0) }
        case .float32(let values): values.map { number($0) }
        case .float64(let values): values.map { number($0) }
        case .float16(let values): values.map { number(Float($0)) }
        }
    }

    /// A whole number without a fraction (`3`, not `3.0`), so float keys match route names.
    private static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
