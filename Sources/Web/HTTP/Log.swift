#if canImport(Glibc)
import Glibc
#endif

/// Lines on standard error, one `write` each so lines from threads never interleave.
public enum Log {
    public static func write(_ line: String) {
        let text = line.hasSuffix("\n") ? line : line + "\n"
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = Glibc.write(2, buffer.baseAddress, buffer.count - 1)
        }
    }
}
