public import StorageModel

extension VolumeUpdate {
    /// Refuses an update that changes nothing, a malformed key or empty value, an owned option among the requester's,
    /// an owned option that is the engine's own, a key set or reset twice or both set and reset, a reset of a `user.*`
    /// option, and a gid outside what volume creation accepts.
    ///
    /// Gluster's `volume reset` answers "Option user.x does not exist" for any `user.*` key (only `volume reset VOL
    /// all` clears them, and that clears the volume's id too), so such a reset is refused here rather than failing on
    /// the node; setting a new value works.
    public func validate() throws(ValidationError) {
        guard !self.isEmpty else {
            throw ValidationError(
                field: "update", value: "empty", problem: .unsupported("give options to set or reset, or a gid"))
        }
        for option in self.options {
            try Self.validate(option)
            if Self.isOwned(option.key) {
                throw ValidationError(
                    field: "options", value: option.key,
                    problem: .unsupported("user.heketi.* and user.brickyard.* options are kept by Brickyard"))
            }
        }
        for option in self.ownedOptions {
            try Self.validate(option)
            guard Self.isOwned(option.key) else {
                throw ValidationError(
                    field: "options", value: option.key,
                    problem: .unsupported("only user.heketi.* and user.brickyard.* options are set as owned"))
            }
            if Self.engineKeys.contains(option.key) {
                throw ValidationError(
                    field: "options", value: option.key, problem: .unsupported("the engine keeps it itself"))
            }
        }
        var set: Set<String> = []
        for option in self.optionsToSet where !set.insert(option.key).inserted {
            throw ValidationError(field: "options", value: option.key, problem: .unsupported("set twice in one update"))
        }
        var reset: Set<String> = []
        for key in self.resetKeys {
            try VolumeOption.validate(key: key, field: "reset")
            if Self.isOwned(key) {
                throw ValidationError(
                    field: "reset", value: key,
                    problem: .unsupported("user.heketi.* and user.brickyard.* options are kept by Brickyard"))
            }
            if key.hasPrefix("user.") {
                throw ValidationError(
                    field: "reset", value: key,
                    problem: .unsupported(
                        "Gluster's volume reset does not know user.* options; set a new value instead"))
            }
            if set.contains(key) {
                throw ValidationError(field: "reset", value: key, problem: .unsupported("the same update sets it"))
            }
            if !reset.insert(key).inserted {
                throw ValidationError(field: "reset", value: key, problem: .unsupported("reset twice in one update"))
            }
        }
        if let gid = self.gid { try Volume.validate(gid: gid) }
    }

    private static func validate(_ option: VolumeOption) throws(ValidationError) {
        try VolumeOption.validate(key: option.key, field: "options")
        guard !option.value.allSatisfy({ $0 == " " }) else {
            throw ValidationError(field: "options.\(option.key)", value: option.value, problem: .required)
        }
    }
}
