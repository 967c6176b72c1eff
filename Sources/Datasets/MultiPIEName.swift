/// Multi-PIE's 13 cameras at the same elevation, with yaw (TP-GAN `cameraPositions`, FFWM
/// `camera2ang`; `evaluators.md` §4.2): 24_0 is +90°, 05_1 frontal, 11_0 −90°.
public enum MultiPIECamera {
    public static let all: [(name: String, yaw: Int)] = [
        ("24_0", 90), ("01_0", 75), ("20_0", 60), ("19_0", 45), ("04_1", 30), ("05_0", 15), ("05_1", 0),
        ("14_0", -15), ("13_0", -30), ("08_0", -45), ("09_0", -60), ("12_0", -75), ("11_0", -90),
    ]

    public static func yaw(ofCamera name: String) -> Int? { all.first { $0.name == name }?.yaw }
    public static func camera(ofYaw yaw: Int) -> String? { all.first { $0.yaw == yaw }?.name }

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

    /// Parses the file name (the directories are checked against it when present).
    public static func parse(_ path: String) throws(NameError) -> MultiPIEName {
        let components = path.split(separator: "/").map(String.init)
        let base = components.last ?? path
        let stem = base.split(separator: ".", maxSplits: 1).first.map(String.init) ?? base
        let f = stem.split(separator: "_").map(String.init)
        guard f.count == 5, let subject = Int(f[0]), let session = Int(f[1]), let recording = Int(f[2]),
              f[3].count == 3, let illumination = Int(f[4]) else {
            throw NameError("expected SSS_NN_RR_CCC_II (subject, session, recording, camera, illumination), found \"\(base)\"")
        }
        let camera = "\(f[3].prefix(2))_\(f[3].suffix(1))"
        if components.count >= 2, components[components.count - 2] != camera {
            throw NameError("file is in camera folder \(components[components.count - 2]) but its name says \(camera)")
        }
        return MultiPIEName(subject: subject, session: session, recording: recording, camera: camera, illumination: illumination)
    }
}
