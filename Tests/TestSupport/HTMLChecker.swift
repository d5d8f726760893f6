import Foundation

/// The Nu Html Checker (the W3C's, vnu.jar) on documents as the server sent them. The jar
/// comes from the test tools `make test` installs (CAMPUS_TEST_VNU_JAR) and runs on Java.
public enum HTMLChecker {
    /// One error in one document: where, what the checker says, and the markup around it.
    public struct Message: Sendable, CustomStringConvertible {
        public let page: String
        public let line: Int
        public let column: Int
        public let text: String
        public let extract: String

        public var description: String {
            "\(page):\(line):\(column): \(text)\n    \(extract.replacingOccurrences(of: "\n", with: "⏎"))"
        }
    }

    /// Checks every document in one run of the checker (Java starts once) and returns
    /// their errors; warnings are advice, not failures.
    public static func errors(in documents: [(page: String, html: [UInt8])]) throws -> [Message] {
        let jar = try TestEnvironment.value("CAMPUS_TEST_VNU_JAR")
        let folder = try TestEnvironment.temporaryDirectory("vnu")
        // Files are named by number; the report names them back by their page.
        var pages: [String: String] = [:]
        for (index, document) in documents.enumerated() {
            let file = String(format: "%03d.html", index)
            try Data(document.html).write(to: URL(fileURLWithPath: folder + "/" + file))
            pages[file] = document.page
        }
        let files = pages.keys.sorted().map { folder + "/" + $0 }
        let arguments = ["java", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"] + files
        let result = try Subprocess.run("/usr/bin/env", arguments)
        // The report is one JSON object; Java may say something of its own before it.
        guard result.status == 0, let start = result.output.firstIndex(of: "{"),
              let report = try? JSONSerialization.jsonObject(with: Data(result.output[start...].utf8)) as? [String: Any],
              let messages = report["messages"] as? [[String: Any]]
        else { throw TestSetupError("the HTML checker failed (status \(result.status)): \(result.output.prefix(2000))") }
        return messages.map { message in
            let url = message["url"] as? String ?? ""
            return Message(
                page: pages[String(url.split(separator: "/").last ?? "")] ?? url,
                line: message["lastLine"] as? Int ?? 0, column: message["firstColumn"] as? Int ?? 0,
                text: (message["type"] as? String == "error" ? "" : "(\(message["type"] ?? "")) ") + (message["message"] as? String ?? ""),
                extract: message["extract"] as? String ?? "")
        }
    }
}
