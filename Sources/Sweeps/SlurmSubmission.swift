import Foundation

/// Submits a script with `sbatch --parsable` and returns the job id (sbatch prints `id` or `id;cluster`).
public enum SlurmSubmission {
    public static func submit(script: URL, sbatch: String = "sbatch") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [sbatch, "--parsable", script.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw SweepError("cannot run \(sbatch): \(error.localizedDescription) (is Slurm installed? `--dry-run` prints the script)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SweepError("\(sbatch) \(script.path) failed (status \(process.terminationStatus)): "
                + problem.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SweepError("\(sbatch) printed no job id (got \"\(text.trimmingCharacters(in: .whitespacesAndNewlines))\")")
        }
        return id
    }
}
