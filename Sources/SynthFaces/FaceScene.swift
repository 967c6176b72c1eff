import Datasets

/// How much of the person the picture shows.
public enum Framing: String, Codable, Sendable {
    /// Head, hair and shoulders, like the CelebA-HQ crops.
    case portrait
    /// Head and hair, tighter (RaFD and Multi-PIE crops).
    case face
}

/// Everything that decides one picture. Rendering a scene twice gives the same pixels; changing
/// only `attributes` (or `expression`, `yawDegrees`, `illumination` …) gives the ground-truth
/// translation of the first picture.
public struct FaceScene: Codable, Sendable, Equatable {
    public var identity: Identity
    public var attributes: FaceAttributes
    /// A RaFD expression; nil takes the expression from `attributes.smiling` and
    /// `attributes.mouthSlightlyOpen` (CelebA-style).
    public var expression: RaFDExpression?
    public var gaze: Gaze
    /// Camera orbit around the subject (Multi-PIE and RaFD camera angles), degrees; positive turns
    /// the face towards the viewer's right.
    public var yawDegrees: Float
    /// Head pose relative to the body (small, for CelebA-like variety), degrees.
    public var headYawDegrees: Float
    public var headPitchDegrees: Float
    public var headRollDegrees: Float
    /// Light set-up 0–19 (`Illumination`).
    public var illumination: Int
    public var exposure: Float
    public var background: Background
    public var framing: Framing

    public init(identity: Identity, attributes: FaceAttributes? = nil, expression: RaFDExpression? = nil,
                gaze: Gaze = .frontal, yawDegrees: Float = 0, illumination: Int = 6,
                background: Background = .plain(0.5), framing: Framing = .portrait) {
        self.identity = identity
        self.attributes = attributes ?? identity.usualAttributes
        self.expression = expression
        self.gaze = gaze
        self.yawDegrees = yawDegrees
        self.headYawDegrees = 0
        self.headPitchDegrees = 0
        self.headRollDegrees = 0
        self.illumination = illumination
        self.exposure = 1
        self.background = background
        self.framing = framing
    }

    var actions: FaceActions {
        if let expression { return FaceActions.rafd(expression) }
        return FaceActions.celebA(smiling: attributes.smiling, mouthSlightlyOpen: attributes.mouthSlightlyOpen)
    }

    /// The same scene with CelebA attributes set by name: the ground-truth translation target.
    public func with(_ changes: [String: Bool]) throws -> FaceScene {
        var out = self
        for (name, on) in changes.sorted(by: { $0.key < $1.key }) { try out.attributes.set(name, on) }
        return out
    }
}
