import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file-system error in the user's terms ("Not a directory", "permission denied") rather than
/// Foundation's "The operation could not be completed. (NSCocoaErrorDomain error 512.)".
/// (ResultsStore keeps its own copy so that the store does not link the image codecs.)
public enum FileErrorText {
    public static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied (a read-only file or folder?)"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the volume is read-only"
            case .fileWriteFileExists: return "a file is in the way of a folder"
            default: break
            }
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        // Foundation wraps the system's reason (ENOTDIR, EROFS, …) as the underlying error.
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error { return describe(underlying) }
        if ns.domain == NSCocoaErrorDomain { return "the file system refused the operation (Foundation error \(ns.code))" }
        return ns.localizedDescription
    }
}
