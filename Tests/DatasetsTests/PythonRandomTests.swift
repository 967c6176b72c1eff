import Datasets
import Foundation
import Testing
import TestSupport

/// The MT19937 port against CPython (`tools/make_dataset_fixtures.py`).
@Suite struct PythonRandomTests {
    nonisolated(unsafe) static let fixture: [String: Any] = {
        let url = Fixtures.directory.appendingPathComponent("datasets/python_random.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    @Test func getrandbitsRandomAndRandbelowMatchCPython() throws {
        let seeds = Self.fixture["seeds"] as! [String: [String: Any]]
        #expect(seeds.count == 6)
        for (seedText, expected) in seeds {
            var r = PythonRandom(seed: seedText.count > 18 ? UInt128(seedText)! : UInt128(UInt64(seedText)!))
            #expect((0..<5).map { _ in r.getrandbits(32) } == (expected["getrandbits32"] as! [NSNumber]).map(\.uint64Value), "seed \(seedText)")
            #expect((0..<5).map { _ in r.getrandbits(7) } == (expected["getrandbits7"] as! [NSNumber]).map(\.uint64Value))
            #expect((0..<3).map { _ in r.getrandbits(53) } == (expected["getrandbits53"] as! [NSNumber]).map(\.uint64Value))
            let floats = (expected["random"] as! [String]).map { Double($0)! }
            #expect((0..<5).map { _ in r.random() } == floats, "seed \(seedText)")
            let below = (expected["randbelow"] as! [NSNumber]).map(\.intValue)
            #expect([1, 2, 3, 10, 1000, (1 << 31) + 11].map { r.randbelow($0) } == below, "seed \(seedText)")
        }
    }

    @Test func shuffleMatchesCPython() {
        var r = PythonRandom(seed: 1234)
        var order = Array(0..<2000)
        r.shuffle(&order)
        #expect(order == (Self.fixture["shuffle_2000_seed1234"] as! [NSNumber]).map(\.intValue))
    }

    /// StarGAN's CelebA test set (random.seed(1234); random.shuffle(lines); first 1,999) on the
    /// real list_attr_celeba.txt's 202,599 file names.
    @Test func starGANCelebATestSplit() {
        let rows = (1...202_599).map { AttributeTable.Row(file: String(format: "%06d.jpg", $0), values: [], line: $0 + 2) }
        let (train, test) = StarGANSplit.celebA(rows)
        #expect(test.count == 1999 && train.count == 202_599 - 1999)
        #expect(test.map(\.file) == Self.fixture["stargan_celeba_test_202599"] as! [String])
        #expect(Array(train.prefix(10)).map(\.file) == Self.fixture["stargan_celeba_first_train_202599"] as! [String])
    }

    @Test func shuffleOfNamesMatchesCPython() {
        var r = PythonRandom(seed: 1234)
        var names = (0..<30).map { "\($0).png" }
        r.shuffle(&names)
        #expect(names == Self.fixture["shuffle_30_names_seed1234"] as! [String])
    }
}
