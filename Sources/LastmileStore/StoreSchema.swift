import GRDB

/// The metadata schema: the list of migrations that build it.
///
/// Migrations have string ids and are never edited once landed; a change to the schema is a new
/// migration appended to the list. They name tables and columns with literals, not with the
/// records' `Columns`, so that renaming a Swift property never rewrites history.
enum StoreSchema {
    /// The migrator with every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-users-tokens") { db in
            try db.create(table: "user") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("admin", .boolean).notNull()
                t.column("createdAt", .integer).notNull()
            }
            try db.create(table: "token") { t in
                t.primaryKey("sha256", .text)
                t.column("userId", .text).notNull().indexed().references("user", onDelete: .cascade)
                t.column("createdAt", .integer).notNull()
            }
        }
        migrator.registerMigration("v1-workspaces-members") { db in
            try db.create(table: "workspace") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("createdAt", .integer).notNull()
            }
            try db.create(table: "member") { t in
                t.column("workspaceId", .text).notNull().references("workspace", onDelete: .cascade)
                t.column("userId", .text).notNull().indexed().references("user", onDelete: .cascade)
                t.column("role", .text).notNull().check(sql: "role IN ('viewer', 'collaborator', 'owner')")
                t.primaryKey(["workspaceId", "userId"])
            }
        }
        migrator.registerMigration("v1-models") { db in
            try db.create(table: "model") { t in
                t.primaryKey("id", .text)
                t.column("workspaceId", .text).notNull().references("workspace", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("createdAt", .integer).notNull()
                t.uniqueKey(["workspaceId", "name"])
            }
            try db.create(table: "modelVersion") { t in
                t.primaryKey("id", .text)
                t.column("modelId", .text).notNull().references("model", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("sha256", .text).notNull().indexed()
                t.column("size", .integer).notNull()
                t.column("createdAt", .integer).notNull()
                t.column("inputs", .text).notNull()
                t.column("outputs", .text).notNull()
                t.uniqueKey(["modelId", "number"])
            }
        }
        migrator.registerMigration("v1-pipelines") { db in
            try db.create(table: "pipeline") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("workspaceId", .text).notNull().indexed().references("workspace", onDelete: .cascade)
                t.column("createdAt", .integer).notNull()
            }
            try db.create(table: "pipelineVersion") { t in
                t.column("pipelineId", .text).notNull().references("pipeline", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("steps", .text).notNull()
                t.column("inputs", .text).notNull()
                t.column("outputs", .text).notNull()
                t.column("createdAt", .integer).notNull()
                t.primaryKey(["pipelineId", "version"])
            }
        }
        migrator.registerMigration("v1-deployments") { db in
            try db.create(table: "deployment") { t in
                t.primaryKey("pipelineId", .text).references("pipeline", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("error", .text)
                t.column("config", .text).notNull()
                t.column("replicas", .integer).notNull()
                t.column("updatedAt", .integer).notNull()
                t.foreignKey(["pipelineId", "version"], references: "pipelineVersion", columns: ["pipelineId", "version"])
            }
        }
        migrator.registerMigration("v2-assays") { db in
            try db.create(table: "assay") { t in
                t.primaryKey("id", .text)
                t.column("workspaceId", .text).notNull().references("workspace", onDelete: .cascade)
                t.column("pipelineId", .text).notNull().indexed().references("pipeline", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("definition", .text).notNull()
                t.column("active", .boolean).notNull()
                t.column("nextWindow", .integer).notNull()
                t.column("createdAt", .integer).notNull()
                t.uniqueKey(["workspaceId", "name"])
            }
            try db.create(table: "assayResult") { t in
                t.column("assayId", .text).notNull().references("assay", onDelete: .cascade)
                t.column("windowStart", .integer).notNull()
                t.column("windowEnd", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("score", .double)
                t.column("result", .text).notNull()
                t.column("createdAt", .integer).notNull()
                t.primaryKey(["assayId", "windowStart"])
            }
            try db.create(table: "assayAlert") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("assayId", .text).notNull().indexed().references("assay", onDelete: .cascade)
                t.column("windowStart", .integer).notNull()
                t.column("url", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("delivered", .boolean).notNull()
                t.column("statusCode", .integer)
                t.column("error", .text)
                t.column("at", .integer).notNull()
            }
        }
        migrator.registerMigration("v3-assay-buckets") { db in
            try db.alter(table: "assay") { t in
                t.add(column: "bucketsUntil", .integer)
            }
            try db.create(table: "assayBucket") { t in
                t.column("assayId", .text).notNull().references("assay", onDelete: .cascade)
                t.column("minute", .integer).notNull()
                t.column("bucket", .text).notNull()
                t.primaryKey(["assayId", "minute"])
            }
        }
        migrator.registerMigration("v4-canaries") { db in
            try db.create(table: "canary") { t in
                t.primaryKey("pipelineId", .text).references("pipeline", onDelete: .cascade)
                t.column("state", .text).notNull().indexed()
                t.column("body", .text).notNull()
                t.column("updatedAt", .integer).notNull()
            }
        }
        migrator.registerMigration("v5-model-version-status") { db in
            try db.alter(table: "modelVersion") { t in
                t.add(column: "status", .text).notNull().defaults(to: "ready")
                t.add(column: "statusMessage", .text)
            }
        }
        return migrator
    }
}
