/// The 8 RaFD expressions, in the order upstream code uses (`evaluators.md` §5).
public enum RaFDExpression: String, CaseIterable, Codable, Sendable {
    case angry, contemptuous, disgusted, fearful, happy, neutral, sad, surprised
}

/// The 3 RaFD gaze directions.
public enum RaFDGaze: String, CaseIterable, Codable, Sendable {
    case frontal, left, right
}

/// A RaFD file name, `Rafd<AAA>_<ID>_<Ethnicity>_<gender>_<expression>_<gaze>.<ext>`, e.g.
/// `Rafd090_01_Caucasian_female_angry_frontal.jpg` (`evaluators.md` §5). AAA is the camera angle
/// 000, 045, 090 (frontal), 135, 180.
public struct RaFDName: Sendable, Equatable, Hashable {
    public static let cameraAngles = [0, 45, 90, 135, 180]

    public let cameraAngle: Int
    public let identity: Int
    public let ethnicity: String
    public let gender: String
    public let expression: RaFDExpression
    public let gaze: RaFDGaze

    public init(cameraAngle: Int, identity: Int, ethnicity: String, gender: String, expression: RaFDExpression, gaze: RaFDGaze) {
        self.cameraAngle = cameraAngle
        self.identity = identity
        self.ethnicity = ethnicity
        self.gender = gender
        self.expression = expression
        self.gaze = gaze
    }

    /// Yaw of the face seen by camera AAA: 090 is frontal; the sign convention is ours
    /// (000 → −90°, 180 → +90°).
    public var yawDegrees: Int { cameraAngle - 90 }

    public func fileName(extension ext: String = "jpg") -> String {
        let angle = String(cameraAngle).leftPadded(to: 3)
        return "Rafd\(angle)_\(String(identity).leftPadded(to: 2))_\(ethnicity)_\(gender)_\(expression.rawValue)_\(gaze.rawValue).\(ext)"
    }

    /// Parses a file name (with or without directories). Errors say which field is wrong.
    public static func parse(_ fileName: String) throws(NameError) -> RaFDName {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let stem = base.split(separator: ".", maxSplits: 1).first.map(String.init) ?? base
        let fields = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6 else {
            throw NameError("expected 6 fields Rafd<angle>_<id>_<ethnicity>_<gender>_<expression>_<gaze>, found \(fields.count)")
        }
        let angleDigits = fields[0].dropFirst(4)
        guard fields[0].hasPrefix("Rafd"), angleDigits.count == 3, let angle = Int(digits: angleDigits), cameraAngles.contains(angle) else {
            throw NameError("first field \"\(fields[0])\" is not Rafd000, Rafd045, Rafd090, Rafd135 or Rafd180")
        }
        // RaFD numbers its models from 01; a sign or a zero would be a different file naming the same person.
        guard let identity = Int(digits: fields[1]), identity >= 1 else {
            throw NameError("identity \"\(fields[1])\" is not a model number (digits, 01 or more)")
        }
        guard !fields[2].isEmpty else { throw NameError("ethnicity field is empty") }
        guard fields[3] == "male" || fields[3] == "female" else {
            throw NameError("gender \"\(fields[3])\" is not male or female")
        }
        guard let expression = RaFDExpression(rawValue: fields[4]) else {
            throw NameError("expression \"\(fields[4])\" is not one of \(RaFDExpression.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let gaze = RaFDGaze(rawValue: fields[5]) else {
            throw NameError("gaze \"\(fields[5])\" is not frontal, left or right")
        }
        return RaFDName(cameraAngle: angle, identity: identity, ethnicity: fields[2], gender: fields[3],
                        expression: expression, gaze: gaze)
    }
}

/// Why a file name does not follow a dataset's naming scheme (the caller adds the path).
public struct NameError: Error, CustomStringConvertible, Equatable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension Int {
    /// A number written with ASCII digits only (`Int("+5")` and `Int("-5")` would also succeed);
    /// nil when empty, signed or too large.
    init?<S: StringProtocol>(digits text: S) {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(text) else { return nil }
        self = value
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
