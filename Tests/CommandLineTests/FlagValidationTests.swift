import ArgumentParser
import CommandLineSupport
import Testing

@Suite struct FlagValidationTests {
    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as ValidationError { return error.message } catch { return "\(error)" }
    }

    @Test func numbersOutsideTheRangeOrNotFiniteAreNamed() {
        #expect(message { try FlagValidation.require(Double.infinity, in: 0.001...20, flag: "--scale") }
                == "--scale must be a number between 0.001 and 20, got inf")
        #expect(message { try FlagValidation.require(Double.nan, in: 0.001...20, flag: "--scale") } != nil)
        #expect(message { try FlagValidation.require(1e300, in: 0.001...20, flag: "--scale") } != nil)
        #expect(message { try FlagValidation.require(2.5, in: 0.001...20, flag: "--scale") } == nil)
        #expect(message { try FlagValidation.require(-1, in: 0...999_999, flag: "--index") } == "--index must be between 0 and 999999, got -1")
        #expect(message { try FlagValidation.require(Int?.none, in: 16...1024, flag: "--size") } == nil)
        #expect(message { try FlagValidation.require(Int?.some(100_000), in: 16...1024, flag: "--size") } != nil)
        #expect(message { try FlagValidation.require(5, in: 1...Int.max, flag: "--n") } == nil)
        #expect(FlagValidation.describe(1...Int.max) == "at least 1")
    }

    @Test func integerListsRefuseWordsEmptyEntriesAndOutOfRangeValues() throws {
        #expect(try FlagValidation.integers("64, 128,256", in: 16...1024, flag: "--sizes") == [64, 128, 256])
        #expect(message { _ = try FlagValidation.integers("abc", in: 16...1024, flag: "--sizes") }
                == "--sizes expects a comma-separated list of integers between 16 and 1024, got \"abc\" in \"abc\"")
        #expect(message { _ = try FlagValidation.integers("64,,128", in: 16...1024, flag: "--sizes") } != nil)
        #expect(message { _ = try FlagValidation.integers("-8", in: 16...1024, flag: "--sizes") } == "--sizes must be between 16 and 1024, got -8")
        #expect(message { _ = try FlagValidation.integers("", in: 16...1024, flag: "--sizes") } != nil)
    }
}
