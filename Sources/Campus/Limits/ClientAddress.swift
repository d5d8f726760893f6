import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The client as limits count it. One IPv6 subscriber usually holds a whole /64, so
/// counting single IPv6 addresses would hand every client billions of fresh counters.
enum ClientAddress {
    /// An IPv4 address as it is (also when written IPv4-mapped); an IPv6 address as its
    /// /64 prefix; anything else as given.
    static func limitKey(_ address: String) -> String {
        guard address.contains(":") else { return address }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}
