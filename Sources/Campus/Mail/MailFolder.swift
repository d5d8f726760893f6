import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Messages as files, for a developer to open. They hold live sign-in, verification and
/// reset links, so they are the owner's alone whatever the umask: 0600 files, and a
/// folder made 0700 (an existing folder is the operator's choice and is left as it is).
enum MailFolder {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `bytes` as `folder/name` atomically: readers never see half a message.
    static func write(_ bytes: [UInt8], named name: String, in folder: String) throws {
        try create(folder)
        let path = folder + "/" + name
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot write \(temporary)") }
        // A leftover from an older version may be more open than the mode above.
        var ok = fchmod(fd, 0o600) == 0
        var written = 0
        while ok && written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            ok = count > 0
            written += max(count, 0)
        }
        let error = ok ? nil : failure("cannot write \(temporary)")
        close(fd)
        if let error {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else { throw failure("cannot rename \(temporary)") }
    }

    static func create(_ folder: String) throws {
        var status = stat()
        if stat(folder, &status) == 0 { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { throw failure("cannot create \(folder)") }
    }

    static func failure(_ what: String) -> WriteError {
        WriteError(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
