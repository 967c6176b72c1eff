/// Multi-PIE's 13 cameras at the same elevation, with yaw (TP-GAN `cameraPositions`, FFWM
/// `camera2ang`; `evaluators.md` §4.2): 24_0 is +90°, 05_1 frontal, 11_0 −90°.
public enum MultiPIECamera {
    public static let all: [(name: String, yaw: Int)] = [
        ("24_0", 90), ("01_0", 75), ("20_0", 60), ("19_0", 45), ("04_1", 30), ("05_0", 15), ("05_1", 0),
        ("14_0", -15), ("13_0", -30), ("08_0", -45), ("09_0", -60), ("12_0", -75), ("11_0", -90),
    ]

    public static func yaw(ofCamera name: String) -> Int? { all.first { $0.name == name }?.yaw }
    public static func camera(ofYaw yaw: Int) -> String? { all.first { $0.yaw == yaw }?.name }

    /// The two elevated multiview cameras (above the 13 at eye level), which Setting 2 does not use.
    public static let elevated = ["08_1", "19_1"]

    /// Multi-PIE's 20 flash illuminations, 00–19 (00 is no flash).
    public static let illuminations = 0...19

    /// (session, recording) pairs with a neutral expression (bob `add_expressions`).
    public static let neutralRecordings: Set<[Int]> = [[1, 1], [2, 1], [3, 1], [4, 1], [4, 2]]
}

/// One Multi-PIE multiview file:
/// `sessionNN/multiview/SSS/RR/CC_C/SSS_NN_RR_CCC_II.png` (`evaluators.md` §4.1), e.g.
/// `session01/multiview/001/01/05_1/001_01_01_051_06.png`.
public struct MultiPIEName: Sendable, Equatable, Hashable {
    public let subject: Int
    public let session: Int
    public let recording: Int
    /// Camera directory name with the underscore, e.g. "05_1".
    public let camera: String
    public let illumination: Int

    public init(subject: Int, session: Int, recording: Int, camera: String, illumination: Int) {
        self.subject = subject
        self.session = session
        self.recording = recording
        self.camera = camera
        self.illumination = illumination
    }

    public var yaw: Int? { MultiPIECamera.yaw(ofCamera: camera) }
    public var isNeutral: Bool { MultiPIECamera.neutralRecordings.contains([session, recording]) }

    private var fields: (s: String, n: String, r: String, c: String, i: String) {
        (String(subject).leftPadded(to: 3), String(session).leftPadded(to: 2), String(recording).leftPadded(to: 2),
         camera.replacingOccurrences(of: "_", with: ""), String(illumination).leftPadded(to: 2))
    }

    public var fileName: String {
        let f = fields
        return "\(f.s)_\(f.n)_\(f.r)_\(f.c)_\(f.i).png"
    }

    /// Path below the dataset root (the folder that holds `sessionNN`).
    public var relativePath: String {
        let f = fields
        return "session\(f.n)/multiview/\(f.s)/\(f.r)/\(camera)/\(fileName)"
    }

    /// Parses the file name (the directories are checked against it when present). Every field must
    /// be digits of its width and in Multi-PIE's ranges: subjects 001–999, sessions 01–04,
    /// recordings 01–03, one of the 15 multiview cameras, illuminations 00–19.
    public static func parse(_ path: String) throws(NameError) -> MultiPIEName {
        let components = path.split(separator: "/").map(String.init)
        let base = components.last ?? path
        let stem = base.split(separator: ".", maxSplits: 1).first.map(String.init) ?? base
        let f = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 5, zip(f, [3, 2, 2, 3, 2]).allSatisfy({ $0.count == $1 }),
              let subject = Int(digits: f[0]), let session = Int(digits: f[1]), let recording = Int(digits: f[2]),
              Int(digits: f[3]) != nil, let illumination = Int(digits: f[4]) else {
            throw NameError("expected SSS_NN_RR_CCC_II (subject, session, recording, camera, illumination; digits), found \"\(base)\"")
        }
        let camera = "\(f[3].prefix(2))_\(f[3].suffix(1))"
        guard subject >= 1 else { throw NameError("subject \(f[0]) is not a subject number (001 or more)") }
        guard (1...4).contains(session) else { throw NameError("session \(f[1]) is not 01–04") }
        guard (1...3).contains(recording) else { throw NameError("recording \(f[2]) is not 01–03") }
        guard MultiPIECamera.yaw(ofCamera: camera) != nil || MultiPIECamera.elevated.contains(camera) else {
            throw NameError("camera \(f[3]) is not one of Multi-PIE's multiview cameras")
        }
        guard MultiPIECamera.illuminations.contains(illumination) else {
            throw NameError("illumination \(f[4]) is not 00–19")
        }
        if components.count >= 2, components[components.count - 2] != camera {
            throw NameError("file is in camera folder \(components[components.count - 2]) but its name says \(camera)")
        }
        return MultiPIEName(subject: subject, session: session, recording: recording, camera: camera, illumination: illumination)
    }
}
