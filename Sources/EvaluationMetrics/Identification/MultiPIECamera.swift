/// The 13 horizontal Multi-PIE cameras of the frontalisation protocol ("Setting 2") and their yaw, from
/// TP-GAN `net_input_everything_featparts.py` `cameraPositions` (the same table is FFWM
/// `data_process/process.py` `camera2ang`; `evaluators.md` §4.2). The elevated 08_1 and 19_1 are not
/// part of the protocol (FFWM `process.py` skips '081', '191').
public enum MultiPIECamera: String, CaseIterable, Sendable {
    case c24_0 = "24_0", c01_0 = "01_0", c20_0 = "20_0", c19_0 = "19_0", c04_1 = "04_1", c05_0 = "05_0"
    case c05_1 = "05_1"
    case c14_0 = "14_0", c13_0 = "13_0", c08_0 = "08_0", c09_0 = "09_0", c12_0 = "12_0", c11_0 = "11_0"

    /// Yaw in degrees, + towards 24_0 (the sign convention is arbitrary; only |yaw| is reported).
    public var yaw: Int {
        switch self {
        case .c24_0: return 90
        case .c01_0: return 75
        case .c20_0: return 60
        case .c19_0: return 45
        case .c04_1: return 30
        case .c05_0: return 15
        case .c05_1: return 0
        case .c14_0: return -15
        case .c13_0: return -30
        case .c08_0: return -45
        case .c09_0: return -60
        case .c12_0: return -75
        case .c11_0: return -90
        }
    }

    /// Parses the folder form `05_1` or the file-name token `051`.
    public init(identifier: String) throws {
        var text = identifier
        if text.count == 3, !text.contains("_") {
            text.insert("_", at: text.index(text.startIndex, offsetBy: 2))
        }
        guard let camera = MultiPIECamera(rawValue: text) else {
            if text == "08_1" || text == "19_1" {
                throw MetricError.invalidArgument("camera \(identifier) is elevated and not part of the "
                    + "frontalisation protocol (Setting 2 uses the 13 horizontal cameras)")
            }
            throw MetricError.invalidArgument("unknown Multi-PIE camera \"\(identifier)\" "
                + "(expected one of \(MultiPIECamera.allCases.map(\.rawValue).joined(separator: ", ")), or the file token without '_')")
        }
        self = camera
    }
}

/// Pools per-camera counts into the ±15° … ±90° columns of the frontalisation tables: the two cameras
/// of each |yaw| are added as counts (a micro average), as FFWM `util/util.py` `AverageMeter` does.
public enum PosePooling {
    /// The reported |yaw| columns.
    public static let reportedYaws = [15, 30, 45, 60, 75, 90]

    /// Counts per |yaw| for every reported yaw (a yaw with no probes has total 0). Frontal (0°) probes
    /// are not part of any column. Camera names as `MultiPIECamera(identifier:)` accepts.
    public static func pooledByAbsoluteYaw(_ perCamera: [String: Tally]) throws -> [(yaw: Int, tally: Tally)] {
        var byYaw = [Int: Tally]()
        for (name, count) in perCamera {
            byYaw[abs(try MultiPIECamera(identifier: name).yaw), default: Tally()] += count
        }
        return reportedYaws.map { ($0, byYaw[$0] ?? Tally()) }
    }
}
