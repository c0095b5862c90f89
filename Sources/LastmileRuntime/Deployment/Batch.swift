import LastmileEngine
import LastmileTensor

/// Merging requests into one engine call and splitting its outputs back per request.
enum Batch {
    /// The requests' inputs concatenated along dimension 0, input by input.
    static func merge(_ requests: [PendingRequest]) throws -> [String: Tensor] {
        guard let first = requests.first else { return [:] }
        var merged: [String: Tensor] = [:]
        for name in first.inputs.keys {
            let parts = requests.compactMap { $0.inputs[name] }
            guard parts.count == requests.count else {
                throw RuntimeError(.inferenceFailed, "requests of one batch disagree on input \"\(name)\"")
            }
            merged[name] = try Tensor.concatenatingRows(parts)
        }
        return merged
    }

    /// The outputs of a merged run (challengers' included), split along dimension 0 into one
    /// reply per request, or nil when an output does not have one row (or sequence element)
    /// per merged row. A challenger's failure goes to every request.
    static func split(_ outputs: PipelineOutputs, rows: [Int]) -> [PipelineOutputs]? {
        guard let values = split(outputs.values, rows: rows) else { return nil }
        var replies = values.map { PipelineOutputs(values: $0) }
        for shadow in outputs.shadows {
            var parts: [[NamedValue]?] = Array(repeating: nil, count: rows.count)
            if let shadowValues = shadow.values {
                guard let split = split(shadowValues, rows: rows) else { return nil }
                parts = split
            }
            for index in replies.indices {
                replies[index].shadows.append(ShadowOutputs(model: shadow.model, versionID: shadow.versionID, values: parts[index], error: shadow.error))
            }
        }
        return replies
    }

    /// Named values of a merged run split into one list per request, as `split(_:rows:)` says.
    static func split(_ outputs: [NamedValue], rows: [Int]) -> [[NamedValue]]? {
        let total = rows.reduce(0, +)
        var replies = Array(repeating: [NamedValue](), count: rows.count)
        for output in outputs {
            switch output.value {
            case .tensor(let tensor):
                guard tensor.rank >= 1, tensor.shape[0] == total else { return nil }
                var start = 0
                for (index, count) in rows.enumerated() {
                    guard let part = try? tensor.rows(start..<start + count) else { return nil }
                    replies[index].append(NamedValue(name: output.name, value: .tensor(part)))
                    start += count
                }
            case .sequence(let items):
                guard items.count == total else { return nil }
                var start = 0
                for (index, count) in rows.enumerated() {
                    replies[index].append(NamedValue(name: output.name, value: .sequence(Array(items[start..<start + count]))))
                    start += count
                }
            case .map:
                return nil
            }
        }
        return replies
    }
}
