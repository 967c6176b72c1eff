import CCPUID

/// The x86 feature bits that decide which OpenBLAS kernels can run here, read with CPUID and XGETBV.
///
/// A vector extension counts only when the OS also saves its registers (XCR0), as OpenBLAS's own
/// `support_avx`/`support_avx512` require: a CPU with AVX-512 under an OS that does not enable the ZMM
/// state cannot run AVX-512 kernels.
public struct CPUFeatures: Equatable, Sendable, CustomStringConvertible {
    public var isX86: Bool
    public var sse3 = false, ssse3 = false, sse41 = false, sse42 = false
    public var avx = false, fma = false, avx2 = false
    public var avx512f = false, avx512bw = false, avx512dq = false, avx512vl = false
    public var avx512bf16 = false, avx512fp16 = false, amxTile = false
    /// The brand string (CPUID 0x80000002–4), e.g. "Intel(R) Xeon(R) Processor" on VMs that hide the model.
    public var brand: String

    public init(isX86: Bool, brand: String = "") {
        self.isX86 = isX86
        self.brand = brand
    }

    /// This machine's features.
    public static let current: CPUFeatures = read()

    private static func read() -> CPUFeatures {
        guard harness_cpu_is_x86() != 0 else { return CPUFeatures(isX86: false) }
        func registers(_ leaf: UInt32, _ subleaf: UInt32 = 0) -> [UInt32] {
            var r: [UInt32] = [0, 0, 0, 0]
            r.withUnsafeMutableBufferPointer { _ = harness_cpuid(leaf, subleaf, $0.baseAddress) }
            return r
        }
        func bit(_ value: UInt32, _ index: Int) -> Bool { value & (1 << UInt32(index)) != 0 }
        let xcr0 = harness_xcr0()
        let osAVX = xcr0 & 0x6 == 0x6           // XMM and YMM state
        let osAVX512 = osAVX && xcr0 & 0xE0 == 0xE0 // opmask, ZMM_Hi256, Hi16_ZMM state
        let osAMX = xcr0 & 0x60000 == 0x60000     // XTILECFG, XTILEDATA
        let leaf1 = registers(1), leaf7 = registers(7), leaf7s1 = registers(7, 1)
        var brandBytes: [UInt8] = []
        for leaf: UInt32 in 0x8000_0002...0x8000_0004 {
            for word in registers(leaf) { withUnsafeBytes(of: word.littleEndian) { brandBytes += $0 } }
        }
        let brand = String(decoding: brandBytes.prefix { $0 != 0 }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        var f = CPUFeatures(isX86: true, brand: brand)
        f.sse3 = bit(leaf1[2], 0); f.ssse3 = bit(leaf1[2], 9)
        f.sse41 = bit(leaf1[2], 19); f.sse42 = bit(leaf1[2], 20)
        f.avx = osAVX && bit(leaf1[2], 28); f.fma = osAVX && bit(leaf1[2], 12)
        f.avx2 = osAVX && bit(leaf7[1], 5)
        f.avx512f = osAVX512 && bit(leaf7[1], 16); f.avx512dq = osAVX512 && bit(leaf7[1], 17)
        f.avx512bw = osAVX512 && bit(leaf7[1], 30); f.avx512vl = osAVX512 && bit(leaf7[1], 31)
        f.avx512fp16 = osAVX512 && bit(leaf7[3], 23)
        f.avx512bf16 = osAVX512 && bit(leaf7s1[0], 5)
        f.amxTile = osAMX && bit(leaf7[3], 24)
        return f
    }

    /// "AVX2 FMA AVX-512(F BW DQ VL BF16)": the extensions that matter for kernel choice.
    public var summary: String {
        guard isX86 else { return "not x86" }
        var parts: [String] = []
        for (on, name) in [(sse3, "SSE3"), (ssse3, "SSSE3"), (sse42, "SSE4.2"), (avx, "AVX"), (avx2, "AVX2"), (fma, "FMA")]
        where on { parts.append(name) }
        let wide = [(avx512f, "F"), (avx512bw, "BW"), (avx512dq, "DQ"), (avx512vl, "VL"),
                    (avx512bf16, "BF16"), (avx512fp16, "FP16")].filter(\.0).map(\.1)
        if !wide.isEmpty { parts.append("AVX-512(\(wide.joined(separator: " ")))") }
        if amxTile { parts.append("AMX") }
        return parts.isEmpty ? "no SSE3" : parts.joined(separator: " ")
    }

    public var description: String { brand.isEmpty ? summary : "\(brand): \(summary)" }
}

import Foundation  // trimmingCharacters
