public import StorageModel

extension VolumeUpdate {
    /// The volume as the store keeps it once the update has succeeded: a set option takes the place of the first
    /// entry of its key (later entries of that key go, so the stored list says what Gluster has), a new one is
    /// appended, a reset key is removed, and a given gid replaces the old one.
    public func applied(to volume: Volume) -> Volume {
        var updated = volume
        for option in self.optionsToSet {
            if let first = updated.options.firstIndex(where: { $0.key == option.key }) {
                updated.options[first].value = option.value
                var index = updated.options.index(after: first)
                while index < updated.options.endIndex {
                    if updated.options[index].key == option.key {
                        updated.options.remove(at: index)
                    } else {
                        index = updated.options.index(after: index)
                    }
                }
            } else {
                updated.options.append(option)
            }
        }
        let reset = Set(self.resetKeys)
        updated.options.removeAll { reset.contains($0.key) }
        if let gid = self.gid { updated.gid = gid }
        return updated
    }
}
