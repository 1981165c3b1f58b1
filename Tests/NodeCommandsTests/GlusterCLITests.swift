import NodeCommands
import StorageModel
import Testing

@Suite struct GlusterCLITests {
    static let cli = GlusterCLI()
    static let bricks = (1...7).map { BrickAddress(host: "10.0.0.\($0)", path: "/b/\($0)/brick") }

    @Test func everyCommandIsInScriptMode() {
        #expect(Self.cli.startVolume("v").argv == ["gluster", "--mode=script", "volume", "start", "v"])
        let cli = GlusterCLI(timeoutSeconds: 120, globalArguments: ["--glusterd-sock=/run/n1/glusterd.socket"])
        #expect(
            cli.peerProbe("node2").argv == [
                "gluster", "--mode=script", "--timeout=120", "--glusterd-sock=/run/n1/glusterd.socket", "peer",
                "probe", "node2",
            ])
    }

    @Test func createsEachDurability() {
        #expect(
            Self.cli.createVolume("v", durability: .distribute, bricks: Array(Self.bricks.prefix(1))).rendered
                == "gluster --mode=script volume create v 10.0.0.1:/b/1/brick")
        #expect(
            Self.cli.createVolume("v", durability: .replicate(2), bricks: Array(Self.bricks.prefix(2))).rendered
                == "gluster --mode=script volume create v replica 2 10.0.0.1:/b/1/brick 10.0.0.2:/b/2/brick")
        #expect(
            Self.cli.createVolume("v", durability: .arbiter, bricks: Array(Self.bricks.prefix(3))).rendered
                == "gluster --mode=script volume create v replica 3 arbiter 1 10.0.0.1:/b/1/brick 10.0.0.2:/b/2/brick 10.0.0.3:/b/3/brick")
        #expect(
            Self.cli.createVolume("v", durability: .disperse(data: 2, redundancy: 1), bricks: Array(Self.bricks.prefix(3)))
                .rendered
                == "gluster --mode=script volume create v disperse-data 2 redundancy 1 10.0.0.1:/b/1/brick 10.0.0.2:/b/2/brick 10.0.0.3:/b/3/brick")
        #expect(
            Self.cli.createVolume("v", durability: .distribute, bricks: Array(Self.bricks.prefix(1)), force: true).argv.last
                == "force")
    }

    @Test func createSequenceIsHeketis() {
        let commands = Self.cli.createVolumeSequence(
            "vol_1", durability: .replicate(2), bricks: Array(Self.bricks.prefix(6)),
            options: [VolumeOption(key: "user.heketi.id", value: "abc"), VolumeOption(key: "k", value: "a b")])
        #expect(
            commands.map(\.rendered) == [
                "gluster --mode=script volume create vol_1 replica 2 10.0.0.1:/b/1/brick 10.0.0.2:/b/2/brick",
                "gluster --mode=script volume add-brick vol_1 10.0.0.3:/b/3/brick 10.0.0.4:/b/4/brick 10.0.0.5:/b/5/brick 10.0.0.6:/b/6/brick",
                "gluster --mode=script volume set vol_1 user.heketi.id abc",
                "gluster --mode=script volume set vol_1 k 'a b'",
                "gluster --mode=script volume start vol_1",
            ])
    }

    /// One key per `volume reset`, never the bare form that resets every option (the volume's id with them).
    @Test func resetNamesOneOption() {
        #expect(
            Self.cli.resetOption("vol_1", "performance.read-ahead").argv
                == ["gluster", "--mode=script", "volume", "reset", "vol_1", "performance.read-ahead"])
    }

    @Test func addBrickBatchesHoldWholeSets() {
        let batches = Self.cli.addBrickBatches("v", durability: .replicate(2), bricks: Array(Self.bricks.prefix(6)), setsPerCommand: 2)
        #expect(batches.map { Array($0.argv.dropFirst(5)) } == [
            ["10.0.0.1:/b/1/brick", "10.0.0.2:/b/2/brick", "10.0.0.3:/b/3/brick", "10.0.0.4:/b/4/brick"],
            ["10.0.0.5:/b/5/brick", "10.0.0.6:/b/6/brick"],
        ])
        #expect(Self.cli.addBrickBatches("v", durability: .disperse(data: 2, redundancy: 1), bricks: Array(Self.bricks.prefix(6))).count == 2)
        #expect(Self.cli.addBrickBatches("v", durability: .distribute, bricks: Self.bricks).count == 1)
        #expect(Self.cli.addBrickBatches("v", durability: .distribute, bricks: []).isEmpty)
        #expect(GlusterCLI.setsPerAddBrick(.distribute) == 15)
        #expect(GlusterCLI.setsPerAddBrick(.arbiter) == 5)
        #expect(GlusterCLI.setsPerAddBrick(.disperse(data: 4, redundancy: 2)) == 1)
    }

    @Test func lifecycleAndReports() {
        let old = BrickAddress(host: "n1", path: "/old/brick")
        let new = BrickAddress(host: "n2", path: "/new/brick")
        #expect(
            [
                Self.cli.stopVolume("v"), Self.cli.deleteVolume("v"), Self.cli.rebalanceStart("v"),
                Self.cli.replaceBrick("v", old: old, new: new), Self.cli.healInfo("v"), Self.cli.peerDetach("n2"),
                Self.cli.volumeInfo(), Self.cli.volumeInfo("v"), Self.cli.volumeStatus("v"), Self.cli.poolList(),
                Self.cli.peerStatus(), Self.cli.snapshotHardLimit(14),
            ].map { $0.argv.dropFirst(2).joined(separator: " ") } == [
                "volume stop v force",
                "volume delete v",
                "volume rebalance v start",
                "volume replace-brick v n1:/old/brick n2:/new/brick commit force",
                "volume heal v info --xml",
                "peer detach n2",
                "volume info --xml",
                "volume info v --xml",
                "volume status v --xml",
                "pool list",
                "peer status --xml",
                "snapshot config snap-max-hard-limit 14",
            ])
    }

    @Test func brickAddressesParse() {
        #expect(BrickAddress(parsing: "10.0.0.1:/b/brick") == BrickAddress(host: "10.0.0.1", path: "/b/brick"))
        #expect(BrickAddress(parsing: "fe80::1:/b:x/brick") == BrickAddress(host: "fe80::1", path: "/b:x/brick"))
        #expect(BrickAddress(parsing: "/no/host") == nil)
        #expect(BrickAddress(parsing: ":/no/host") == nil)
        #expect(BrickAddress(parsing: "host") == nil)
    }
}
