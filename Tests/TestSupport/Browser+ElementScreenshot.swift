import Foundation

extension Browser {
    /// Writes a PNG of the first element matching `css` alone, as the browser drew it
    /// (WebDriver scrolls it into view first): what a phone's camera would be pointed at.
    public func screenshot(of css: String, to path: String) throws {
        try attempt("take a screenshot of", css) {
            guard let encoded = try sessionCommand("GET", "/element/\(try find(css))/screenshot") as? String,
                let png = Data(base64Encoded: encoded)
            else { throw WebDriverError(error: "unexpected answer", message: "the element screenshot is not base64") }
            try png.write(to: URL(fileURLWithPath: path))
        }
    }
}
