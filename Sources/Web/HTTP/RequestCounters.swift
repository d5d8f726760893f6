import Synchronization

/// Request counts by status class and the time spent answering, for `/metrics`.
/// The one mutable thing the worker threads share, so it has one lock, held for an
/// addition per request.
public final class RequestCounters: Sendable {
    private struct Totals {
        var byClass = [Int](repeating: 0, count: 6)
        var microseconds = 0
    }

    private let totals = Mutex(Totals())

    public init() {}

    public func record(status: Int, microseconds elapsed: Int) {
        totals.withLock { totals in
            totals.byClass[min(max(status / 100, 0), 5)] += 1
            totals.microseconds += elapsed
        }
    }

    /// Counts for 1xx…5xx, in order.
    public var counts: [Int] { totals.withLock { Array($0.byClass[1...5]) } }
    public var totalSeconds: Double { totals.withLock { Double($0.microseconds) / 1_000_000 } }
}
