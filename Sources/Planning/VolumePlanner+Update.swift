public import StorageModel

extension VolumePlanner {
    /// An update in place: `volume set` for the options, `volume reset` for the keys, then the bricks' group, each
    /// only when the update has it. Every step has the same effect when run again, so an interrupted update is
    /// carried through rather than undone (there is nothing to undo to: Gluster does not say what a reset replaced).
    public static func update(_ volume: VolumeID, _ update: VolumeUpdate) -> Plan {
        var actions: [Action] = []
        if !update.optionsToSet.isEmpty { actions.append(.setOptions(volume: volume, options: update.optionsToSet)) }
        if !update.resetKeys.isEmpty { actions.append(.resetOptions(volume: volume, keys: update.resetKeys)) }
        if let gid = update.gid { actions.append(.setBrickGroup(volume: volume, gid: gid)) }
        return Plan(actions: actions)
    }
}
