import StorageModel

extension Tags {
    /// Heketi declares `tags` with `omitempty`, so an object without tags sends no `tags` key at all.
    var message: [String: String]? { self.isEmpty ? nil : self.values }
}
