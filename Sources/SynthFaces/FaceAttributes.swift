import Datasets

public enum HairColour: String, Codable, CaseIterable, Sendable {
    case black, blond, brown, gray
}

public enum HairLength: String, Codable, CaseIterable, Sendable {
    case short, medium, long
}

/// What a face shows besides who it is: hair, makeup, age, accessories, facial hair, expression
/// flags and the geometric CelebA attributes. Rendering the same identity with two attribute sets
/// gives a ground-truth translation pair. Every field maps to CelebA labels in `celebALabels`.
public struct FaceAttributes: Codable, Sendable, Equatable {
    public var male = false
    public var young = true
    public var hairColour = HairColour.brown
    public var hairLength = HairLength.long
    public var wavyHair = false
    public var bald = false
    public var bangs = false
    public var recedingHairline = false
    public var sideburns = false
    /// Eye shadow, eyeliner, blush and lipstick together (CelebA `Heavy_Makeup`, the paper's makeup domain).
    public var heavyMakeup = false
    public var lipstick = false
    public var eyeglasses = false
    public var earrings = false
    public var fiveOClockShadow = false
    public var goatee = false
    public var mustache = false
    public var fullBeard = false
    public var smiling = false
    public var mouthSlightlyOpen = false
    public var paleSkin = false
    public var rosyCheeks = false
    public var archedEyebrows = false
    public var bushyEyebrows = false
    public var bagsUnderEyes = false
    public var narrowEyes = false
    public var bigLips = false
    public var bigNose = false
    public var pointyNose = false
    public var highCheekbones = false
    public var chubby = false
    public var doubleChin = false
    public var ovalFace = false
    public var blurry = false

    public init() {}

    /// CelebA attributes that are exactly one flag, for labels and for setting by name.
    nonisolated(unsafe) static let flags: [String: WritableKeyPath<FaceAttributes, Bool>] = [
        "5_o_Clock_Shadow": \.fiveOClockShadow, "Arched_Eyebrows": \.archedEyebrows, "Bags_Under_Eyes": \.bagsUnderEyes,
        "Bald": \.bald, "Big_Lips": \.bigLips, "Big_Nose": \.bigNose, "Blurry": \.blurry, "Bushy_Eyebrows": \.bushyEyebrows,
        "Chubby": \.chubby, "Double_Chin": \.doubleChin, "Eyeglasses": \.eyeglasses, "Goatee": \.goatee,
        "Heavy_Makeup": \.heavyMakeup, "High_Cheekbones": \.highCheekbones, "Male": \.male,
        "Mouth_Slightly_Open": \.mouthSlightlyOpen, "Mustache": \.mustache, "Narrow_Eyes": \.narrowEyes,
        "Oval_Face": \.ovalFace, "Pale_Skin": \.paleSkin, "Pointy_Nose": \.pointyNose, "Rosy_Cheeks": \.rosyCheeks,
        "Smiling": \.smiling, "Wavy_Hair": \.wavyHair, "Wearing_Earrings": \.earrings, "Young": \.young,
        // Hair-borne attributes: a bald head shows none of them (see `celebALabels`).
        "Bangs": \.bangs, "Receding_Hairline": \.recedingHairline, "Sideburns": \.sideburns,
    ]

    static let hairBorne: Set<String> = ["Bangs", "Receding_Hairline", "Sideburns", "Wavy_Hair"]

    static let hairColourNames: [String: HairColour] = [
        "Black_Hair": .black, "Blond_Hair": .blond, "Brown_Hair": .brown, "Gray_Hair": .gray,
    ]

    /// The value of each CelebA attribute (in `CelebAAttributes.names` order): +1 when the face shows
    /// it, −1 otherwise, and −1 always for the attributes SynthFaces does not render
    /// (`unrenderedCelebAAttributes`).
    public var celebALabels: [Int8] {
        CelebAAttributes.names.map { name in
            let shown: Bool
            if let colour = Self.hairColourNames[name] {
                shown = !bald && hairColour == colour
            } else if let flag = Self.flags[name] {
                shown = self[keyPath: flag] && !(bald && Self.hairBorne.contains(name))
            } else {
                switch name {
                case "No_Beard": shown = !(fullBeard || goatee || mustache)
                case "Straight_Hair": shown = !bald && !wavyHair
                case "Wearing_Lipstick": shown = lipstick || heavyMakeup
                default: shown = false   // unrendered
                }
            }
            return shown ? 1 : -1
        }
    }

    /// CelebA attributes that SynthFaces never renders; they are −1 in every generated annotation.
    public static let unrenderedCelebAAttributes = ["Attractive", "Wearing_Hat", "Wearing_Necklace", "Wearing_Necktie"]

    /// Sets the attribute a CelebA name stands for (for ground-truth translations by name). Hair
    /// colours are exclusive; `Young` false means old; names not rendered are rejected.
    public mutating func set(_ name: String, _ on: Bool) throws(AttributeNameError) {
        if let colour = Self.hairColourNames[name] {
            if on { hairColour = colour; bald = false } else if hairColour == colour { hairColour = colour == .brown ? .black : .brown }
        } else if let flag = Self.flags[name] {
            self[keyPath: flag] = on
            if name == "Heavy_Makeup" && !on { lipstick = false }
        } else {
            switch name {
            case "No_Beard": if on { fullBeard = false; goatee = false; mustache = false } else { fullBeard = true }
            case "Straight_Hair": wavyHair = !on
            case "Wearing_Lipstick": lipstick = on
            default:
                throw AttributeNameError(name: name, known: CelebAAttributes.names.filter { !Self.unrenderedCelebAAttributes.contains($0) })
            }
        }
    }
}

/// An attribute name that SynthFaces cannot set.
public struct AttributeNameError: Error, CustomStringConvertible {
    public let name: String
    public let known: [String]
    public var description: String {
        "attribute \"\(name)\" is not one SynthFaces renders (known: \(known.joined(separator: " ")))"
    }
}
