import Foundation

/// Settings read once at start-up from `CAMPUS_*` environment variables. Each one is
/// listed in the README with its default.
public struct Settings: Sendable {
    /// The folder holding schema.sql, migrations/, locales/ and www/.
    public var home: String
    public var workers: Int
    public var bodyLimit: Int
    /// The largest file an upload form takes. A larger one gets the form again (422)
    /// with its other fields kept; only a body above `bodyLimit` (nginx's
    /// client_max_body_size) is refused outright (413), so this stays below it.
    public var uploadMax: Int
    public var shutdownGrace: Double
    public var socketMode: UInt32
    /// The address people use to reach Campus, for links in emails.
    public var baseURL: String
    /// Overrides the signing secret otherwise kept in the database (hex or base64url, 32+ bytes).
    public var secret: [UInt8]?
    /// A session ends after this many minutes without a request…
    public var sessionIdleMinutes: Int
    /// …and this many days after sign-in, whatever happens.
    public var sessionDays: Int
    /// Failed sign-ins allowed on one account from one address, and from one address on
    /// any accounts, within `loginWindowMinutes`; beyond them that address waits.
    public var loginFailuresPerAccountAndAddress: Int
    public var loginFailuresPerAddress: Int
    /// Failed sign-ins on one account from every address together, within the window,
    /// after which signing in also needs a link sent to the account's email.
    public var loginFailuresBeforeEmailLink: Int
    public var loginWindowMinutes: Int
    /// Registrations, and password-reset requests, allowed per address per hour.
    public var registrationsPerAddress: Int
    public var resetRequestsPerAddress: Int
    /// The bearer token Prometheus sends for /metrics; unset: only admins may read it.
    public var metricsToken: String?
    /// Where `campus mail` writes messages when no sendmail command is set.
    public var mailDirectory: String
    /// A sendmail-compatible command (`/usr/sbin/sendmail -t -oi`); unset: files in mailDirectory.
    public var sendmail: String?
    public var mailFrom: String
    /// Posts (topics and replies) one person may send per minute in the forums.
    public var forumPostsPerMinute: Int
    /// Distinct people whose flags hide a post until a moderator reviews it.
    public var forumFlagsToHide: Int
    /// Days the words of a post its author deleted (and its revisions) are kept for moderators.
    public var forumDeletedPostDays: Int

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        func integer(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let value = Int(text), value > 0 else { throw SettingsError("\(name) must be a positive integer, not '\(text)'") }
            return value
        }
        var secret: [UInt8]?
        if let text = environment["CAMPUS_SECRET"], !text.isEmpty {
            guard let bytes = Settings.decodeSecret(text), bytes.count >= 32 else {
                throw SettingsError("CAMPUS_SECRET must be at least 32 bytes, hex or base64url encoded")
            }
            secret = bytes
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var mode: UInt32 = 0o660
        if let text = environment["CAMPUS_SOCKET_MODE"], !text.isEmpty {
            guard let value = UInt32(text, radix: 8), value <= 0o777 else { throw SettingsError("CAMPUS_SOCKET_MODE must be octal, like 660") }
            mode = value
        }
        let bodyLimit = try integer("CAMPUS_BODY_LIMIT", 10 << 20)
        let uploadMax = try integer("CAMPUS_UPLOAD_MAX", min(8 << 20, bodyLimit - Settings.uploadFormRoom))
        guard uploadMax > 0, uploadMax <= bodyLimit - Settings.uploadFormRoom else {
            throw SettingsError("CAMPUS_UPLOAD_MAX (\(uploadMax)) must stay \(Settings.uploadFormRoom) bytes below CAMPUS_BODY_LIMIT (\(bodyLimit)), to leave room for the rest of the form")
        }
        let home = try environment["CAMPUS_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Settings.findHome()
        func text(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return Settings(
            home: home,
            workers: try integer("CAMPUS_WORKERS", max(2, 2 * cores)),
            bodyLimit: bodyLimit,
            uploadMax: uploadMax,
            shutdownGrace: Double(try integer("CAMPUS_SHUTDOWN_GRACE", 10)),
            socketMode: mode,
            baseURL: text("CAMPUS_BASE_URL") ?? "http://127.0.0.1:8080",
            secret: secret,
            sessionIdleMinutes: try integer("CAMPUS_SESSION_IDLE_MINUTES", 8 * 60),
            sessionDays: try integer("CAMPUS_SESSION_DAYS", 14),
            loginFailuresPerAccountAndAddress: try integer("CAMPUS_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5),
            loginFailuresPerAddress: try integer("CAMPUS_LOGIN_FAILURES_PER_ADDRESS", 30),
            loginFailuresBeforeEmailLink: try integer("CAMPUS_LOGIN_FAILURES_BEFORE_EMAIL_LINK", 20),
            loginWindowMinutes: try integer("CAMPUS_LOGIN_WINDOW_MINUTES", 15),
            registrationsPerAddress: try integer("CAMPUS_REGISTRATIONS_PER_ADDRESS", 20),
            resetRequestsPerAddress: try integer("CAMPUS_RESET_REQUESTS_PER_ADDRESS", 20),
            metricsToken: try metricsToken(text("CAMPUS_METRICS_TOKEN")),
            mailDirectory: text("CAMPUS_MAIL_DIR") ?? home + "/var/mail",
            sendmail: text("CAMPUS_SENDMAIL"),
            mailFrom: text("CAMPUS_MAIL_FROM") ?? "Campus <campus@localhost>",
            forumPostsPerMinute: try integer("CAMPUS_FORUM_POSTS_PER_MINUTE", 6),
            forumFlagsToHide: try integer("CAMPUS_FORUM_FLAGS_TO_HIDE", 3),
            forumDeletedPostDays: try integer("CAMPUS_FORUM_DELETED_POST_DAYS", 30)
        )
    }

    /// A token shorter than 16 characters could be guessed; refusing it at start-up says so.
    static func metricsToken(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard text.count >= 16, !text.contains(where: \.isWhitespace) else {
            throw SettingsError("CAMPUS_METRICS_TOKEN must be at least 16 characters without spaces")
        }
        return text
    }

    /// What an upload form may need besides its file: the other fields, the CSRF token
    /// and the multipart framing.
    static let uploadFormRoom = 64 << 10

    /// The folder with schema.sql: searched upwards from the executable (so a build in
    /// `.build/release/` finds its checkout), then the current directory.
    static func findHome() throws -> String {
        var candidates: [URL] = []
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(url)
            url = url.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("schema.sql").path) {
            return candidate.path
        }
        throw SettingsError("cannot find schema.sql; set CAMPUS_HOME to the folder that holds it")
    }

    static func decodeSecret(_ text: String) -> [UInt8]? {
        if text.count % 2 == 0, text.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
                bytes.append(byte)
                index = next
            }
            return bytes
        }
        return Crypto.fromBase64URL(text)
    }
}

public struct SettingsError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

import Web
