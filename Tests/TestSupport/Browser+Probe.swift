import Foundation

/// What a page holds, as Chromium parsed it, that text written in Markdown could have put
/// there: see `Browser.markupReport(text:)`.
public struct MarkupReport: Sendable, Equatable {
    /// Tags, attributes and addresses Markdown may not produce, anywhere on the page.
    public var problems: [String]
    /// How many elements of each name the page has outside the text: with the text in its
    /// place and nothing escaping it, the same as on a page with harmless text.
    public var outside: String
    /// The dialogs, windows and navigations a script started, as the probe recorded them.
    public var calls: [String]
    public var scripts: Int
    public var title: String
    public var windowName: String
    public var url: String
}

extension Browser {
    /// From the next page on, runs what pages carry as though they had no
    /// Content-Security-Policy — so a handler or a script that slipped through would run and
    /// be seen, not be blocked by the policy and go unnoticed — and records every call to
    /// `alert`, `confirm`, `prompt`, `print` and `open`, and every navigation the page starts.
    public func watchForScripts() throws {
        try attempt("install the script probe") {
            _ = try sessionCommand("POST", "/goog/cdp/execute", ["cmd": "Page.setBypassCSP", "params": ["enabled": true]])
            _ = try sessionCommand("POST", "/goog/cdp/execute", ["cmd": "Page.addScriptToEvaluateOnNewDocument", "params": ["source": Browser.probe]])
        }
    }

    /// The text of the dialog open now; nil when there is none.
    public func openDialog() throws -> String? {
        do {
            return try sessionCommand("GET", "/alert/text") as? String ?? ""
        } catch let error as WebDriverError where error.error == "no such alert" {
            return nil
        }
    }

    /// Reads the page as Chromium built it. Inside the elements matching `text` (the
    /// rendered Markdown), only the tags and attributes the renderer writes, links to
    /// http, https or mailto with their `rel`, images from this site; anywhere, no event
    /// attribute and no `javascript:` or `data:` address.
    public func markupReport(text: String) throws -> MarkupReport {
        let allowed = Dictionary(uniqueKeysWithValues: InertMarkup.tags.map { ($0, Array(InertMarkup.attributes[$0] ?? [])) })
        let answer = try run(Browser.inspection, [text, allowed]) as? [String: Any] ?? [:]
        return MarkupReport(
            problems: answer["problems"] as? [String] ?? ["(no answer)"], outside: answer["outside"] as? String ?? "",
            calls: answer["calls"] as? [String] ?? ["(the probe did not run)"], scripts: (answer["scripts"] as? NSNumber)?.intValue ?? -1,
            title: answer["title"] as? String ?? "", windowName: answer["name"] as? String ?? "", url: answer["url"] as? String ?? "")
    }

    /// Installed before any of a document's own scripts, in every frame.
    static let probe = """
        (() => {
          const calls = [];
          Object.defineProperty(window, '__campusProbe', { value: calls });
          for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
            window[name] = function () { calls.push(name + '(' + String(arguments[0]).slice(0, 60) + ')'); return null; };
          }
          if (window.navigation) navigation.addEventListener('navigate', (e) => calls.push('navigation to ' + e.destination.url));
        })();
        """

    static let inspection = """
        const [selector, allowed] = arguments;
        const containers = new Set(document.querySelectorAll(selector));
        const inside = new Set();
        for (const container of containers) for (const element of container.querySelectorAll('*')) inside.add(element);
        const problems = [];
        for (const element of inside) {
          const tag = element.localName;
          if (!(tag in allowed)) { problems.push('<' + tag + '> in the text'); continue; }
          for (const attribute of element.attributes) {
            if (!allowed[tag].includes(attribute.name)) problems.push(attribute.name + ' on <' + tag + '> in the text');
          }
          if (tag === 'a' && !['http:', 'https:', 'mailto:'].includes(element.protocol)) problems.push('a link to ' + element.protocol);
          if (tag === 'a' && element.rel !== 'nofollow noopener') problems.push('a link with rel ' + element.rel);
          if (tag === 'img') {
            let origin = null;
            try { origin = new URL(element.getAttribute('src'), location.href).origin; } catch (e) {}
            if (origin !== location.origin) problems.push('an image from ' + element.getAttribute('src'));
          }
        }
        const counts = {};
        for (const element of document.getElementsByTagName('*')) {
          for (const attribute of element.attributes) {
            const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
            if (/^on/i.test(attribute.name)) problems.push(attribute.name + ' on <' + element.localName + '>');
            if (/^(javascript|vbscript|data):/.test(value)) problems.push(attribute.name + '=' + value.slice(0, 40));
          }
          if (!inside.has(element) && !containers.has(element)) counts[element.localName] = (counts[element.localName] || 0) + 1;
        }
        return {
          problems,
          outside: Object.keys(counts).sort().map((name) => name + ' ' + counts[name]).join(', '),
          calls: window.__campusProbe ? Array.from(window.__campusProbe) : ['(the probe did not run)'],
          scripts: document.scripts.length, title: document.title, name: window.name, url: location.href,
        };
        """
}
