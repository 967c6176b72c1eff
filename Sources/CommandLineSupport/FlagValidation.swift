import ArgumentParser
import Foundation

/// One way for every command to check its numeric flags against their documented ranges, in
/// `validate()`, before any work: a value out of range (negative, zero, NaN, infinite, absurdly
/// large) is a `ValidationError` naming the flag, the range and the value, never a trap or a
/// multi-gigabyte allocation later. Ranges live beside the flag as constants and are quoted in its
/// help text with `FlagValidation.describe`, so the help and the check cannot disagree.
public enum FlagValidation {
    /// `value` must lie in `range`.
    public static func require<T: BinaryInteger>(_ value: T, in range: ClosedRange<T>, flag: String) throws {
        guard range.contains(value) else {
            throw ValidationError("\(flag) must be \(describe(range)), got \(value)")
        }
    }

    /// `value` must be finite and lie in `range`.
    public static func require(_ value: Double, in range: ClosedRange<Double>, flag: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(flag) must be a number \(describe(range)), got \(value)")
        }
    }

    /// An optional flag: checked when given.
    public static func require<T: BinaryInteger>(_ value: T?, in range: ClosedRange<T>, flag: String) throws {
        if let value { try require(value, in: range, flag: flag) }
    }

    /// A comma-separated list of integers, each in `range` ("64,128"); anything else (an empty
    /// entry, a word, a sign out of range) is an error naming the entry.
    public static func integers(_ text: String, in range: ClosedRange<Int>, flag: String) throws -> [Int] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("\(flag) expects a comma-separated list of integers \(describe(range)), got nothing")
        }
        return try entries.map { entry in
            guard let value = Int(entry) else {
                throw ValidationError("\(flag) expects a comma-separated list of integers \(describe(range)), got \"\(entry)\" in \"\(text)\"")
            }
            try require(value, in: range, flag: flag)
            return value
        }
    }

    /// "between 1 and 64" (or "at least 1" when the upper end is the type's maximum).
    public static func describe<T: BinaryInteger>(_ range: ClosedRange<T>) -> String {
        if let max = Int(exactly: range.upperBound), max == Int.max { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }

    public static func describe(_ range: ClosedRange<Double>) -> String {
        "between \(format(range.lowerBound)) and \(format(range.upperBound))"
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
