import Sweeps
import Testing

@Suite struct SeedListTests {
    @Test func rangesListsAndBoth() throws {
        #expect(try SeedList.parse("0-4") == [0, 1, 2, 3, 4])
        #expect(try SeedList.parse("0,2,5") == [0, 2, 5])
        #expect(try SeedList.parse("3") == [3])
        #expect(try SeedList.parse("5, 0-2, 1") == [5, 0, 1, 2])   // order kept, each once
        #expect(try SeedList.parse("7-7") == [7])
    }

    @Test func badListsNameThePartAtFault() {
        for (text, fragment) in [("", "empty"), ("a", "\"a\""), ("4-2", "backwards"), ("1-", "\"1-\""), ("-1", "\"-1\""),
                                 ("0,,1", "\"\""), ("0-20000", "more than 10000"), ("1.5", "\"1.5\"")] {
            #expect(throws: SweepError.self, "\(text)") { try SeedList.parse(text) }
            do { _ = try SeedList.parse(text) } catch { #expect("\(error)".contains(fragment), "\(text): \(error)") }
        }
    }
}
