import Foundation
import GRDB
import LastmileAPI

extension Store {
    /// Records a new version of `model` in `workspace` whose artifact a converter is producing.
    ///
    /// The version is `converting`, with no artifact and an empty signature, until
    /// `finishConversion` or `failConversion`; pipelines cannot name it meanwhile. Throws
    /// `.invalid` for a bad model name and `.notFound` for an unknown workspace.
    public func addConvertingModelVersion(workspace: String, model: String) throws -> ModelVersion {
        try Self.validate(model, kind: "model")
        return try write("add a converting version of model \"\(model)\" in workspace \"\(workspace.prefix(80))\"") { db in
            try Self.insertVersion(workspace: workspace, model: model, sha256: "", size: 0, inputs: "[]", outputs: "[]", status: .converting, db: db)
        }
    }

    /// Stores the converted ONNX `bytes` for the converting version `id` and makes it `ready`.
    ///
    /// Throws `.notFound` when there is no such version and `.conflict` when it is not converting
    /// (a restart already marked it failed).
    public func finishConversion(id: String, bytes: Data, inputs: [TensorSpec], outputs: [TensorSpec], message: String?) throws -> ModelVersion {
        let inputsJSON = try StoredJSON.encode(inputs, for: "the inputs of model version \(id)")
        let outputsJSON = try StoredJSON.encode(outputs, for: "the outputs of model version \(id)")
        let artifact = try artifacts.write(bytes)
        return try updateConverting(id: id) { record in
            record.sha256 = artifact.sha256
            record.size = artifact.size
            record.inputs = inputsJSON
            record.outputs = outputsJSON
            record.status = ModelVersionStatus.ready.rawValue
            record.statusMessage = message
        }
    }

    /// Marks the converting version `id` `failed` with `message` (the converter's reason).
    public func failConversion(id: String, message: String) throws -> ModelVersion {
        try updateConverting(id: id) { record in
            record.status = ModelVersionStatus.failed.rawValue
            record.statusMessage = message
        }
    }

    /// Marks every version still `converting` as `failed` with `message`; returns how many.
    ///
    /// Called when the server starts: a conversion's subprocess does not outlive the server.
    public func failInterruptedConversions(message: String) throws -> Int {
        try write("mark interrupted model conversions failed") { db in
            try ModelVersionRecord
                .filter(ModelVersionRecord.Columns.status == ModelVersionStatus.converting.rawValue)
                .updateAll(db, ModelVersionRecord.Columns.status.set(to: ModelVersionStatus.failed.rawValue), ModelVersionRecord.Columns.statusMessage.set(to: message))
        }
    }

    private func updateConverting(id: String, _ change: (inout ModelVersionRecord) -> Void) throws -> ModelVersion {
        try write("finish the conversion of model version \(id.prefix(80))") { db in
            guard var record = try ModelVersionRecord.fetchOne(db, key: id) else {
                throw StoreError(.notFound, "no model version \(id.prefix(80))")
            }
            guard record.status == ModelVersionStatus.converting.rawValue else {
                throw StoreError(.conflict, "model version \(id) is \(record.status), not converting")
            }
            change(&record)
            try record.update(db)
            return try Self.modelVersion(record, db: db)
        }
    }
}
