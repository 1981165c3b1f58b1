import Planning
import StorageModel
import Testing

@Suite struct VolumeUpdateTests {
    static let volume = VolumeID(high: 1, low: 2)

    static func option(_ key: String, _ value: String) -> VolumeOption { VolumeOption(key: key, value: value) }

    @Test func anUpdateOfOptionsAndAGidIsValid() throws {
        let update = VolumeUpdate(
            setting: [Self.option("performance.read-ahead", "off")], resetting: ["diagnostics.brick-log-level"],
            gid: 2000)
        try update.validate()
        #expect(!update.isEmpty)
        #expect(update.optionsToSet == [Self.option("performance.read-ahead", "off")])
    }

    /// Each rule refuses with the field and the key it is about, before anything is planned.
    static let refusals: [(VolumeUpdate, ValidationError)] = [
        (
            VolumeUpdate(),
            ValidationError(
                field: "update", value: "empty", problem: .unsupported("give options to set or reset, or a gid"))
        ),
        (
            VolumeUpdate(setting: [option("user.brickyard.deletion-policy", "delete")]),
            ValidationError(
                field: "options", value: "user.brickyard.deletion-policy",
                problem: .unsupported("user.heketi.* and user.brickyard.* options are kept by Brickyard"))
        ),
        (
            VolumeUpdate(setting: [option("user.heketi.id", "0123")]),
            ValidationError(
                field: "options", value: "user.heketi.id",
                problem: .unsupported("user.heketi.* and user.brickyard.* options are kept by Brickyard"))
        ),
        (
            VolumeUpdate(setting: [option("bad key", "x")]),
            ValidationError(
                field: "options", value: "bad key", problem: .invalidCharacters(allowed: "^[a-zA-Z0-9_.-]+$"))
        ),
        (
            VolumeUpdate(setting: [option("performance.read-ahead", " ")]),
            ValidationError(field: "options.performance.read-ahead", value: " ", problem: .required)
        ),
        (
            VolumeUpdate(setting: [option("a.b", "1"), option("a.b", "2")]),
            ValidationError(field: "options", value: "a.b", problem: .unsupported("set twice in one update"))
        ),
        (
            VolumeUpdate(resetting: ["user.brickyard.claim"]),
            ValidationError(
                field: "reset", value: "user.brickyard.claim",
                problem: .unsupported("user.heketi.* and user.brickyard.* options are kept by Brickyard"))
        ),
        (
            VolumeUpdate(resetting: ["user.app"]),
            ValidationError(
                field: "reset", value: "user.app",
                problem: .unsupported("Gluster's volume reset does not know user.* options; set a new value instead"))
        ),
        (
            VolumeUpdate(setting: [option("a.b", "1")], resetting: ["a.b"]),
            ValidationError(field: "reset", value: "a.b", problem: .unsupported("the same update sets it"))
        ),
        (
            VolumeUpdate(resetting: ["a.b", "a.b"]),
            ValidationError(field: "reset", value: "a.b", problem: .unsupported("reset twice in one update"))
        ),
        (VolumeUpdate(resetting: [""]), ValidationError(field: "reset", value: "", problem: .required)),
        (VolumeUpdate(gid: -1), ValidationError(field: "gid", value: "-1", problem: .belowMinimum("0"))),
        (
            VolumeUpdate(gid: 1 << 31),
            ValidationError(field: "gid", value: String(1 << 31), problem: .aboveMaximum(String((1 << 31) - 1)))
        ),
        (
            VolumeUpdate().settingOwnedOption(option("performance.read-ahead", "off")),
            ValidationError(
                field: "options", value: "performance.read-ahead",
                problem: .unsupported("only user.heketi.* and user.brickyard.* options are set as owned"))
        ),
        (
            VolumeUpdate().settingOwnedOption(option("user.brickyard.size", "1")),
            ValidationError(
                field: "options", value: "user.brickyard.size", problem: .unsupported("the engine keeps it itself"))
        ),
        (
            VolumeUpdate().settingOwnedOption(option("user.heketi.id", "0123")),
            ValidationError(
                field: "options", value: "user.heketi.id", problem: .unsupported("the engine keeps it itself"))
        ),
    ]

    @Test(arguments: Self.refusals.indices)
    func aBrokenRuleIsRefused(index: Int) {
        let (update, expected) = Self.refusals[index]
        #expect(throws: expected) { try update.validate() }
    }

    @Test func theLargestGidVolumeCreationTakesIsTaken() throws {
        try VolumeUpdate(gid: Volume.maximumGid).validate()
        try VolumeUpdate(gid: 0).validate()
    }

    /// The controller records its own options through the named entry; a later one of the same key replaces it.
    @Test func anInternalCallerSetsOwnedOptions() throws {
        let update = VolumeUpdate(setting: [Self.option("performance.read-ahead", "off")])
            .settingOwnedOption(Self.option("user.brickyard.deletion-policy", "retain"))
            .settingOwnedOption(Self.option("user.brickyard.deletion-policy", "delete"))
        try update.validate()
        #expect(
            update.optionsToSet == [
                Self.option("performance.read-ahead", "off"), Self.option("user.brickyard.deletion-policy", "delete"),
            ])
    }

    /// A set takes the place of the key's first entry (dropping repeats), a new key is appended, a reset key goes,
    /// and the gid is replaced only when given.
    @Test func theStoredVolumeTakesTheUpdate() {
        let volume = Volume(
            id: Self.volume, name: "v", cluster: ClusterID(high: 3, low: 3), size: .gibibytes(1),
            durability: .replicate(3), gid: 1000,
            options: [
                Self.option("a.one", "1"), Self.option("user.heketi.id", Self.volume.description),
                Self.option("a.two", "2"),
                Self.option("a.one", "again"), Self.option("a.gone", "x"),
            ])
        let update = VolumeUpdate(
            setting: [Self.option("a.one", "new"), Self.option("a.three", "3")], resetting: ["a.gone"]
        )
        .settingOwnedOption(Self.option("user.brickyard.deletion-policy", "delete"))
        let updated = update.applied(to: volume)
        #expect(
            updated.options == [
                Self.option("a.one", "new"), Self.option("user.heketi.id", Self.volume.description),
                Self.option("a.two", "2"),
                Self.option("a.three", "3"), Self.option("user.brickyard.deletion-policy", "delete"),
            ])
        #expect(updated.gid == 1000)
        #expect(VolumeUpdate(gid: 0).applied(to: volume).gid == 0)
        var unchanged = updated
        unchanged.options = volume.options
        unchanged.gid = volume.gid
        #expect(unchanged == volume)
    }

    /// Set, then reset, then the group: each step only when the update has it.
    @Test func thePlanHasOneStepPerKindOfChange() {
        let all = VolumeUpdate(setting: [Self.option("a.b", "c")], resetting: ["d.e"], gid: 5)
        #expect(
            VolumePlanner.update(Self.volume, all).actions == [
                .setOptions(volume: Self.volume, options: [Self.option("a.b", "c")]),
                .resetOptions(volume: Self.volume, keys: ["d.e"]),
                .setBrickGroup(volume: Self.volume, gid: 5),
            ])
        #expect(
            VolumePlanner.update(Self.volume, VolumeUpdate(gid: 0)).actions == [
                .setBrickGroup(volume: Self.volume, gid: 0)
            ])
        #expect(
            VolumePlanner.update(Self.volume, VolumeUpdate(resetting: ["d.e"])).actions
                == [.resetOptions(volume: Self.volume, keys: ["d.e"])])
        let owned = VolumeUpdate().settingOwnedOption(Self.option("user.brickyard.claim", "app"))
        #expect(
            VolumePlanner.update(Self.volume, owned).actions
                == [.setOptions(volume: Self.volume, options: [Self.option("user.brickyard.claim", "app")])])
        #expect(VolumePlanner.update(Self.volume, all).rollback(afterCompleting: 3).isEmpty)
    }
}
