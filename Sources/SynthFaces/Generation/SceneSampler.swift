import Datasets
import TensorCore

/// Which random stream each decision draws from: everything follows from (seed, index), so an
/// image is the same whichever thread renders it and whether or not the run was resumed.
enum Streams {
    static let celebAIdentity: UInt64 = 1 << 40
    static let celebAImage: UInt64 = 2 << 40
    static let rafdIdentity: UInt64 = 3 << 40
    static let multiPIESubject: UInt64 = 4 << 40
}

/// The scenes of the three sets.
public struct SceneSampler: Sendable {
    public let configuration: GenerationConfiguration

    public init(configuration: GenerationConfiguration) { self.configuration = configuration }

    // MARK: CelebA-HQ-like

    public func celebAHQIdentityIndex(ofImage k: Int) -> Int { k / configuration.celebAHQ.imagesPerIdentity }

    public func celebAHQIdentity(_ i: Int) -> Identity {
        var g = RandomGenerator(seed: configuration.seed, stream: Streams.celebAIdentity + UInt64(i))
        return Identity.random(&g)
    }

    /// Image k: the identity's person with per-image attributes, pose, light and background. Traits
    /// that belong to a person (glasses wearer, beard style, usual makeup …) come from the identity's
    /// stream, so the images of one identity agree; the rest from the image's stream.
    public func celebAHQScene(_ k: Int) -> FaceScene {
        let i = celebAHQIdentityIndex(ofImage: k)
        var person = celebAHQIdentity(i)
        var traits = RandomGenerator(seed: configuration.seed, stream: Streams.celebAIdentity + UInt64(i)).derived(stream: 1)
        var g = RandomGenerator(seed: configuration.seed, stream: Streams.celebAImage + UInt64(k))
        var a = person.usualAttributes
        let male = person.male
        // Clothes change from photo to photo; they must not give the identity away.
        person.clothing = Identity.clothingColour(&g)
        let youngPerson = traits.bernoulli(0.78)
        a.young = g.bernoulli(0.95) ? youngPerson : !youngPerson
        a.bald = male && traits.bernoulli(a.young ? 0.03 : 0.3)
        a.recedingHairline = !a.bald && traits.bernoulli(male && !a.young ? 0.35 : 0.05)
        a.bangs = traits.bernoulli(male ? 0.1 : 0.3)
        if !a.young && traits.bernoulli(0.65) { a.hairColour = .gray }
        if g.bernoulli(0.08) { a.hairColour = HairColour.allCases[g.integer(below: 4)] }
        if g.bernoulli(0.1) { a.wavyHair.toggle() }
        let makeupLover = !male && traits.bernoulli(0.6)
        a.heavyMakeup = makeupLover && g.bernoulli(0.8)
        a.lipstick = a.heavyMakeup || (!male && g.bernoulli(0.3))
        a.earrings = !male && traits.bernoulli(0.35) && g.bernoulli(0.85)
        a.eyeglasses = (traits.bernoulli(0.12) && g.bernoulli(0.8)) || g.bernoulli(0.02)
        if male {
            switch traits.integer(below: 20) {
            case 0..<11: break
            case 11..<14: a.fiveOClockShadow = true
            case 14..<16: a.goatee = true; a.mustache = traits.bernoulli(0.5)
            case 16..<17: a.mustache = true
            default: a.fullBeard = true; a.mustache = true
            }
            a.sideburns = traits.bernoulli(0.15)
        }
        a.smiling = g.bernoulli(0.48)
        a.mouthSlightlyOpen = g.bernoulli(0.45)
        a.blurry = g.bernoulli(0.04)
        a.paleSkin = person.skinTone < 0.3 && traits.bernoulli(0.12)
        a.rosyCheeks = !male && traits.bernoulli(0.1)
        a.archedEyebrows = traits.bernoulli(male ? 0.05 : 0.45)
        a.bushyEyebrows = traits.bernoulli(male ? 0.3 : 0.05)
        a.bagsUnderEyes = traits.bernoulli(a.young ? 0.15 : 0.55)
        a.narrowEyes = traits.bernoulli(0.1)
        a.bigLips = traits.bernoulli(male ? 0.15 : 0.3)
        a.bigNose = traits.bernoulli(male ? 0.4 : 0.1)
        a.pointyNose = !a.bigNose && traits.bernoulli(0.3)
        a.highCheekbones = traits.bernoulli(male ? 0.25 : 0.5)
        a.chubby = traits.bernoulli(0.07)
        a.doubleChin = traits.bernoulli(a.chubby ? 0.6 : 0.03)
        a.ovalFace = !a.chubby && traits.bernoulli(0.3)
        var scene = FaceScene(identity: person, attributes: a, background: Background.random(&g), framing: .portrait)
        scene.headYawDegrees = Float(Swift.min(Swift.max(g.normal() * 12, -30), 30))
        scene.headPitchDegrees = Float(Swift.min(Swift.max(g.normal() * 5, -12), 12))
        scene.headRollDegrees = Float(Swift.min(Swift.max(g.normal() * 4, -10), 10))
        scene.gaze = g.bernoulli(0.9) ? .frontal : (g.bernoulli(0.5) ? .left : .right)
        let mostlyFrontal = [6, 7, 8, 14, 15, 16, 0, 19]
        scene.illumination = g.bernoulli(0.7) ? mostlyFrontal[g.integer(below: mostlyFrontal.count)] : g.integer(below: Illumination.count)
        scene.exposure = g.uniform(0.85, 1.15)
        return scene
    }

    // MARK: RaFD-like

    /// RaFD model r (1-based): Caucasian (light skin) or Moroccan (medium skin), adult.
    public func rafdIdentity(_ r: Int) -> (identity: Identity, ethnicity: String) {
        var g = RandomGenerator(seed: configuration.seed, stream: Streams.rafdIdentity + UInt64(r))
        let moroccan = g.bernoulli(0.3)
        let person = Identity.random(&g, skinToneRange: moroccan ? 0.4...0.62 : 0.02...0.3)
        return (person, moroccan ? "Moroccan" : "Caucasian")
    }

    public func rafdScene(identity r: Int, expression: RaFDExpression, gaze: Gaze, cameraAngle: Int) -> FaceScene {
        var (person, _) = rafdIdentity(r)
        person.clothing = [0.015, 0.015, 0.017]   // RaFD models wear black shirts
        return FaceScene(identity: person, expression: expression, gaze: gaze, yawDegrees: Float(cameraAngle - 90),
                         illumination: 6, background: .plain(0.88), framing: .face)
    }

    // MARK: Multi-PIE-like

    public func multiPIESubject(_ s: Int) -> Identity {
        var g = RandomGenerator(seed: configuration.seed, stream: Streams.multiPIESubject + UInt64(s))
        return Identity.random(&g)
    }

    /// Subject s in session n (recording 01, neutral): the same person; glasses and hair length may
    /// differ between sessions as they did in the months between Multi-PIE sessions.
    public func multiPIEScene(subject s: Int, session: Int) -> FaceScene {
        let person = multiPIESubject(s)
        var g = RandomGenerator(seed: configuration.seed, stream: Streams.multiPIESubject + UInt64(s)).derived(stream: UInt64(session))
        var a = person.usualAttributes
        a.eyeglasses = g.bernoulli(0.15)
        return FaceScene(identity: person, attributes: a, background: .plain(0.42), framing: .face)
    }
}
