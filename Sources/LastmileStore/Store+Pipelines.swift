import GRDB
import LastmileAPI

extension Store {
    /// Records the next version of pipeline `name` (1 for a new pipeline, then counting up).
    ///
    /// A new pipeline belongs to `workspace`. Each `model` step must name a model of that
    /// workspace; a step without a version is pinned to the model's latest version, and a step
    /// with one must name a version of that model. Steps, inputs and outputs are stored as JSON.
    /// Throws `.invalid` for a bad name, no steps or a step naming a missing model version,
    /// `.notFound` for an unknown workspace, and `.conflict` when a pipeline of that name
    /// belongs to another workspace.
    public func createPipelineVersion(name: String, workspace: String, steps: [PipelineStep], inputs: [TensorSpec], outputs: [TensorSpec]) throws -> PipelineVersion {
        try Self.validate(name, kind: "pipeline")
        guard !steps.isEmpty else {
            throw StoreError(.invalid, "pipeline \"\(name)\" has no steps; give at least one step")
        }
        let inputsJSON = try StoredJSON.encode(inputs, for: "the inputs of pipeline \"\(name)\"")
        let outputsJSON = try StoredJSON.encode(outputs, for: "the outputs of pipeline \"\(name)\"")
        return try write("create a version of pipeline \"\(name)\"") { db in
            guard let space = try Self.workspaceRecord(named: workspace, db: db) else {
                throw Self.noWorkspace(workspace)
            }
            let now = Timestamp.now()
            let pipeline: PipelineRecord
            if let existing = try Self.pipelineRecord(named: name, db: db) {
                guard existing.workspaceId == space.id else {
                    let owner = try WorkspaceRecord.fetchOne(db, key: existing.workspaceId)?.name ?? "another workspace"
                    throw StoreError(.conflict, "pipeline \"\(name)\" belongs to workspace \"\(owner)\", not \"\(workspace)\"; pipeline names are unique on the server, so choose another name")
                }
                pipeline = existing
            } else {
                pipeline = PipelineRecord(id: Self.newID(), name: name, workspaceId: space.id, createdAt: now)
                try pipeline.insert(db)
            }
            let pinned = try steps.enumerated().map { index, step in
                try Self.pin(step, number: index + 1, pipeline: name, workspace: space, db: db)
            }
            let last = try Int.fetchOne(db, PipelineVersionRecord
                .filter(PipelineVersionRecord.Columns.pipelineId == pipeline.id)
                .select(max(PipelineVersionRecord.Columns.version))) ?? 0
            let record = PipelineVersionRecord(
                pipelineId: pipeline.id, version: last + 1,
                steps: try StoredJSON.encode(pinned, for: "the steps of pipeline \"\(name)\""),
                inputs: inputsJSON, outputs: outputsJSON, createdAt: now
            )
            try record.insert(db)
            return try Self.pipelineVersion(record, pipeline: name, workspace: space.name)
        }
    }

    /// The pipeline named `name` with its latest version and its deployment, or nil when there
    /// is none.
    public func pipeline(named name: String) throws -> Pipeline? {
        try read("read pipeline \"\(name.prefix(80))\"") { db in
            try Self.pipelineRecord(named: name, db: db).map { try Self.pipeline($0, db: db) }
        }
    }

    /// The pipelines `user` may see, sorted by name: all of them for an admin, otherwise those
    /// of the workspaces the user is a member of.
    public func pipelines(visibleTo user: User) throws -> [Pipeline] {
        try read("list the pipelines of user \"\(user.name)\"") { db in
            let records: [PipelineRecord]
            if user.admin {
                records = try PipelineRecord.order(PipelineRecord.Columns.name).fetchAll(db)
            } else {
                records = try PipelineRecord.fetchAll(db, sql: """
                    SELECT pipeline.* FROM pipeline
                    JOIN member ON member.workspaceId = pipeline.workspaceId
                    WHERE member.userId = ?
                    ORDER BY pipeline.name
                    """, arguments: [user.id])
            }
            return try records.map { try Self.pipeline($0, db: db) }
        }
    }

    /// The versions of `pipeline`, oldest first; empty for an unknown pipeline.
    public func pipelineVersions(of pipeline: String) throws -> [PipelineVersion] {
        try read("list the versions of pipeline \"\(pipeline.prefix(80))\"") { db in
            guard let record = try Self.pipelineRecord(named: pipeline, db: db),
                  let space = try WorkspaceRecord.fetchOne(db, key: record.workspaceId) else {
                return []
            }
            return try PipelineVersionRecord
                .filter(PipelineVersionRecord.Columns.pipelineId == record.id)
                .order(PipelineVersionRecord.Columns.version)
                .fetchAll(db)
                .map { try Self.pipelineVersion($0, pipeline: record.name, workspace: space.name) }
        }
    }

    /// Version `version` of `pipeline`, or nil when either does not exist.
    public func pipelineVersion(pipeline: String, version: Int) throws -> PipelineVersion? {
        try read("read version \(version) of pipeline \"\(pipeline.prefix(80))\"") { db in
            guard let record = try Self.pipelineRecord(named: pipeline, db: db),
                  let space = try WorkspaceRecord.fetchOne(db, key: record.workspaceId),
                  let versionRecord = try PipelineVersionRecord.fetchOne(db, key: ["pipelineId": record.id, "version": version]) else {
                return nil
            }
            return try Self.pipelineVersion(versionRecord, pipeline: record.name, workspace: space.name)
        }
    }

    // MARK: - Helpers

    /// The pipeline row named `name`.
    static func pipelineRecord(named name: String, db: Database) throws -> PipelineRecord? {
        try PipelineRecord.filter(PipelineRecord.Columns.name == name).fetchOne(db)
    }

    /// `step` with every model reference naming an exact version of a model in `workspace`.
    static func pin(_ step: PipelineStep, number: Int, pipeline: String, workspace: WorkspaceRecord, db: Database) throws -> PipelineStep {
        try step.mappingModels { reference in
            let place = "step \(number) of pipeline \"\(pipeline)\""
            guard let model = try modelRecord(workspaceId: workspace.id, name: reference.name, db: db) else {
                throw StoreError(.invalid, "\(place) names model \"\(reference.name.prefix(80))\", which workspace \"\(workspace.name)\" does not have; upload the model first")
            }
            guard let version = reference.version else {
                guard let latest = try latestVersionRecord(modelId: model.id, db: db) else {
                    throw StoreError(.invalid, "\(place) names model \"\(model.name)\", which has no versions; upload a version first")
                }
                return ModelReference(name: model.name, version: latest.id)
            }
            guard let record = try ModelVersionRecord.fetchOne(db, key: version), record.modelId == model.id else {
                throw StoreError(.invalid, "\(place) names version \"\(version.prefix(80))\" of model \"\(model.name)\", which is not one of its versions; list the model's versions and use one of their ids")
            }
            guard record.status == ModelVersionStatus.ready.rawValue else {
                throw StoreError(.invalid, "\(place) names version \(record.id) of model \"\(model.name)\", which is \(record.status) (\(record.statusMessage ?? "no artifact yet")); use a ready version")
            }
            return ModelReference(name: model.name, version: record.id)
        }
    }

    /// The wire form of a pipeline row, with its latest version and its deployment.
    static func pipeline(_ record: PipelineRecord, db: Database) throws -> Pipeline {
        guard let space = try WorkspaceRecord.fetchOne(db, key: record.workspaceId),
              let latest = try PipelineVersionRecord
                .filter(PipelineVersionRecord.Columns.pipelineId == record.id)
                .order(PipelineVersionRecord.Columns.version.desc)
                .fetchOne(db) else {
            throw StoreError(.io, "pipeline \"\(record.name)\" has no workspace or no version; the database was changed outside Lastmile")
        }
        let deployment = try DeploymentRecord.fetchOne(db, key: record.id).map { try Self.deployment($0, pipeline: record.name) }
        return Pipeline(
            name: record.name, workspace: space.name, createdAt: Timestamp.date(record.createdAt),
            latestVersion: try pipelineVersion(latest, pipeline: record.name, workspace: space.name),
            deployment: deployment
        )
    }

    /// The wire form of a pipeline version row.
    static func pipelineVersion(_ record: PipelineVersionRecord, pipeline: String, workspace: String) throws -> PipelineVersion {
        let object = "pipeline \"\(pipeline)\" version \(record.version)"
        return PipelineVersion(
            pipeline: pipeline, workspace: workspace, version: record.version,
            steps: try StoredJSON.decode([PipelineStep].self, from: record.steps, for: "the steps of \(object)"),
            inputs: try StoredJSON.decode([TensorSpec].self, from: record.inputs, for: "the inputs of \(object)"),
            outputs: try StoredJSON.decode([TensorSpec].self, from: record.outputs, for: "the outputs of \(object)"),
            createdAt: Timestamp.date(record.createdAt)
        )
    }
}
