/// Identifiers kept in ascending order: the topology's child indexes, so queries return children sorted by id
/// without sorting on every call (a volume's mount hosts list every node of its cluster on every read).
struct SortedIdentifiers<Kind: IdentifierKind>: Hashable, Sendable {
    private(set) var elements: [Identifier<Kind>] = []

    /// Inserts `id` at its place; nothing happens when it is already there.
    mutating func insert(_ id: Identifier<Kind>) {
        let index = self.index(of: id)
        if index < self.elements.count, self.elements[index] == id { return }
        self.elements.insert(id, at: index)
    }

    mutating func remove(_ id: Identifier<Kind>) {
        let index = self.index(of: id)
        if index < self.elements.count, self.elements[index] == id { self.elements.remove(at: index) }
    }

    /// The first position whose element is not less than `id` (binary search).
    private func index(of id: Identifier<Kind>) -> Int {
        var low = 0
        var high = self.elements.count
        while low < high {
            let middle = (low + high) / 2
            if self.elements[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
