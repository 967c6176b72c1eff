import TensorCore

public enum EyeColour: String, Codable, CaseIterable, Sendable {
    case darkBrown, brown, hazel, green, blue, gray

    var linearRGB: Vec3 {
        switch self {
        case .darkBrown: return Vec3(0.06, 0.025, 0.01)
        case .brown: return Vec3(0.16, 0.07, 0.025)
        case .hazel: return Vec3(0.22, 0.14, 0.05)
        case .green: return Vec3(0.10, 0.18, 0.08)
        case .blue: return Vec3(0.10, 0.20, 0.42)
        case .gray: return Vec3(0.22, 0.25, 0.28)
        }
    }
}

/// Who a face is: head shape, proportions and placement of eyes, nose and mouth, skin tone, eye
/// colour and the person's usual hair. Shape offsets are unitless, about N(0, 1) clipped to ±2;
/// `HeadShape` turns them into geometry. Attributes (`FaceAttributes`) act on top of these, so the
/// same identity can be rendered with any attribute.
public struct Identity: Codable, Sendable, Equatable {
    public var male: Bool
    public var headWidth: Float = 0, headHeight: Float = 0, headDepth: Float = 0
    public var jawWidth: Float = 0, chinLength: Float = 0, chinProtrusion: Float = 0, foreheadHeight: Float = 0
    public var eyeSpacing: Float = 0, eyeHeight: Float = 0, eyeSize: Float = 0, eyeTilt: Float = 0
    public var noseLength: Float = 0, noseWidth: Float = 0, noseProjection: Float = 0, noseBridge: Float = 0
    public var mouthWidth: Float = 0, mouthHeight: Float = 0, upperLip: Float = 0, lowerLip: Float = 0
    public var cheekbones: Float = 0, cheekFullness: Float = 0, browRidge: Float = 0
    public var browThickness: Float = 0, browArch: Float = 0, browHeight: Float = 0
    public var earSize: Float = 0
    /// 0 = very light … 1 = very dark.
    public var skinTone: Float = 0.3
    /// −1 = pinkish … +1 = olive.
    public var skinHue: Float = 0
    public var eyeColour: EyeColour = .brown
    /// The person's natural hair, which images usually (not always) show.
    public var hairColour: HairColour = .brown
    public var hairLength: HairLength = .medium
    public var wavyHair = false
    /// Hair shade inside its colour class (0 light … 1 dark).
    public var hairShade: Float = 0.5
    /// Clothing colour (linear RGB).
    public var clothing: [Float] = [0.2, 0.2, 0.25]
    /// Seed of this person's skin and hair micro-texture.
    public var textureSeed: UInt32 = 0

    public init(male: Bool) { self.male = male }

    /// A random person. `skinToneRange` narrows skin tones (RaFD-like sets use it for ethnicity).
    public static func random(_ g: inout RandomGenerator, male: Bool? = nil, skinToneRange: ClosedRange<Float> = 0...1) -> Identity {
        var id = Identity(male: male ?? g.bernoulli(0.45))
        func offset() -> Float { Swift.min(Swift.max(Float(g.normal()), -2), 2) }
        id.headWidth = offset(); id.headHeight = offset(); id.headDepth = offset()
        id.jawWidth = offset(); id.chinLength = offset(); id.chinProtrusion = offset(); id.foreheadHeight = offset()
        id.eyeSpacing = offset(); id.eyeHeight = offset(); id.eyeSize = offset(); id.eyeTilt = offset()
        id.noseLength = offset(); id.noseWidth = offset(); id.noseProjection = offset(); id.noseBridge = offset()
        id.mouthWidth = offset(); id.mouthHeight = offset(); id.upperLip = offset(); id.lowerLip = offset()
        id.cheekbones = offset(); id.cheekFullness = offset(); id.browRidge = offset()
        id.browThickness = offset(); id.browArch = offset(); id.browHeight = offset(); id.earSize = offset()
        // Skin tones: a mixture so light, medium and dark skin all occur.
        let tone = [Float(0.12), 0.3, 0.5, 0.75, 0.92][[0, 1, 1, 1, 2, 2, 3, 4][g.integer(below: 8)]] + (g.uniformFloat() - 0.5) * 0.16
        id.skinTone = Swift.min(Swift.max(tone, skinToneRange.lowerBound), skinToneRange.upperBound)
        id.skinHue = g.uniform(-1, 1)
        let darkSkin = id.skinTone > 0.6
        id.eyeColour = darkSkin ? [.darkBrown, .darkBrown, .brown][g.integer(below: 3)]
            : EyeColour.allCases[g.integer(below: EyeColour.allCases.count)]
        let hairRoll = g.uniformFloat()
        id.hairColour = darkSkin ? (hairRoll < 0.85 ? .black : .brown)
            : hairRoll < 0.35 ? .black : hairRoll < 0.72 ? .brown : hairRoll < 0.97 ? .blond : .gray
        id.hairLength = id.male ? (g.bernoulli(0.85) ? .short : .medium) : [.medium, .long, .long, .short][g.integer(below: 4)]
        id.wavyHair = g.bernoulli(0.35)
        id.hairShade = g.uniformFloat()
        id.clothing = clothingColour(&g)
        id.textureSeed = UInt32(truncatingIfNeeded: g.next())
        return id
    }

    /// A random garment colour (linear RGB).
    public static func clothingColour(_ g: inout RandomGenerator) -> [Float] {
        let clothes: [[Float]] = [[0.02, 0.02, 0.025], [0.6, 0.6, 0.6], [0.05, 0.08, 0.25], [0.35, 0.03, 0.04],
                                  [0.12, 0.2, 0.1], [0.4, 0.3, 0.2], [0.25, 0.05, 0.3], [0.7, 0.55, 0.4]]
        return clothes[g.integer(below: clothes.count)].map { $0 * g.uniform(0.7, 1.2) }
    }

    /// The attributes this person shows on a plain day: their own hair, no makeup, neutral face.
    public var usualAttributes: FaceAttributes {
        var a = FaceAttributes()
        a.male = male
        a.hairColour = hairColour
        a.hairLength = hairLength
        a.wavyHair = wavyHair
        return a
    }
}
