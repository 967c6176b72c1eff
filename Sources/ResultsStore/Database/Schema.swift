import GRDB

/// The store's schema as GRDB migrations. Migrations are append-only: a new column or table is a new
/// migration, never an edit of an old one, so every existing results file can be brought up to date.
enum Schema {
    /// The schema version this build writes into `PRAGMA user_version`: the number of migrations.
    /// A file with a higher number, or a migration this build does not know, was written by a newer
    /// harness; using it could misread its tables or write rows it cannot hold, so it is refused.
    static var version: Int { migrationIdentifiers.count }

    static let migrationIdentifiers = ["v1: runs, metrics, artefacts, user study",
                                       "v2: user-study plans, blinded pages, raters, assignments, time on page"]

    static func refuseNewer(_ db: Database, path: String) throws {
        let fileVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let unknown = try migrator.appliedIdentifiers(db).subtracting(migrationIdentifiers).sorted()
        guard fileVersion <= version, unknown.isEmpty else {
            let which = unknown.isEmpty ? "" : " (migrations unknown here: \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")))"
            throw StoreError.unusableDatabase(
                path: path,
                reason: "written by a newer version of the harness: schema version \(Swift.max(fileVersion, version + 1))\(which), "
                    + "this build reads up to version \(version). Use a newer build, or a new --database file")
        }
    }

    /// Records `version` in a file migrated by this build (files of older builds have 0).
    static func stampVersion(_ db: Database) throws {
        if try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 < version {
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(migrationIdentifiers[0]) { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("method", .text).notNull()
                t.column("variant", .text).notNull()
                t.column("dataset", .text).notNull()
                t.column("profile", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("configJSON", .text).notNull()
                t.column("configHash", .text).notNull()
                t.column("codeVersion", .text).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('running', 'finished', 'failed', 'abandoned')")
                t.column("statusMessage", .text)
                t.column("host", .text).notNull()
                t.column("processID", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("finishedAt", .datetime)
            }
            try db.create(index: "run_by_table_key", on: "run", columns: ["method", "variant", "dataset", "profile", "status"])
            try db.create(table: "metric") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("run", onDelete: .cascade).notNull()
                t.column("name", .text).notNull()
                t.column("value", .double).notNull()
                t.column("sampleCount", .integer).notNull().check { $0 >= 0 }
                t.column("protocol", .text).notNull()
                t.column("breakdownJSON", .text)
                t.column("recordedAt", .datetime).notNull()
                t.uniqueKey(["runId", "name", "protocol"])
            }
            try db.create(index: "metric_by_name", on: "metric", columns: ["name"])
            try db.create(table: "artefact") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("run", onDelete: .cascade).notNull()
                t.column("kind", .text).notNull().check(sql: "kind IN ('checkpoint', 'sampleGrid', 'other')")
                t.column("path", .text).notNull()
                t.column("sha256", .text)
                t.column("byteCount", .integer)
                t.column("note", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "studyItem") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("study", .text).notNull()
                t.column("inputID", .text).notNull()
                t.column("attributeGroupsJSON", .text).notNull()
                t.column("methodA", .text).notNull()
                t.column("methodB", .text).notNull()
                t.column("runAId", .integer).references("run", onDelete: .setNull)
                t.column("runBId", .integer).references("run", onDelete: .setNull)
                t.column("imageA", .text).notNull()
                t.column("imageB", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.check(sql: "methodA <> methodB")
            }
            try db.create(table: "studyVote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("item", inTable: "studyItem", onDelete: .cascade).notNull()
                t.column("rater", .text).notNull()
                t.column("preferred", .text).notNull().check(sql: "preferred IN ('a', 'b')")
                t.column("votedAt", .datetime).notNull()
                t.uniqueKey(["itemId", "rater"])
            }
        }
        migrator.registerMigration(migrationIdentifiers[1]) { db in
            try StudySchema.createPlanTables(db)
        }
        return migrator
    }
}
