import GRDB

/// The tables migration v2 adds for running a user study (Table 1) end to end: the plan (its seed and the
/// manifests it was built from), what a rater's page shows for each item (blinded, never a method name),
/// the raters (people with a hashed token, or simulated raters with their noise model), which items each
/// rater is assigned, and the time a rater spent on a page. Only adds tables and one nullable column.
enum StudySchema {
    static func createPlanTables(_ db: Database) throws {
        try db.create(table: "studyPlan") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study", .text).notNull().unique()
            t.column("seed", .integer).notNull()
            t.column("subject", .text).notNull()
            t.column("opponentsJSON", .text).notNull()
            t.column("manifestsJSON", .text).notNull()
            t.column("folder", .text).notNull()
            t.column("pairsPerRater", .integer).notNull().check { $0 > 0 }
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "studyPage") { t in
            t.primaryKey("itemId", .integer).references("studyItem", onDelete: .cascade)
            t.column("study", .text).notNull()
            t.column("blindID", .text).notNull().unique()
            t.column("inputImage", .text).notNull()
            t.column("targetDescription", .text).notNull()
            t.column("targetLabelsJSON", .text).notNull()
            t.column("groundTruthImage", .text)
        }
        try db.create(table: "studyRater") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("study", .text).notNull()
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull().check(sql: "kind IN ('person', 'simulated')")
            t.column("tokenHash", .text).unique()
            t.column("modelJSON", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("revokedAt", .datetime)
            t.uniqueKey(["study", "name"])
        }
        try db.create(table: "studyAssignment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("rater", inTable: "studyRater", onDelete: .cascade).notNull()
            t.belongsTo("item", inTable: "studyItem", onDelete: .cascade).notNull()
            t.column("position", .integer).notNull()
            t.uniqueKey(["raterId", "itemId"])
            t.uniqueKey(["raterId", "position"])
        }
        try db.alter(table: "studyVote") { t in
            t.add(column: "timeOnPageMs", .integer)
        }
    }
}
