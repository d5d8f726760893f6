import Foundation

extension Browser {
    /// Where the first match is drawn, in CSS pixels from the page's top-left corner
    /// (WebDriver's Get Element Rect): enough to tell whether something fits the phone's width.
    public func rect(_ css: String) throws -> (x: Double, y: Double, width: Double, height: Double) {
        try attempt("measure", css) {
            let value = try sessionCommand("GET", "/element/\(try find(css))/rect") as? [String: Any] ?? [:]
            func number(_ key: String) -> Double { (value[key] as? NSNumber)?.doubleValue ?? .nan }
            return (number("x"), number("y"), number("width"), number("height"))
        }
    }
}
