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

    /// The value of each CelebA attribute (in `CelebAAttributes.names` order): +1 when the face shows
    /// it, −1 otherwise, and −1 always for the attributes SynthFaces does not render
    /// (`unrenderedCelebAAttributes`).
    public var celebALabels: [Int8] {
        let hasHair = !bald
        let table: [String: Bool] = [
            "5_o_Clock_Shadow": fiveOClockShadow, "Arched_Eyebrows": archedEyebrows, "Attractive": false,
            "Bags_Under_Eyes": bagsUnderEyes, "Bald": bald, "Bangs": bangs && hasHair, "Big_Lips": bigLips,
            "Big_Nose": bigNose, "Black_Hair": hasHair && hairColour == .black, "Blond_Hair": hasHair && hairColour == .blond,
            "Blurry": blurry, "Brown_Hair": hasHair && hairColour == .brown, "Bushy_Eyebrows": bushyEyebrows,
            "Chubby": chubby, "Double_Chin": doubleChin, "Eyeglasses": eyeglasses, "Goatee": goatee,
            "Gray_Hair": hasHair && hairColour == .gray, "Heavy_Makeup": heavyMakeup, "High_Cheekbones": highCheekbones,
            "Male": male, "Mouth_Slightly_Open": mouthSlightlyOpen, "Mustache": mustache, "Narrow_Eyes": narrowEyes,
            "No_Beard": !(fullBeard || goatee || mustache), "Oval_Face": ovalFace, "Pale_Skin": paleSkin,
            "Pointy_Nose": pointyNose, "Receding_Hairline": recedingHairline && hasHair, "Rosy_Cheeks": rosyCheeks,
            "Sideburns": sideburns && hasHair, "Smiling": smiling, "Straight_Hair": hasHair && !wavyHair,
            "Wavy_Hair": hasHair && wavyHair, "Wearing_Earrings": earrings, "Wearing_Hat": false,
            "Wearing_Lipstick": lipstick || heavyMakeup, "Wearing_Necklace": false, "Wearing_Necktie": false,
            "Young": young,
        ]
        return CelebAAttributes.names.map { table[$0]! ? 1 : -1 }
    }

    /// CelebA attributes that SynthFaces never renders; they are −1 in every generated annotation.
    public static let unrenderedCelebAAttributes = ["Attractive", "Wearing_Hat", "Wearing_Necklace", "Wearing_Necktie"]

    /// Sets the attribute a CelebA name stands for (for ground-truth translations by name). Hair
    /// colours are exclusive; `Young` false means old; names not rendered are rejected.
    public mutating func set(_ name: String, _ on: Bool) throws(AttributeNameError) {
        switch name {
        case "5_o_Clock_Shadow": fiveOClockShadow = on
        case "Arched_Eyebrows": archedEyebrows = on
        case "Bags_Under_Eyes": bagsUnderEyes = on
        case "Bald": bald = on
        case "Bangs": bangs = on
        case "Big_Lips": bigLips = on
        case "Big_Nose": bigNose = on
        case "Black_Hair", "Blond_Hair", "Brown_Hair", "Gray_Hair":
            let colour: HairColour = name == "Black_Hair" ? .black : name == "Blond_Hair" ? .blond : name == "Brown_Hair" ? .brown : .gray
            if on { hairColour = colour; bald = false } else if hairColour == colour { hairColour = colour == .brown ? .black : .brown }
        case "Blurry": blurry = on
        case "Bushy_Eyebrows": bushyEyebrows = on
        case "Chubby": chubby = on
        case "Double_Chin": doubleChin = on
        case "Eyeglasses": eyeglasses = on
        case "Goatee": goatee = on
        case "Heavy_Makeup": heavyMakeup = on; if !on { lipstick = false }
        case "High_Cheekbones": highCheekbones = on
        case "Male": male = on
        case "Mouth_Slightly_Open": mouthSlightlyOpen = on
        case "Mustache": mustache = on
        case "Narrow_Eyes": narrowEyes = on
        case "No_Beard": if on { fullBeard = false; goatee = false; mustache = false } else { fullBeard = true }
        case "Oval_Face": ovalFace = on
        case "Pale_Skin": paleSkin = on
        case "Pointy_Nose": pointyNose = on
        case "Receding_Hairline": recedingHairline = on
        case "Rosy_Cheeks": rosyCheeks = on
        case "Sideburns": sideburns = on
        case "Smiling": smiling = on
        case "Straight_Hair": wavyHair = !on
        case "Wavy_Hair": wavyHair = on
        case "Wearing_Earrings": earrings = on
        case "Wearing_Lipstick": lipstick = on
        case "Young": young = on
        default:
            throw AttributeNameError(name: name, known: CelebAAttributes.names.filter { !Self.unrenderedCelebAAttributes.contains($0) })
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
