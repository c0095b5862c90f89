import Foundation
import GRDB
import LastmileAPI

extension Store {
    /// Stores `canary` as its pipeline's latest canary, replacing the one before.
    ///
    /// Throws `.notFound` when the pipeline does not exist.
    public func saveCanary(_ canary: Canary) throws {
        let name = canary.pipeline
        let body = try StoredJSON.encode(canary, for: "the canary of pipeline \"\(name)\"")
        try write("save the canary of pipeline \"\(name.prefix(80))\"") { db in
            guard let pipeline = try Self.pipelineRecord(named: name, db: db) else {
                throw StoreError(.notFound, "no pipeline named \"\(name.prefix(80))\"; create it first")
            }
            try CanaryRecord(pipelineId: pipeline.id, state: canary.state.rawValue, body: body, updatedAt: Timestamp.milliseconds(canary.updatedAt)).upsert(db)
        }
    }

    /// The latest canary of `pipeline`, or nil when it never had one (or does not exist).
    public func canary(pipeline: String) throws -> Canary? {
        try read("read the canary of pipeline \"\(pipeline.prefix(80))\"") { db in
            guard let record = try Self.pipelineRecord(named: pipeline, db: db),
                  let canary = try CanaryRecord.fetchOne(db, key: record.id) else { return nil }
            return try StoredJSON.decode(Canary.self, from: canary.body, for: "the canary of pipeline \"\(pipeline)\"")
        }
    }

    /// Every canary still ramping (what the canary scheduler advances).
    public func runningCanaries() throws -> [Canary] {
        try read("list the running canaries") { db in
            try CanaryRecord.filter(CanaryRecord.Columns.state == CanaryState.running.rawValue).fetchAll(db).map {
                try StoredJSON.decode(Canary.self, from: $0.body, for: "a stored canary")
            }
        }
    }
}
