public import StorageModel

extension SnapshotMessage {
    /// Heketi echoes factor 1 for a volume without snapshots (the thin pool is then exactly the brick).
    public init(_ settings: SnapshotSettings) {
        self.init(enable: settings.enabled, factor: settings.enabled ? settings.factor : 1)
    }
}
