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

    /// How many CSS pixels the content of the elements matching `css` sticks out of their
    /// boxes sideways, at most (0 when everything fits): what a reader on this screen would
    /// have to scroll sideways to see.
    public func overflow(_ css: String) throws -> Int {
        try attempt("measure the width of", css) {
            let script = """
                return Math.max(0, ...Array.from(document.querySelectorAll(arguments[0]), element => element.scrollWidth - element.clientWidth));
                """
            return (try sessionCommand("POST", "/execute/sync", ["script": script, "args": [css]]) as? NSNumber)?.intValue ?? 0
        }
    }
}
