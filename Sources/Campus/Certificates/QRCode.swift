import CQREncode
import Web

/// A QR code made by libqrencode (Debian's build is thread-safe: it takes its own lock
/// around the tables it shares). The modules are copied out and the C symbol freed here;
/// no pointer leaves this file.
struct QRCode {
    /// Modules per side, without the quiet zone.
    let width: Int
    /// Row by row, true for a dark module.
    let modules: [Bool]

    /// `text` as 8-bit data with error correction level M (15% of the symbol can be lost:
    /// a folded or smudged printout still reads). Nil only if the text is too long.
    init?(_ text: String) {
        guard let symbol = text.withCString({ QRcode_encodeString8bit($0, 0, QR_ECLEVEL_M) }) else { return nil }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        // The lowest bit of each byte is the module's colour; the others describe its role.
        modules = (0..<(width * width)).map { symbol.pointee.data[$0] & 1 == 1 }
        self.width = width
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * width + x] }

    /// Inline SVG: one path of horizontal runs on a white square with the four-module quiet
    /// zone readers need. `label` names it for screen readers.
    func svg(label: String) -> HTML {
        let quiet = 4
        let side = width + 2 * quiet
        var path = ""
        for y in 0..<width {
            var x = 0
            while x < width {
                guard isDark(x: x, y: y) else { x += 1; continue }
                var run = 1
                while x + run < width, isDark(x: x + run, y: y) { run += 1 }
                path += "M\(x + quiet) \(y + quiet)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
        <svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" role="img" aria-label="\(label)" \
        shape-rendering="crispEdges"><rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }
}
