import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Resident memory of a process, from /proc (Linux): what it holds now, and the most
/// it has held, which the kernel keeps and lets the process itself reset.
public enum ProcessMemory {
    /// VmRSS of `pid` (this process by default), in bytes.
    public static func resident(of pid: Int32? = nil) -> Int? { field("VmRSS", pid) }

    /// VmHWM of `pid`: the high-water mark of its resident memory, in bytes.
    public static func peak(of pid: Int32? = nil) -> Int? { field("VmHWM", pid) }

    /// Starts the high-water mark of `pid` (this process by default) afresh from what it
    /// holds now. A process of the same user may do it to another.
    public static func resetPeak(of pid: Int32? = nil) throws {
        // "5" resets the peak resident set size (proc(5), clear_refs).
        try "5".write(toFile: "/proc/\(pid.map(String.init) ?? "self")/clear_refs", atomically: false, encoding: .utf8)
    }

    static func field(_ name: String, _ pid: Int32?) -> Int? {
        guard let status = read("/proc/\(pid.map(String.init) ?? "self")/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kilobytes = line.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// Reads to the end: /proc files say their size is 0, which some readers believe.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
