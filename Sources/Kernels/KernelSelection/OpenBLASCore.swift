/// OpenBLAS's x86-64 kernel families ("core types"), ordered by the instructions they use.
///
/// The names are those of OpenBLAS's `driver/others/dynamic.c`: `openblas_get_corename()` reports
/// one of `corename[]` and `OPENBLAS_CORETYPE` accepts the same names, case-insensitively. Several names
/// share a level (Zen runs Haswell-class AVX2/FMA kernels), so choices compare levels, not names.
public enum OpenBLASCore: String, CaseIterable, Sendable {
    case katmai, coppermine, northwood, banias, athlon, opteron
    case prescott, atom, nano, opteronSSE3 = "opteron_sse3"
    case core2, penryn, dunnington, barcelona, bobcat
    case nehalem
    case sandybridge, bulldozer, piledriver, steamroller, excavator
    case haswell, zen
    case skylakeX = "skylakex"
    case cooperlake
    case sapphireRapids = "sapphirerapids"

    /// Instruction level of the kernels: 0 SSE2, 1 SSE3, 2 SSSE3, 3 SSE4.2, 4 AVX, 5 AVX2+FMA,
    /// 6 AVX-512, 7 AVX-512 with BF16, 8 AMX.
    public var level: Int {
        switch self {
        case .katmai, .coppermine, .northwood, .banias, .athlon, .opteron: 0
        case .prescott, .atom, .nano, .opteronSSE3: 1
        case .core2, .penryn, .dunnington, .barcelona, .bobcat: 2
        case .nehalem: 3
        case .sandybridge, .bulldozer, .piledriver, .steamroller, .excavator: 4
        case .haswell, .zen: 5
        case .skylakeX: 6
        case .cooperlake: 7
        case .sapphireRapids: 8
        }
    }

    /// The value for `OPENBLAS_CORETYPE`.
    public var environmentValue: String { rawValue.uppercased() }

    /// Parses `openblas_get_corename()` ("Prescott", "SkylakeX", "Zen", …); nil for names we do not rank.
    public init?(reportedName: String) {
        self.init(rawValue: reportedName.lowercased())
    }

    /// The strongest core OpenBLAS 0.3.21+ (Debian 12's) can be told to use on a CPU with `features`.
    /// AMX machines get Cooperlake: Sapphire Rapids kernels only exist in later OpenBLAS releases, and
    /// naming a core an older build lacks would silently fall back again. nil off x86 or below SSE3.
    public static func best(for features: CPUFeatures) -> OpenBLASCore? {
        guard features.isX86 else { return nil }
        let f = features
        if f.avx512f && f.avx512bw && f.avx512dq && f.avx512vl { return f.avx512bf16 ? .cooperlake : .skylakeX }
        if f.avx2 && f.fma { return .haswell }
        if f.avx { return .sandybridge }
        if f.sse42 { return .nehalem }
        if f.ssse3 { return .core2 }
        if f.sse3 { return .prescott }
        return nil
    }
}
