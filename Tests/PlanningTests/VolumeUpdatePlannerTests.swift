import Planning
import StorageModel
import StoreRecords
import Testing

/// Planning and finalizing an update in place: pure, topology in, intent, holds and store changes out.
@Suite struct VolumeUpdatePlannerTests {
    let operation = OperationID(high: 9, low: 9)
    let id = VolumeID(high: 5, low: 5)
    let planner = VolumeOperationPlanner(settings: EngineSettings(mountRoot: BrickLocation.heketiMountRoot))

    var volume: Volume {
        Volume(
            id: self.id, name: "data", cluster: ClusterID(high: 0, low: 1), size: .gibibytes(1),
            durability: .replicate(3),
            options: [
                VolumeOption(key: "performance.read-ahead", value: "on"),
                VolumeOption(key: "diagnostics.brick-log-level", value: "WARNING"),
            ])
    }

    var topology: Topology {
        var topology = Topology()
        topology.insert(Cluster(id: ClusterID(high: 0, low: 1)))
        topology.insert(self.volume)
        return topology
    }

    @Test func anUpdateHoldsTheVolumeAndReservesNothing() throws {
        let update = VolumeUpdate(
            setting: [VolumeOption(key: "performance.read-ahead", value: "off")],
            resetting: ["diagnostics.brick-log-level"],
            gid: 2000)
        let planned = try self.planner.update(self.id, update, in: self.topology)
        #expect(planned.intent == .updateVolume(self.id, update))
        #expect(planned.intent.type == "volume.update")
        #expect(planned.intent.primaryHold == .exclusive(.volume(self.id)))
        #expect(planned.holds == [.exclusive(.volume(self.id))])
        #expect(planned.changes.isEmpty)
        #expect(planned.location == "/volumes/\(self.id)")
        #expect(planned.plan.actions.map(\.name) == ["set_options", "reset_options", "set_brick_group"])
    }

    /// Every step can run again, and a reset cannot be undone: an interrupted update is carried through.
    @Test func anInterruptedUpdateGoesForward() {
        #expect(Intent.updateVolume(self.id, VolumeUpdate(gid: 1)).recovery == .goForward)
    }

    @Test func anUnknownVolumeIsNotFound() {
        #expect(throws: OperationError.notFound(kind: "volume", id: VolumeID(high: 1, low: 1).description)) {
            _ = try self.planner.update(VolumeID(high: 1, low: 1), VolumeUpdate(gid: 1), in: self.topology)
        }
    }

    @Test func anEmptyUpdateIsInvalid() {
        #expect(
            throws: OperationError.invalid(
                ValidationError(
                    field: "update", value: "empty", problem: .unsupported("give options to set or reset, or a gid")))
        ) {
            _ = try self.planner.update(self.id, VolumeUpdate(), in: self.topology)
        }
    }

    /// A requester cannot set what Brickyard keeps; the same option through the internal entry is planned.
    @Test func anOwnedOptionIsTakenOnlyFromTheInternalEntry() throws {
        let option = VolumeOption(key: "user.brickyard.deletion-policy", value: "delete")
        #expect(
            throws: OperationError.invalid(
                ValidationError(
                    field: "options", value: option.key,
                    problem: .unsupported("user.heketi.* and user.brickyard.* options are kept by Brickyard")))
        ) {
            _ = try self.planner.update(self.id, VolumeUpdate(setting: [option]), in: self.topology)
        }
        let planned = try self.planner.update(self.id, VolumeUpdate().settingOwnedOption(option), in: self.topology)
        #expect(planned.plan.actions == [.setOptions(volume: self.id, options: [option])])
    }

    @Test func aGidOutOfRangeIsInvalid() {
        #expect(
            throws: OperationError.invalid(
                ValidationError(
                    field: "gid", value: String(Int64(1) << 32), problem: .aboveMaximum(String(Volume.maximumGid))))
        ) {
            _ = try self.planner.update(self.id, VolumeUpdate(gid: 1 << 32), in: self.topology)
        }
    }

    /// Success writes the update into the volume as the store has it then; failure leaves the volume as it was.
    @Test func theStoredVolumeChangesOnlyOnSuccess() {
        let update = VolumeUpdate(
            setting: [VolumeOption(key: "performance.read-ahead", value: "off")],
            resetting: ["diagnostics.brick-log-level"],
            gid: 2000)
        let intent = Intent.updateVolume(self.id, update)
        var expected = self.volume
        expected.options = [VolumeOption(key: "performance.read-ahead", value: "off")]
        expected.gid = 2000
        #expect(
            OperationFinalizer.success(of: intent, operation: self.operation, in: self.topology) == [
                .updateVolume(expected)
            ])
        #expect(OperationFinalizer.success(of: intent, operation: self.operation, in: Topology()).isEmpty)
        let plan = VolumePlanner.update(self.id, update)
        let failed = OperationFinalizer.failure(
            of: intent, operation: self.operation, plan: plan, ran: [0, 1], in: self.topology)
        #expect(failed.undo.isEmpty && failed.changes.isEmpty)
    }
}
