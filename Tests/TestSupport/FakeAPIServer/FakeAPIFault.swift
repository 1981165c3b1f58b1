/// A fault the fake API server injects into matching requests, to test retries, timeouts and backoff.
public enum FakeAPIFault: Sendable, Equatable {
    /// Answer with this HTTP status and a `Status` body instead of serving the request.
    case status(Int)
    /// Serve the request after this long.
    case delay(Duration)
    /// Never answer until `clearFaults()` (or `stop()`), then serve the request.
    case hang
}

/// Which requests a fault applies to: a method and a path fragment, each optional.
public struct FakeRequestPattern: Sendable, Equatable {
    public var method: String?
    public var pathContains: String?

    public init(method: String? = nil, pathContains: String? = nil) {
        self.method = method
        self.pathContains = pathContains
    }

    /// Every request.
    public static let any = FakeRequestPattern()

    func matches(method: String, path: String) -> Bool {
        (self.method.map { $0.uppercased() == method.uppercased() } ?? true)
            && (self.pathContains.map { path.contains($0) } ?? true)
    }
}

/// The injected faults, each used up after `times` requests (or never, when nil).
struct FaultTable {
    private struct Rule {
        var fault: FakeAPIFault
        var pattern: FakeRequestPattern
        var remaining: Int?
    }

    private var rules: [Rule] = []
    /// Requests held by `.hang`, released by `clear()`.
    private var hung: [CheckedContinuation<Void, Never>] = []
    /// Bumped by `clear()`, so a request that took a `.hang` just before it is not held after it.
    private(set) var generation = 0

    mutating func add(_ fault: FakeAPIFault, _ pattern: FakeRequestPattern, times: Int?) {
        self.rules.append(Rule(fault: fault, pattern: pattern, remaining: times))
    }

    /// The first fault for this request, counted as used.
    mutating func take(method: String, path: String) -> FakeAPIFault? {
        guard let index = self.rules.firstIndex(where: { $0.pattern.matches(method: method, path: path) }) else {
            return nil
        }
        let fault = self.rules[index].fault
        if let remaining = self.rules[index].remaining {
            if remaining <= 1 {
                self.rules.remove(at: index)
            } else {
                self.rules[index].remaining = remaining - 1
            }
        }
        return fault
    }

    /// Holds a request that took `.hang` in `generation`; false when the faults were cleared since.
    mutating func hold(_ continuation: CheckedContinuation<Void, Never>, generation: Int) -> Bool {
        guard generation == self.generation else { return false }
        self.hung.append(continuation)
        return true
    }

    /// Removes every rule and returns the held requests, to be resumed outside the lock.
    mutating func clear() -> [CheckedContinuation<Void, Never>] {
        self.rules.removeAll()
        self.generation += 1
        defer { self.hung.removeAll() }
        return self.hung
    }
}
