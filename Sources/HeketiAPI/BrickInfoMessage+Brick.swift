public import StorageModel

extension BrickInfoMessage {
    /// Heketi reports the brick's usable size in whole KiB, not what its thin pool reserves on the device.
    public init(brick: Brick) {
        self.init(
            id: brick.id.description,
            path: brick.path,
            device: brick.device.description,
            node: brick.node.description,
            volume: brick.volume.description,
            size: brick.size.kibibytes)
    }
}
