import Foundation
import GRDB
import LastmileAPI

extension Store {
    /// Stores `bytes` as a new version of `model` in `workspace`, creating the model if new.
    ///
    /// The artifact is written to the artifact store first (content-addressed, so an upload
    /// that fails later leaves at most an unreferenced file), then the model and version rows
    /// are recorded in one transaction. The version id is a new lowercased UUID. Throws
    /// `.invalid` when `model` breaks `ResourceName`'s rule, `.notFound` for an unknown
    /// workspace and `.io` when the disk fails.
    public func addModelVersion(workspace: String, model: String, bytes: Data, inputs: [TensorSpec], outputs: [TensorSpec]) throws -> ModelVersion {
        try Self.validate(model, kind: "model")
        let inputsJSON = try StoredJSON.encode(inputs, for: "the inputs of model \"\(model)\"")
        let outputsJSON = try StoredJSON.encode(outputs, for: "the outputs of model \"\(model)\"")
        guard try self.workspace(named: workspace) != nil else {
            throw Self.noWorkspace(workspace)
        }
        let artifact = try artifacts.write(bytes)
        return try write("add a version of model \"\(model)\" in workspace \"\(workspace)\"") { db in
            try Self.insertVersion(
                workspace: workspace, model: model, sha256: artifact.sha256, size: artifact.size,
                inputs: inputsJSON, outputs: outputsJSON, status: .ready, db: db
            )
        }
    }

    /// Inserts a version row (creating the model row when new) numbered after the model's last.
    static func insertVersion(
        workspace: String, model: String, sha256: String, size: Int, inputs: String, outputs: String,
        status: ModelVersionStatus, db: Database
    ) throws -> ModelVersion {
        guard let space = try Self.workspaceRecord(named: workspace, db: db) else {
            throw Self.noWorkspace(workspace)
        }
        let now = Timestamp.now()
        let modelRecord: ModelRecord
        if let existing = try Self.modelRecord(workspaceId: space.id, name: model, db: db) {
            modelRecord = existing
        } else {
            modelRecord = ModelRecord(id: Self.newID(), workspaceId: space.id, name: model, createdAt: now)
            try modelRecord.insert(db)
        }
        let last = try Int.fetchOne(db, ModelVersionRecord
            .filter(ModelVersionRecord.Columns.modelId == modelRecord.id)
            .select(max(ModelVersionRecord.Columns.number))) ?? 0
        let record = ModelVersionRecord(
            id: Self.newID(), modelId: modelRecord.id, number: last + 1,
            sha256: sha256, size: size, createdAt: now,
            inputs: inputs, outputs: outputs, status: status.rawValue
        )
        try record.insert(db)
        return try Self.modelVersion(record, model: modelRecord.name, workspace: space.name)
    }

    /// The models of `workspace`, sorted by name, each with its versions oldest first.
    ///
    /// Throws `.notFound` for an unknown workspace.
    public func models(in workspace: String) throws -> [Model] {
        try read("list the models of workspace \"\(workspace.prefix(80))\"") { db in
            guard let space = try Self.workspaceRecord(named: workspace, db: db) else {
                throw Self.noWorkspace(workspace)
            }
            let records = try ModelRecord
                .filter(ModelRecord.Columns.workspaceId == space.id)
                .order(ModelRecord.Columns.name)
                .fetchAll(db)
            return try records.map { try Self.model($0, workspace: space.name, db: db) }
        }
    }

    /// The model `name` of `workspace` with its versions oldest first, or nil when either does
    /// not exist.
    public func model(workspace: String, name: String) throws -> Model? {
        try read("read model \"\(name.prefix(80))\" of workspace \"\(workspace.prefix(80))\"") { db in
            guard let space = try Self.workspaceRecord(named: workspace, db: db),
                  let record = try Self.modelRecord(workspaceId: space.id, name: name, db: db) else {
                return nil
            }
            return try Self.model(record, workspace: space.name, db: db)
        }
    }

    /// The model version with id `id`, or nil when there is none.
    public func modelVersion(id: String) throws -> ModelVersion? {
        try read("read model version \"\(id.prefix(80))\"") { db in
            guard let record = try ModelVersionRecord.fetchOne(db, key: id) else { return nil }
            return try Self.modelVersion(record, db: db)
        }
    }

    /// The newest version of `model` in `workspace`, or nil when there is none.
    public func latestModelVersion(workspace: String, model: String) throws -> ModelVersion? {
        try read("read the latest version of model \"\(model.prefix(80))\" of workspace \"\(workspace.prefix(80))\"") { db in
            guard let space = try Self.workspaceRecord(named: workspace, db: db),
                  let modelRecord = try Self.modelRecord(workspaceId: space.id, name: model, db: db),
                  let record = try Self.latestVersionRecord(modelId: modelRecord.id, db: db) else {
                return nil
            }
            return try Self.modelVersion(record, model: modelRecord.name, workspace: space.name)
        }
    }

    // MARK: - Helpers

    /// The `.notFound` error for a workspace named `name` that does not exist.
    static func noWorkspace(_ name: String) -> StoreError {
        StoreError(.notFound, "no workspace named \"\(name.prefix(80))\"; create it first")
    }

    /// The model row `name` of the workspace `workspaceId`.
    static func modelRecord(workspaceId: String, name: String, db: Database) throws -> ModelRecord? {
        try ModelRecord
            .filter(ModelRecord.Columns.workspaceId == workspaceId && ModelRecord.Columns.name == name)
            .fetchOne(db)
    }

    /// The newest ready version row of the model `modelId` (versions still converting, or whose
    /// conversion failed, have no artifact).
    static func latestVersionRecord(modelId: String, db: Database) throws -> ModelVersionRecord? {
        try ModelVersionRecord
            .filter(ModelVersionRecord.Columns.modelId == modelId && ModelVersionRecord.Columns.status == ModelVersionStatus.ready.rawValue)
            .order(ModelVersionRecord.Columns.number.desc)
            .fetchOne(db)
    }

    /// The wire form of a model row, with its versions oldest first.
    static func model(_ record: ModelRecord, workspace: String, db: Database) throws -> Model {
        let versions = try ModelVersionRecord
            .filter(ModelVersionRecord.Columns.modelId == record.id)
            .order(ModelVersionRecord.Columns.number)
            .fetchAll(db)
            .map { try Self.modelVersion($0, model: record.name, workspace: workspace) }
        return Model(name: record.name, workspace: workspace, createdAt: Timestamp.date(record.createdAt), versions: versions)
    }

    /// The wire form of a model version row, looking up its model and workspace names.
    static func modelVersion(_ record: ModelVersionRecord, db: Database) throws -> ModelVersion {
        guard let model = try ModelRecord.fetchOne(db, key: record.modelId),
              let space = try WorkspaceRecord.fetchOne(db, key: model.workspaceId) else {
            throw StoreError(.io, "model version \(record.id) has no model or workspace; the database was changed outside Lastmile")
        }
        return try modelVersion(record, model: model.name, workspace: space.name)
    }

    /// The wire form of a model version row.
    static func modelVersion(_ record: ModelVersionRecord, model: String, workspace: String) throws -> ModelVersion {
        let object = "model \"\(model)\" version \(record.id)"
        return ModelVersion(
            id: record.id, model: model, workspace: workspace,
            sha256: record.sha256, size: record.size, createdAt: Timestamp.date(record.createdAt),
            inputs: try StoredJSON.decode([TensorSpec].self, from: record.inputs, for: "the inputs of \(object)"),
            outputs: try StoredJSON.decode([TensorSpec].self, from: record.outputs, for: "the outputs of \(object)"),
            status: ModelVersionStatus(rawValue: record.status) ?? .failed,
            statusMessage: record.statusMessage
        )
    }
}
