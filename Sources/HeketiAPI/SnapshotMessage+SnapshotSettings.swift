public import StorageModel

extension SnapshotMessage {
    /// A disabled snapshot sends no factor: the 1 stored with it only sizes thin pools and means nothing to
    /// a client.
    public init(_ settings: SnapshotSettings) {
        self.init(enable: settings.enabled, factor: settings.enabled ? settings.factor : nil)
    }
}
