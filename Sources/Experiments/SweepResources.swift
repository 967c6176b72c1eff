import Foundation

/// A profile's `"sweep"` section: what one Slurm array task (train then evaluate of one run) asks for.
/// A profile without it gets `standard`, sized for the default profile on a laptop-class node.
public struct SweepResources: Codable, Sendable, Equatable {
    public var cpusPerTask: Int
    public var memoryGB: Int
    public var timeMinutes: Int

    public init(cpusPerTask: Int, memoryGB: Int, timeMinutes: Int) {
        self.cpusPerTask = cpusPerTask; self.memoryGB = memoryGB; self.timeMinutes = timeMinutes
    }

    public static let standard = SweepResources(cpusPerTask: 2, memoryGB: 8, timeMinutes: 240)

    /// Bounds a Slurm request can sensibly have; a value outside is a typo, not a wish.
    static let cpuRange = 1...256, memoryRange = 1...4096, timeRange = 1...(14 * 24 * 60)

    /// Problems, each naming the field ("sweep.memoryGB must be between 1 and 4096, got 0").
    public func problems() -> [String] {
        [("cpusPerTask", cpusPerTask, Self.cpuRange), ("memoryGB", memoryGB, Self.memoryRange),
         ("timeMinutes", timeMinutes, Self.timeRange)].compactMap { field, value, range in
            range.contains(value) ? nil : "sweep.\(field) must be between \(range.lowerBound) and \(range.upperBound), got \(value)"
        }
    }
}
