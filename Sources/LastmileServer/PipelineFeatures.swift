import Foundation
import LastmileAPI
import LastmileObservability
import LastmileRuntime
import LastmileTensor

/// A pipeline's inputs seen as one row of features: every numeric input's row, flattened, in
/// input order. Feature `i` of an input `X` with row shape `[F]` is named `X[i]`; an input
/// with row shape `[]` is one feature named `X`.
struct PipelineFeatures: Sendable {
    struct Slot: Sendable {
        var name: String
        var dtype: DType
        var rowShape: [Int]
        var width: Int
        var offset: Int
    }

    var slots: [Slot] = []
    var names: [String] = []
    var inputs: [TensorSpec]
    var count: Int { names.count }

    init(inputs: [TensorSpec]) throws {
        self.inputs = inputs
        for spec in inputs {
            guard let dtype = DType(v2Name: spec.datatype), dtype.isNumeric || dtype == .bool else {
                throw APIError.badRequest("input \"\(spec.name)\" has datatype \(spec.datatype); explanations need numeric inputs")
            }
            let rowShape = Array(spec.shape.dropFirst())
            guard rowShape.allSatisfy({ $0 > 0 }) else {
                throw APIError.badRequest("input \"\(spec.name)\" has row shape \(rowShape) with a varying dimension; explanations need a fixed number of features")
            }
            let width = rowShape.reduce(1, *)
            slots.append(Slot(name: spec.name, dtype: dtype, rowShape: rowShape, width: width, offset: names.count))
            if rowShape.isEmpty {
                names.append(spec.name)
            } else {
                names += (0..<width).map { "\(spec.name)[\($0)]" }
            }
        }
    }

    /// Records JSON rows as a feature matrix; `what` names them in errors ("rows", "background").
    func matrix(_ rows: [JSONValue], what: String) throws -> FeatureMatrix {
        guard !rows.isEmpty else {
            throw APIError.badRequest(what == "rows" ? "there are no rows to explain; give at least one records row" : "the \(what) is empty; give at least one records row")
        }
        let body = try JSONEncoder().encode(rows)
        let decoded: (tensors: [String: Tensor], rows: Int)
        do {
            decoded = try body.withUnsafeBytes { try RecordsCodec.decode($0, inputs: inputs) }
        } catch let error as RuntimeError {
            throw APIError.badRequest("\(what): \(error.message)")
        }
        var values = [Double](repeating: 0, count: decoded.rows * count)
        for slot in slots {
            guard let column = decoded.tensors[slot.name]?.doubles else {
                throw APIError.badRequest("\(what): input \"\(slot.name)\" is missing")
            }
            for r in 0..<decoded.rows {
                for j in 0..<slot.width { values[r * count + slot.offset + j] = column[r * slot.width + j] }
            }
        }
        return try FeatureMatrix(columns: count, values: values)
    }

    /// Input tensors for `rows` feature rows.
    func tensors(_ values: [Double], rows: Int) throws -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for slot in slots {
            var column = [Double](repeating: 0, count: rows * slot.width)
            for r in 0..<rows {
                for j in 0..<slot.width { column[r * slot.width + j] = values[r * count + slot.offset + j] }
            }
            let tensor = try Tensor(shape: [rows] + slot.rowShape, elements: column)
            tensors[slot.name] = slot.dtype == .float64 ? tensor : try tensor.cast(to: slot.dtype)
        }
        return tensors
    }
}

/// A deployed pipeline as the function an explanation explains: feature rows in, the chosen
/// output's elements out. Every batch runs on the deployment's replicas like an inference
/// request (never on this task's thread).
struct RunnerPredictor: Predictor {
    let runner: DeploymentRunner
    let features: PipelineFeatures
    let output: String
    let width: Int

    func predict(_ rows: [Double], count: Int) async throws -> [Double] {
        let outputs = try await runner.infer(features.tensors(rows, rows: count))
        let values = try Self.values(of: output, in: outputs)
        guard values.count == count * width else {
            throw ExplainError(.predictorFailed, "output \"\(output)\" has \(values.count) elements for \(count) rows, expected \(width) per row")
        }
        return values
    }

    static func values(of output: String, in outputs: [NamedValue]) throws -> [Double] {
        guard let named = outputs.first(where: { $0.name == output }) else {
            throw ExplainError(.predictorFailed, "the pipeline did not produce output \"\(output)\"")
        }
        guard case .tensor(let tensor) = named.value, let values = tensor.doubles else {
            throw ExplainError(.badInput, "output \"\(output)\" is not a numeric tensor; explain a numeric output (a classifier's probabilities without ZipMap, a regressor's values)")
        }
        return values
    }
}
