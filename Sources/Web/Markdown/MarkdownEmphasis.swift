/// A run of `*` or `_` that may open or close emphasis, and the emphasis it ended up opening
/// and closing (`true` for strong, innermost first).
struct Delimiter {
    let token: Int
    let char: UInt8
    /// The length of the whole run, for CommonMark's "rule of three".
    let length: Int
    var remaining: Int
    let canOpen: Bool
    let canClose: Bool
    var previous = -1
    var next = -1
    var opened: [Bool] = []
    var closed: [Bool] = []

    init(token: Int, char: UInt8, length: Int, canOpen: Bool, canClose: Bool) {
        (self.token, self.char, self.length, self.remaining) = (token, char, length, length)
        (self.canOpen, self.canClose) = (canOpen, canClose)
    }
}

/// CommonMark's delimiter stack: a linked list threaded through an array, so that removing a
/// delimiter is O(1) and indices keep the order of the text.
struct DelimiterList {
    private(set) var items: [Delimiter] = []
    private var first = -1
    /// The newest delimiter still on the stack, or -1.
    private(set) var last = -1

    subscript(index: Int) -> Delimiter { items[index] }

    mutating func append(_ delimiter: Delimiter) -> Int {
        var delimiter = delimiter
        delimiter.previous = last
        items.append(delimiter)
        let index = items.count - 1
        if last >= 0 { items[last].next = index } else { first = index }
        last = index
        return index
    }

    /// Matches openers with closers among the delimiters after `bottom` (-1: all of them), then
    /// drops those delimiters from the stack; unmatched ones stay literal text.
    mutating func process(above bottom: Int) {
        // For each kind of closer, the delimiter below which no opener can match it any more:
        // this bound is what keeps the search linear.
        var openersBottom = [Int](repeating: bottom, count: 12)
        var closer = bottom >= 0 ? items[bottom].next : first
        while closer >= 0 {
            let current = items[closer]
            guard current.canClose else {
                closer = current.next
                continue
            }
            let kind = (current.char == Byte.star ? 0 : 6) + (current.canOpen ? 3 : 0) + current.length % 3
            guard let opener = opener(for: closer, above: max(bottom, openersBottom[kind])) else {
                openersBottom[kind] = current.previous
                if !current.canOpen { remove(closer) }
                closer = current.next
                continue
            }
            closer = match(opener, closer)
        }
        if bottom >= 0 {
            items[bottom].next = -1
            last = bottom
        } else {
            (first, last) = (-1, -1)
        }
    }

    private func opener(for closer: Int, above bottom: Int) -> Int? {
        let current = items[closer]
        var candidate = current.previous
        while candidate > bottom {
            let opener = items[candidate]
            if opener.canOpen, opener.char == current.char, !breaksRuleOfThree(opener, current) { return candidate }
            candidate = opener.previous
        }
        return nil
    }

    /// CommonMark's rule of three: when either run could also play the other part, two runs whose
    /// lengths add up to a multiple of three do not pair, so `*foo**bar*` is one emphasis, not two.
    private func breaksRuleOfThree(_ opener: Delimiter, _ closer: Delimiter) -> Bool {
        (opener.canClose || closer.canOpen) && (opener.length + closer.length) % 3 == 0
            && !(opener.length % 3 == 0 && closer.length % 3 == 0)
    }

    /// Pairs the two runs and returns the closer to continue from.
    private mutating func match(_ opener: Int, _ closer: Int) -> Int {
        let strong = items[opener].remaining >= 2 && items[closer].remaining >= 2
        let used = strong ? 2 : 1
        items[opener].remaining -= used
        items[closer].remaining -= used
        items[opener].opened.append(strong)
        items[closer].closed.append(strong)
        // Delimiters between the two can no longer pair with anything outside them.
        var between = items[opener].next
        while between != closer {
            let next = items[between].next
            remove(between)
            between = next
        }
        if items[opener].remaining == 0 { remove(opener) }
        guard items[closer].remaining == 0 else { return closer }
        let next = items[closer].next
        remove(closer)
        return next
    }

    private mutating func remove(_ index: Int) {
        let (previous, next) = (items[index].previous, items[index].next)
        if previous >= 0 { items[previous].next = next } else { first = next }
        if next >= 0 { items[next].previous = previous } else { last = previous }
    }
}
