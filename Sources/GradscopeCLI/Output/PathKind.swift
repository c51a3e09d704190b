import Foundation

/// What is at a path, without following a symbolic link (`lstat`): the first question
/// every writer asks before it touches anything.
enum PathKind: Equatable {
    case absent
    case regularFile
    case folder
    case symbolicLink
    /// A device, socket or pipe.
    case other

    init(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            self = .absent
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    /// "a folder", "a file", … for messages.
    var phrase: String {
        switch self {
        case .absent: "nothing"
        case .regularFile: "a file"
        case .folder: "a folder"
        case .symbolicLink: "a symbolic link"
        case .other: "a device, socket or pipe"
        }
    }

    /// The last error of a system call, as a short phrase ("Permission denied").
    static var systemError: String { String(cString: strerror(errno)) }
}
