import Foundation
import GRDB
import LastmileAPI

/// The parts of an assay the `definition` column holds.
private struct AssayDefinition: Codable {
    var iopath: String
    var baseline: AssaySummary
    var baselineStart: Date?
    var baselineEnd: Date?
    var windows: AssayWindows
    var summarizer: AssaySummarizer
    var thresholds: AssayThresholds
    var minCount: Int
    var alertAfter: Int
    var alertOnWarning: Bool
    var webhook: String?
}

extension Store {
    /// Stores `assay` under a new id and returns it as stored.
    ///
    /// Throws `.notFound` when the workspace or pipeline does not exist, `.invalid` for a bad
    /// name or a pipeline of another workspace, and `.conflict` when the workspace has an assay
    /// of that name already.
    public func createAssay(_ assay: Assay) throws -> Assay {
        try Self.validate(assay.name, kind: "assay")
        var stored = assay
        stored.id = Self.newID()
        let now = Timestamp.now()
        stored.createdAt = Timestamp.date(now)
        let definition = try StoredJSON.encode(Self.definition(of: assay), for: "assay \"\(assay.name)\"")
        try write("create assay \"\(assay.name)\" in workspace \"\(assay.workspace.prefix(80))\"") { db in
            guard let workspace = try Self.workspaceRecord(named: assay.workspace, db: db) else { throw Self.noWorkspace(assay.workspace) }
            guard let pipeline = try Self.pipelineRecord(named: assay.pipeline, db: db) else {
                throw StoreError(.notFound, "no pipeline named \"\(assay.pipeline.prefix(80))\"; create it first")
            }
            guard pipeline.workspaceId == workspace.id else {
                throw StoreError(.invalid, "pipeline \"\(assay.pipeline)\" belongs to another workspace than \"\(assay.workspace)\"; create the assay in the pipeline's workspace")
            }
            if try AssayRecord.filter(AssayRecord.Columns.workspaceId == workspace.id && AssayRecord.Columns.name == assay.name).fetchCount(db) > 0 {
                throw StoreError(.conflict, "workspace \"\(assay.workspace)\" has an assay named \"\(assay.name)\" already; choose another name or delete it")
            }
            try AssayRecord(
                id: stored.id, workspaceId: workspace.id, pipelineId: pipeline.id, name: assay.name, definition: definition,
                active: assay.active, nextWindow: assay.nextWindow, createdAt: now, bucketsUntil: nil
            ).insert(db)
        }
        return stored
    }

    /// The assays of `workspace`, by name.
    public func assays(workspace: String) throws -> [Assay] {
        try read("list the assays of workspace \"\(workspace.prefix(80))\"") { db in
            guard let space = try Self.workspaceRecord(named: workspace, db: db) else { throw Self.noWorkspace(workspace) }
            return try AssayRecord.filter(AssayRecord.Columns.workspaceId == space.id).order(AssayRecord.Columns.name).fetchAll(db).map { try Self.assay($0, db: db) }
        }
    }

    /// Every active assay (what the scheduler runs).
    public func activeAssays() throws -> [Assay] {
        try read("list the active assays") { db in
            try AssayRecord.filter(AssayRecord.Columns.active == true).order(AssayRecord.Columns.createdAt).fetchAll(db).map { try Self.assay($0, db: db) }
        }
    }

    /// The assay with `id`, or nil.
    public func assay(id: String) throws -> Assay? {
        try read("read assay \(id.prefix(40))") { db in
            try AssayRecord.fetchOne(db, key: id.lowercased()).map { try Self.assay($0, db: db) }
        }
    }

    /// Turns the assay's schedule on or off; throws `.notFound` for an unknown id.
    @discardableResult
    public func setAssayActive(id: String, active: Bool) throws -> Assay {
        try write("set assay \(id.prefix(40)) active") { db in
            guard var record = try AssayRecord.fetchOne(db, key: id.lowercased()) else { throw Self.noAssay(id) }
            record.active = active
            try record.update(db)
            return try Self.assay(record, db: db)
        }
    }

    /// Deletes the assay with its results and alert records; throws `.notFound` for an unknown id.
    public func deleteAssay(id: String) throws {
        try write("delete assay \(id.prefix(40))") { db in
            guard try AssayRecord.deleteOne(db, key: id.lowercased()) else { throw Self.noAssay(id) }
        }
    }

    /// Stores a window's result (replacing an earlier result for the same window) and moves the
    /// assay's next window to `nextWindow`, in one transaction.
    public func saveAssayResult(assayId: String, result: AssayWindowResult, nextWindow: Int) throws {
        let json = try StoredJSON.encode(result, for: "a result of assay \(assayId)")
        try write("save a result of assay \(assayId.prefix(40))") { db in
            guard var record = try AssayRecord.fetchOne(db, key: assayId) else { throw Self.noAssay(assayId) }
            try AssayResultRecord(
                assayId: assayId, windowStart: Timestamp.milliseconds(result.start), windowEnd: Timestamp.milliseconds(result.end),
                status: result.status.rawValue, score: result.score, result: json, createdAt: Timestamp.now()
            ).upsert(db)
            record.nextWindow = Swift.max(record.nextWindow, nextWindow)
            try record.update(db)
        }
    }

    /// The assay's results with window starts in [`start`, `end`] (nil: open), oldest first.
    public func assayResults(id: String, start: Date? = nil, end: Date? = nil) throws -> [AssayWindowResult] {
        try read("read the results of assay \(id.prefix(40))") { db in
            var request = AssayResultRecord.filter(AssayResultRecord.Columns.assayId == id.lowercased())
            if let start { request = request.filter(AssayResultRecord.Columns.windowStart >= Timestamp.milliseconds(start)) }
            if let end { request = request.filter(AssayResultRecord.Columns.windowStart <= Timestamp.milliseconds(end)) }
            return try request.order(AssayResultRecord.Columns.windowStart).fetchAll(db).map { record in
                try StoredJSON.decode(AssayWindowResult.self, from: record.result, for: "a result of assay \(id)")
            }
        }
    }

    /// Records the outcome of delivering an alert.
    public func recordAlertDelivery(_ delivery: AssayAlertDelivery) throws {
        try write("record an alert of assay \(delivery.assayId.prefix(40))") { db in
            var record = AssayAlertRecord(
                id: nil, assayId: delivery.assayId, windowStart: Timestamp.milliseconds(delivery.windowStart), url: delivery.url,
                attempts: delivery.attempts, delivered: delivery.delivered, statusCode: delivery.statusCode, error: delivery.error,
                at: Timestamp.milliseconds(delivery.at)
            )
            try record.insert(db)
        }
    }

    /// The alert deliveries of an assay, oldest first.
    public func alertDeliveries(assayId: String) throws -> [AssayAlertDelivery] {
        try read("read the alerts of assay \(assayId.prefix(40))") { db in
            try AssayAlertRecord.filter(AssayAlertRecord.Columns.assayId == assayId.lowercased()).order(AssayAlertRecord.Columns.id).fetchAll(db).map { record in
                AssayAlertDelivery(
                    assayId: record.assayId, windowStart: Timestamp.date(record.windowStart), url: record.url, attempts: record.attempts,
                    delivered: record.delivered, statusCode: record.statusCode, error: record.error, at: Timestamp.date(record.at)
                )
            }
        }
    }

    // MARK: - Buckets

    /// Where the assay's per-minute buckets end (milliseconds), or nil when it has none yet.
    public func assayBucketsUntil(id: String) throws -> Int64? {
        try read("read the buckets of assay \(id.prefix(40))") { db in
            guard let record = try AssayRecord.fetchOne(db, key: id.lowercased()) else { throw Self.noAssay(id) }
            return record.bucketsUntil
        }
    }

    /// Stores per-minute buckets (keyed by the minute's start in milliseconds; minutes left out
    /// had no rows) and marks every minute before `until` as summed, in one transaction.
    public func saveAssayBuckets(id: String, buckets: [Int64: AssayBucket], until: Int64) throws {
        let encoded = try buckets.map { minute, bucket in
            (minute, try StoredJSON.encode(bucket, for: "a bucket of assay \(id)"))
        }
        try write("save the buckets of assay \(id.prefix(40))") { db in
            guard var record = try AssayRecord.fetchOne(db, key: id.lowercased()) else { throw Self.noAssay(id) }
            for (minute, json) in encoded {
                try AssayBucketRecord(assayId: record.id, minute: minute, bucket: json).upsert(db)
            }
            record.bucketsUntil = Swift.max(record.bucketsUntil ?? until, until)
            try record.update(db)
        }
    }

    /// The assay's buckets for minutes starting in [`start`, `end`).
    public func assayBuckets(id: String, start: Int64, end: Int64) throws -> [AssayBucket] {
        try read("read the buckets of assay \(id.prefix(40))") { db in
            try AssayBucketRecord
                .filter(AssayBucketRecord.Columns.assayId == id.lowercased() && AssayBucketRecord.Columns.minute >= start && AssayBucketRecord.Columns.minute < end)
                .order(AssayBucketRecord.Columns.minute)
                .fetchAll(db)
                .map { try StoredJSON.decode(AssayBucket.self, from: $0.bucket, for: "a bucket of assay \(id)") }
        }
    }

    // MARK: - Helpers

    static func noAssay(_ id: String) -> StoreError {
        StoreError(.notFound, "there is no assay with id \"\(id.prefix(40))\"; list assays with GET /v1/assays?workspace=<name>")
    }

    private static func definition(of assay: Assay) -> AssayDefinition {
        AssayDefinition(
            iopath: assay.iopath, baseline: assay.baseline, baselineStart: assay.baselineStart, baselineEnd: assay.baselineEnd,
            windows: assay.windows, summarizer: assay.summarizer, thresholds: assay.thresholds, minCount: assay.minCount,
            alertAfter: assay.alertAfter, alertOnWarning: assay.alertOnWarning, webhook: assay.webhook
        )
    }

    /// The wire form of an assay row.
    static func assay(_ record: AssayRecord, db: Database) throws -> Assay {
        guard let workspace = try WorkspaceRecord.fetchOne(db, key: record.workspaceId),
              let pipeline = try PipelineRecord.fetchOne(db, key: record.pipelineId) else {
            throw StoreError(.io, "assay \"\(record.name)\" has no workspace or pipeline; the database was changed outside Lastmile")
        }
        let definition = try StoredJSON.decode(AssayDefinition.self, from: record.definition, for: "assay \"\(record.name)\"")
        return Assay(
            id: record.id, name: record.name, workspace: workspace.name, pipeline: pipeline.name, iopath: definition.iopath,
            baseline: definition.baseline, baselineStart: definition.baselineStart, baselineEnd: definition.baselineEnd,
            windows: definition.windows, summarizer: definition.summarizer, thresholds: definition.thresholds,
            minCount: definition.minCount, alertAfter: definition.alertAfter, alertOnWarning: definition.alertOnWarning,
            webhook: definition.webhook, active: record.active, nextWindow: record.nextWindow, createdAt: Timestamp.date(record.createdAt)
        )
    }
}
