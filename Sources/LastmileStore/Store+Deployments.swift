import GRDB
import LastmileAPI

extension Store {
    /// Records `deployment` as the deployment of its pipeline, replacing any earlier one.
    ///
    /// `updatedAt` is kept to the millisecond. Throws `.notFound` when the pipeline or its
    /// version `deployment.version` does not exist.
    public func saveDeployment(_ deployment: Deployment) throws {
        let name = deployment.pipeline
        let config = try StoredJSON.encode(deployment.config, for: "the config of the deployment of pipeline \"\(name)\"")
        try write("save the deployment of pipeline \"\(name.prefix(80))\"") { db in
            guard let pipeline = try Self.pipelineRecord(named: name, db: db) else {
                throw StoreError(.notFound, "no pipeline named \"\(name.prefix(80))\" to deploy; create it first")
            }
            guard try PipelineVersionRecord.exists(db, key: ["pipelineId": pipeline.id, "version": deployment.version]) else {
                throw StoreError(.notFound, "pipeline \"\(name)\" has no version \(deployment.version); deploy one of its versions")
            }
            try DeploymentRecord(
                pipelineId: pipeline.id, version: deployment.version, state: deployment.state.rawValue,
                error: deployment.error, config: config, replicas: deployment.replicas,
                updatedAt: Timestamp.milliseconds(deployment.updatedAt)
            ).upsert(db)
        }
    }

    /// Forgets the deployment of `pipeline`; does nothing when it has none.
    ///
    /// Throws `.notFound` when there is no pipeline named `pipeline`.
    public func removeDeployment(pipeline: String) throws {
        try write("remove the deployment of pipeline \"\(pipeline.prefix(80))\"") { db in
            guard let record = try Self.pipelineRecord(named: pipeline, db: db) else {
                throw StoreError(.notFound, "no pipeline named \"\(pipeline.prefix(80))\"; check the name")
            }
            _ = try DeploymentRecord.deleteOne(db, key: record.id)
        }
    }

    /// The deployment of `pipeline`, or nil when the pipeline does not exist or is not deployed.
    public func deployment(pipeline: String) throws -> Deployment? {
        try read("read the deployment of pipeline \"\(pipeline.prefix(80))\"") { db in
            guard let record = try Self.pipelineRecord(named: pipeline, db: db),
                  let deployment = try DeploymentRecord.fetchOne(db, key: record.id) else {
                return nil
            }
            return try Self.deployment(deployment, pipeline: record.name)
        }
    }

    /// Every deployment, sorted by pipeline name (what to start again after a restart).
    public func deployments() throws -> [Deployment] {
        try read("list deployments") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT pipeline.name AS pipelineName, deployment.* FROM deployment
                JOIN pipeline ON pipeline.id = deployment.pipelineId
                ORDER BY pipeline.name
                """)
            return try rows.map { row in
                try Self.deployment(DeploymentRecord(row: row), pipeline: row["pipelineName"])
            }
        }
    }

    // MARK: - Helpers

    /// The wire form of a deployment row.
    static func deployment(_ record: DeploymentRecord, pipeline: String) throws -> Deployment {
        guard let state = DeploymentState(rawValue: record.state) else {
            throw StoreError(.io, "the deployment of pipeline \"\(pipeline)\" has unknown state \"\(record.state.prefix(40))\"; the database was changed outside Lastmile or by a newer version")
        }
        return Deployment(
            pipeline: pipeline, version: record.version, state: state, error: record.error,
            config: try StoredJSON.decode(DeploymentConfig.self, from: record.config, for: "the config of the deployment of pipeline \"\(pipeline)\""),
            replicas: record.replicas, updatedAt: Timestamp.date(record.updatedAt)
        )
    }
}
