public import StorageModel

extension ServerConfiguration {
    /// Where the nodes mount LVM bricks: `localexec.mount_root` with the local executor, Heketi's root with any other
    /// (Heketi's ssh and kubectl executors have no such key). The one place it is decided: the engine writes it into
    /// new bricks' paths, the executor removes devices' mount directories and reads mounts under it, and recovery
    /// tells LVM bricks from directory bricks by it, so all three must be given this same value.
    public var brickMountRoot: String {
        guard self.executor == .local, let root = self.localexec.mountRoot else { return BrickLocation.heketiMountRoot }
        return root
    }
}
