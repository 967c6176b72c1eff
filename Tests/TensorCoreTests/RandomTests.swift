import Foundation
import Testing
import TensorCore
import TestSupport

@Suite struct RandomTests {
    /// The stream equals an independent Python implementation of SplitMix64 + xoshiro256**.
    @Test func matchesReferenceImplementation() throws {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("xoshiro256.json"))
        let expected = try JSONDecoder().decode([String: [String]].self, from: data)
        #expect(expected.count == 4)
        for (key, values) in expected {
            let parts = key.split(separator: "/").map { UInt64($0)! }
            var g = RandomGenerator(seed: parts[0], stream: parts[1])
            #expect((0..<values.count).map { _ in String(g.next()) } == values, "stream \(key)")
        }
    }

    @Test func sameSeedSameBits() {
        var a = RandomGenerator(seed: 123), b = RandomGenerator(seed: 123)
        let x = Tensor.normal([1000], generator: &a).scalars, y = Tensor.normal([1000], generator: &b).scalars
        #expect(x.map(\.bitPattern) == y.map(\.bitPattern))
        var c = RandomGenerator(seed: 124)
        #expect(Tensor.normal([1000], generator: &c).scalars != x)
        #expect(RandomGenerator(seed: 1, stream: 0).derived(stream: 5).seed == RandomGenerator(seed: 1, stream: 0).derived(stream: 5).seed)
    }

    @Test func distributionsHaveTheirMoments() {
        var g = RandomGenerator(seed: 9)
        let n = 200_000
        let u = Tensor.uniform([n], low: -2, high: 4, generator: &g).scalars.map(Double.init)
        let normal = Tensor.normal([n], mean: 1, std: 3, generator: &g).scalars.map(Double.init)
        func moments(_ v: [Double]) -> (Double, Double) {
            let m = v.reduce(0, +) / Double(v.count)
            return (m, v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1))
        }
        let (mu, vu) = moments(u), (mn, vn) = moments(normal)
        #expect(Swift.abs(mu - 1) < 0.02 && Swift.abs(vu - 3) < 0.05)    // U(−2, 4): mean 1, var 36/12
        #expect(Swift.abs(mn - 1) < 0.03 && Swift.abs(vn - 9) < 0.15)
        #expect(u.allSatisfy { $0 >= -2 && $0 < 4 })
        let b = Tensor.bernoulli([n], probability: 0.3, generator: &g).scalars
        #expect(Swift.abs(Double(b.reduce(0, +)) / Double(n) - 0.3) < 0.005)
        #expect(Set(b) == [0, 1])
    }

    @Test func permutationsAndBoundedIntegers() {
        var g = RandomGenerator(seed: 5)
        let p = g.permutation(1000)
        #expect(p.sorted() == Array(0..<1000) && p != Array(0..<1000))
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[g.integer(below: 7)] += 1 }
        #expect(counts.allSatisfy { Swift.abs($0 - 10_000) < 400 })
    }
}
