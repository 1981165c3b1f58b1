extension BrickLocation {
    /// A brick on a directory device: a directory of its own on the device's filesystem. No LVM, no mount.
    public struct Directory: Hashable, Sendable {
        /// The device's directory, without trailing slashes (`/` stays `/`).
        public var device: String
        public var brick: BrickID

        public init(device: String, brick: BrickID) {
            var trimmed = Substring(device)
            while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            self.device = String(trimmed)
            self.brick = brick
        }

        /// `<device>/brick_<brick>`: the brick's own directory, removed as a whole with the brick.
        public var root: String {
            (self.device == "/" ? "" : self.device) + "/" + BrickLocation.name(of: self.brick)
        }

        /// `<device>/brick_<brick>/brick`: the directory Gluster serves.
        public var path: String { BrickLocation.directory(self).path }
    }
}
