import Datasets

/// Facial muscle actions (FACS-like), each 0 … 1; what the geometry actually deforms by.
public struct FaceActions: Codable, Sendable, Equatable {
    public var innerBrowRaise: Float = 0
    public var outerBrowRaise: Float = 0
    public var browLower: Float = 0
    public var upperLidRaise: Float = 0
    public var lidTighten: Float = 0
    public var cheekRaise: Float = 0
    public var noseWrinkle: Float = 0
    public var upperLipRaise: Float = 0
    /// Lip corner pull, per side: (subject's right, subject's left).
    public var smileRight: Float = 0
    public var smileLeft: Float = 0
    public var lipCornerDepress: Float = 0
    public var lipStretch: Float = 0
    public var lipPress: Float = 0
    public var jawOpen: Float = 0
    /// Teeth show (upper teeth behind the parted lips).
    public var teethShow: Float = 0

    public init() {}

    /// The 8 RaFD expressions as action combinations.
    public static func rafd(_ expression: RaFDExpression) -> FaceActions {
        var a = FaceActions()
        switch expression {
        case .neutral: break
        case .happy:
            a.smileRight = 1; a.smileLeft = 1; a.cheekRaise = 0.9; a.lidTighten = 0.4; a.jawOpen = 0.24; a.teethShow = 1
        case .angry:
            a.browLower = 1; a.lidTighten = 0.3; a.upperLidRaise = 0.3; a.lipPress = 1; a.noseWrinkle = 0.2
        case .sad:
            a.innerBrowRaise = 0.9; a.lipCornerDepress = 1; a.lidTighten = 0.1; a.upperLidRaise = -0.3
        case .surprised:
            a.innerBrowRaise = 1; a.outerBrowRaise = 1; a.upperLidRaise = 1; a.jawOpen = 1; a.teethShow = 0.4
        case .fearful:
            a.innerBrowRaise = 1; a.outerBrowRaise = 0.5; a.browLower = 0.35; a.upperLidRaise = 1; a.lipStretch = 1
            a.jawOpen = 0.35; a.teethShow = 0.6
        case .disgusted:
            a.browLower = 0.7; a.noseWrinkle = 1; a.upperLipRaise = 1; a.lidTighten = 0.5; a.cheekRaise = 0.5
            a.lipCornerDepress = 0.4; a.jawOpen = 0.12; a.teethShow = 0.7
        case .contemptuous:
            a.smileLeft = 1; a.lipPress = 0.4
        }
        return a
    }

    /// CelebA-style expression flags: `Smiling` and `Mouth_Slightly_Open`.
    public static func celebA(smiling: Bool, mouthSlightlyOpen: Bool) -> FaceActions {
        var a = FaceActions()
        if smiling { a.smileRight = 0.85; a.smileLeft = 0.85; a.cheekRaise = 0.6; a.lidTighten = 0.25 }
        if mouthSlightlyOpen { a.jawOpen = 0.3; a.teethShow = smiling ? 1 : 0.5 }
        return a
    }
}

/// Gaze directions: RaFD's three (frontal, left, right).
public typealias Gaze = RaFDGaze

extension RaFDGaze {
    /// Eye rotation in radians about the vertical axis (positive: towards the viewer's right).
    var yaw: Float {
        switch self {
        case .frontal: return 0
        case .left: return -0.42
        case .right: return 0.42
        }
    }
}
