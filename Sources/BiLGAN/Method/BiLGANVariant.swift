/// The rows of Table 2's lower part (`bilgan-method.md`, "Ablations"): each variant is one switch away
/// from the full method. `switches` spells out what a variant changes, and those switches (not the
/// name) are what the method reads, so a run's configuration shows exactly what was trained.
public enum BiLGANVariant: String, CaseIterable, Codable, Sendable {
    case full
    case singlePhase = "single-phase"
    case progressive
    case ordinaryRegularization = "ordinary-regularization"
    case noMutualInfo = "no-mutual-info"
    case mine
    case cycle

    /// Table 2's row label.
    public var tableLabel: String {
        switch self {
        case .full: return "BiL-GAN"
        case .singlePhase: return "single phase learning"
        case .progressive: return "progressively learning"
        case .ordinaryRegularization: return "ordinary regularization"
        case .noMutualInfo: return "w/o mutual Info loss"
        case .mine: return "w/ MINE loss"
        case .cycle: return "w/ cycle loss"
        }
    }

    public var switches: BiLGANSwitches {
        var s = BiLGANSwitches()
        switch self {
        case .full: break
        case .singlePhase:
            s.phases = .single
            s.phaseTwoAdversarial = .leastSquares
            s.auxiliaryInPhaseTwo = .training
        case .progressive:
            s.phases = .progressiveFadeIn
            s.phaseTwoAdversarial = .leastSquares
            s.auxiliaryInPhaseTwo = .training
        case .ordinaryRegularization:
            s.auxiliaryInPhaseTwo = .training
        case .noMutualInfo: s.identityTerm = .none
        case .mine: s.identityTerm = .mine
        case .cycle: s.identityTerm = .cycle
        }
        return s
    }
}

/// What the ablations switch, one field per row of the method file's table.
public struct BiLGANSwitches: Codable, Sendable, Equatable {
    public enum Phases: String, Codable, Sendable {
        /// Phase 1 at r₁, then phase 2 at r₂ on G1's features (the paper's method).
        case biphasic
        /// G = G1 ⊕ G2 and the student D trained from scratch at r₂ for every iteration.
        case single
        /// Biphasic, but phase 2 fades G2's output in over G1's upsampled one (PGGAN), α: 0 → 1 over
        /// the first half of phase 2.
        case progressiveFadeIn = "progressive-fade-in"
    }
    public enum Adversarial: String, Codable, Sendable {
        /// Eq. 4–5: the teacher's soft target t(x) for D and the importance weight ω for G.
        case inherited
        /// Plain LSGAN against hard targets 1 / 0.
        case leastSquares = "least-squares"
    }
    public enum Auxiliary: String, Codable, Sendable {
        /// D_uv and D_a frozen in phase 2 (the paper's method).
        case frozen
        /// D_uv and D_a keep their phase-1 updates on real images throughout ("ordinary regularization").
        case training
    }
    public enum IdentityTerm: String, Codable, Sendable {
        /// InfoNCE on φ (Eq. 6–8).
        case infoNCE = "info-nce"
        /// The Donsker–Varadhan bound with a jointly trained statistics network.
        case mine
        /// ‖x − G(G(x, c′), c)‖₁ at r₁ (phase 1) or r₂ (phase 2).
        case cycle
        case none
    }

    public var phases: Phases = .biphasic
    public var phaseTwoAdversarial: Adversarial = .inherited
    public var auxiliaryInPhaseTwo: Auxiliary = .frozen
    public var identityTerm: IdentityTerm = .infoNCE

    public init() {}
}
