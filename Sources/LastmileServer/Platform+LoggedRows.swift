import Foundation
import LastmileEngine
import LastmileObservability
import LastmileRuntime
import LastmileStore
import LastmileTensor

extension Platform {
    /// Passes the time and the value of `path` of each row of `pipeline` logged in [`start`,
    /// `end`] (milliseconds, inclusive; nil leaves a side open) to `body`, oldest first; the
    /// value is NaN where a row lacks the field or it is not a number.
    ///
    /// The only place assays read the inference log. Each logged request is decoded once
    /// (`LogBatchCodec`) and the field read straight from its tensor, without rendering JSON;
    /// rows of format-1 logs (JSON) are parsed. Blocking (a file scan): call it from a
    /// dedicated thread (`Blocking.run`).
    func loggedValues(pipeline: String, path: AssayIOPath, start: Int64?, end: Int64?, _ body: (Int64, Double) throws -> Void) throws {
        try inferenceLog.read(pipeline: pipeline, start: start, end: end, order: .asc, anomalyOnly: false, limit: nil) { entry, rows in
            if entry.legacyRowID != nil {
                let object = (try? JSONSerialization.jsonObject(with: Data(entry.body))) as? [String: Any]
                try body(entry.timeMillis, object.map { path.value(in: $0) } ?? .nan)
                return true
            }
            let batch = try LogBatchCodec.decode(entry.body, pipeline: pipeline)
            let value: Value? = switch path.section {
            case .in: batch.inputs[path.name].map { .tensor($0) }
            case .out: batch.outputs.first { $0.name == path.name }?.value
            }
            guard case .tensor(let tensor)? = value, let offset = Self.rowOffset(of: path.indices, in: tensor, rows: batch.rows) else {
                for _ in rows { try body(entry.timeMillis, .nan) }
                return true
            }
            let width = tensor.rank == 0 ? 1 : Shape.count(Array(tensor.shape.dropFirst()))
            for row in rows {
                try body(entry.timeMillis, tensor.storage.number(at: row * width + offset) ?? .nan)
            }
            return true
        }
    }

    /// The values of `path` in the rows logged in [`start`, `end`) (end exclusive); NaN where a
    /// row lacks the field. Blocking, like `loggedValues(pipeline:path:start:end:_:)`.
    func loggedValues(pipeline: String, path: AssayIOPath, start: Int64, end: Int64) throws -> [Double] {
        var values: [Double] = []
        guard end > start else { return values }
        try loggedValues(pipeline: pipeline, path: path, start: start, end: end - 1) { _, value in
            values.append(value)
        }
        return values
    }

    /// Where element `indices` of a row lies within the row, or nil when the indices do not
    /// name one element of `tensor`'s rows.
    private static func rowOffset(of indices: [Int], in tensor: Tensor, rows: Int) -> Int? {
        let rowDims = tensor.rank == 0 ? [] : Array(tensor.shape.dropFirst())
        guard tensor.rank == 0 ? rows == 1 : tensor.shape[0] == rows,
              indices.count == rowDims.count, zip(indices, rowDims).allSatisfy({ $0 >= 0 && $0 < $1 }) else { return nil }
        var offset = 0
        for (index, dim) in zip(indices, rowDims) { offset = offset * dim + index }
        return offset
    }
}
