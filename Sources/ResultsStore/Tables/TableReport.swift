import Foundation

/// What `report table` does: fill the requested tables from the database (or show the published
/// numbers alone when there is none yet), return the Markdown and write Markdown, CSV and LaTeX files,
/// plus `<table>-orderings.md`: which of the paper's orderings our numbers reproduce (`PaperOrderings`).
public enum TableReport {
    public struct Output: Sendable {
        /// All tables as Markdown, for the terminal.
        public let markdown: String
        /// Files written.
        public let files: [String]
        /// Said before the tables when something is missing (no database yet).
        public let notice: String?
    }

    public static let renderers: [any TableRenderer] = [MarkdownRenderer(), CSVRenderer(), LaTeXRenderer()]

    /// - Parameters:
    ///   - identifiers: "table1", "table2", "table3".
    ///   - databasePath: the results database; a missing file is not created.
    ///   - outputDirectory: where `<table>.md/.csv/.tex` go; nil writes nothing.
    public static func run(identifiers: [String], databasePath: String, outputDirectory: String?,
                           filter: RunFilter = RunFilter(), study: String? = nil,
                           raters: StudyRaterRecord.Kind? = nil) throws -> Output {
        let specifications = try identifiers.map(PublishedTables.specification)
        // Read-only: the report never creates, locks or migrates the database it reads.
        let database = ResultsDatabase.exists(at: databasePath) ? try ResultsDatabase(readingFrom: databasePath) : nil
        let notice = database == nil ? "no results database at \(databasePath) yet: showing the published numbers only" : nil
        let tables = try ResultsDatabase.namingFile(databasePath) {
            try specifications.map { try TableBuilder.build($0, from: database, filter: filter, study: study, raters: raters) }
        }
        var files = [String]()
        if let outputDirectory {
            do {
                try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotWrite(path: outputDirectory, reason: "\(FileErrorText.describe(error)) (choose another --output-directory or pass --no-files)")
            }
            for table in tables {
                for renderer in renderers {
                    let path = (outputDirectory as NSString).appendingPathComponent("\(table.specification.identifier).\(renderer.fileExtension)")
                    do {
                        try renderer.render(table).write(toFile: path, atomically: true, encoding: .utf8)
                    } catch {
                        throw StoreError.cannotWrite(path: path, reason: "\(FileErrorText.describe(error)) (choose another --output-directory or pass --no-files)")
                    }
                    files.append(path)
                }
            }
            for table in tables {
                let path = (outputDirectory as NSString).appendingPathComponent("\(table.specification.identifier)-orderings.md")
                do {
                    try PaperOrderings.markdown([table]).write(toFile: path, atomically: true, encoding: .utf8)
                } catch {
                    throw StoreError.cannotWrite(path: path, reason: "\(FileErrorText.describe(error)) (choose another --output-directory or pass --no-files)")
                }
                files.append(path)
            }
        }
        let markdown = tables.map(MarkdownRenderer().render).joined(separator: "\n") + "\n" + PaperOrderings.markdown(tables)
        return Output(markdown: markdown, files: files, notice: notice)
    }
}
