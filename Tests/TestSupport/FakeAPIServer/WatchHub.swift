import KubernetesAPI

/// The open watches and what each is sent: every change to a matching object, as one JSON line, in the order
/// the store made them. Part of the server's locked state, so a watch registered under the lock misses nothing
/// that follows its replay.
struct WatchHub {
    /// What a watch asked for: a kind, a namespace or all, a label selector or none.
    struct Filter: Sendable {
        var resource: ResourceKind
        var namespace: String?
        var selector: LabelSelector?

        /// The event this watch sees for `change`, if any: with a selector, an object that stops matching is
        /// DELETED for it and one that starts matching is ADDED, as kube-apiserver sends them.
        func event(for change: FakeObjectStore.Change) -> (type: String, object: JSONValue)? {
            guard change.resource == self.resource else { return nil }
            if let namespace = self.namespace, change.object["metadata"]?["namespace"]?.stringValue != namespace {
                return nil
            }
            let now = self.selector?.matches(change.object) ?? true
            let before = change.previous.map { self.selector?.matches($0) ?? true } ?? false
            switch change.type {
            case .added: return now ? ("ADDED", change.object) : nil
            case .deleted: return now || before ? ("DELETED", change.object) : nil
            case .modified:
                switch (before, now) {
                case (true, true): return ("MODIFIED", change.object)
                case (false, true): return ("ADDED", change.object)
                case (true, false): return ("DELETED", change.object)
                case (false, false): return nil
                }
            }
        }
    }

    private struct Watch {
        var filter: Filter
        var continuation: AsyncStream<[UInt8]>.Continuation
    }

    private var watches: [Int: Watch] = [:]
    private var nextID = 0

    var count: Int { self.watches.count }

    /// Adds a watch and returns its id, for `remove` when its stream ends.
    mutating func add(_ filter: Filter, _ continuation: AsyncStream<[UInt8]>.Continuation) -> Int {
        self.nextID += 1
        self.watches[self.nextID] = Watch(filter: filter, continuation: continuation)
        return self.nextID
    }

    mutating func remove(_ id: Int) {
        self.watches[id] = nil
    }

    /// Sends `change` to every watch it concerns.
    func publish(_ change: FakeObjectStore.Change) {
        for watch in self.watches.values {
            if let event = watch.filter.event(for: change) {
                watch.continuation.yield(Self.line(event.type, event.object))
            }
        }
    }

    /// Forgets every watch and returns their streams to end outside the lock (ending one runs its
    /// `onTermination`, which takes the lock); with `partialLine`, each first gets half an event, as a
    /// connection cut mid-write.
    mutating func removeAll(partialLine: Bool) -> [AsyncStream<[UInt8]>.Continuation] {
        defer { self.watches.removeAll() }
        return self.watches.values.map { watch in
            if partialLine {
                watch.continuation.yield(Array(#"{"type":"MODIFIED","object":{"#.utf8))
            }
            return watch.continuation
        }
    }

    /// Sends a bookmark at `revision` to one watch.
    func bookmark(_ id: Int, revision: Int, kind: String) {
        guard let watch = self.watches[id] else { return }
        let object = JSONValue.object([
            "kind": .string(kind), "apiVersion": .string(watch.filter.resource.apiVersion),
            "metadata": .object(["resourceVersion": .string(String(revision))]),
        ])
        watch.continuation.yield(Self.line("BOOKMARK", object))
    }

    /// One watch event as a line: `{"type":...,"object":{...}}` and a newline.
    static func line(_ type: String, _ object: JSONValue) -> [UInt8] {
        JSONValue.object(["type": .string(type), "object": object]).bytes + [UInt8(ascii: "\n")]
    }
}
