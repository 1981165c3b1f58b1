public import StorageModel

/// `gluster` command lines, always `--mode=script` so nothing waits for a yes at a prompt. Heketi's forms, in
/// Heketi's order; the caller runs them on any node of the pool.
public struct GlusterCLI: Hashable, Sendable {
    /// The program, `gluster`.
    public var executable: String
    /// `--timeout=N`, seconds the CLI waits for glusterd (Heketi's `gluster_cli_timeout`); nil leaves gluster's.
    public var timeoutSeconds: Int?
    /// Global options put after `--mode=script`, such as `--glusterd-sock=PATH` for a glusterd on another socket.
    public var globalArguments: [String]

    public init(executable: String = "gluster", timeoutSeconds: Int? = nil, globalArguments: [String] = []) {
        self.executable = executable
        self.timeoutSeconds = timeoutSeconds
        self.globalArguments = globalArguments
    }

    /// `gluster --mode=script [--timeout=N] [global arguments] ARGUMENTS`.
    public func command(_ arguments: [String]) -> NodeCommand {
        var argv = [self.executable, "--mode=script"]
        if let timeout = self.timeoutSeconds {
            argv.append("--timeout=\(timeout)")
        }
        return NodeCommand(argv + self.globalArguments + arguments)
    }

    // MARK: - Peers

    /// `peer probe HOST`.
    public func peerProbe(_ host: String) -> NodeCommand { self.command(["peer", "probe", host]) }

    /// `peer detach HOST`.
    public func peerDetach(_ host: String) -> NodeCommand { self.command(["peer", "detach", host]) }

    /// `peer status --xml`: the other members of the pool (parse with `GlusterPeer.parsePeerStatus`).
    public func peerStatus() -> NodeCommand { self.command(["peer", "status", "--xml"]) }

    /// `pool list`: every member including this node as `localhost` (parse with `GlusterPeer.parsePoolList`).
    public func poolList() -> NodeCommand { self.command(["pool", "list"]) }

    /// `snapshot config snap-max-hard-limit N`, which Heketi sets after a probe when `snapshot_limit` is given.
    public func snapshotHardLimit(_ limit: Int) -> NodeCommand {
        self.command(["snapshot", "config", "snap-max-hard-limit", String(limit)])
    }

    // MARK: - Volumes

    /// `volume create NAME [replica N [arbiter 1] | disperse-data D redundancy R] HOST:PATH... [force]`.
    /// `force` lets gluster accept bricks on the root filesystem (directory backend on a test node); Heketi
    /// never passes it.
    public func createVolume(_ name: String, durability: Durability, bricks: [BrickAddress], force: Bool = false)
        -> NodeCommand
    {
        var arguments = ["volume", "create", name]
        switch durability {
        case .distribute:
            break
        case .replicate(let count):
            arguments += ["replica", String(count)]
        case .arbiter:
            arguments += ["replica", "3", "arbiter", "1"]
        case .disperse(let data, let redundancy):
            arguments += ["disperse-data", String(data), "redundancy", String(redundancy)]
        }
        arguments += bricks.map(\.argument)
        if force {
            arguments.append("force")
        }
        return self.command(arguments)
    }

    /// `volume add-brick NAME HOST:PATH...`, without a replica count: whole sets extend the volume as it is.
    public func addBricks(_ name: String, bricks: [BrickAddress], force: Bool = false) -> NodeCommand {
        self.command(["volume", "add-brick", name] + bricks.map(\.argument) + (force ? ["force"] : []))
    }

    /// Bricks in `add-brick` commands of at most `setsPerCommand` whole sets each, so no command line grows too
    /// long. Heketi's batch sizes by default: 15 sets for distribute, 5 for replica, 1 for disperse.
    public func addBrickBatches(
        _ name: String, durability: Durability, bricks: [BrickAddress], setsPerCommand: Int? = nil,
        force: Bool = false
    ) -> [NodeCommand] {
        let batch = max(1, durability.setSize * max(1, setsPerCommand ?? Self.setsPerAddBrick(durability)))
        return stride(from: 0, to: bricks.count, by: batch).map { start in
            self.addBricks(name, bricks: Array(bricks[start..<min(start + batch, bricks.count)]), force: force)
        }
    }

    /// Heketi's volume creation, as one list: `volume create` with the first set only, the remaining sets by
    /// `add-brick` in batches, one `volume set` per option, then `volume start`.
    public func createVolumeSequence(
        _ name: String, durability: Durability, bricks: [BrickAddress], options: [VolumeOption] = [],
        force: Bool = false
    ) -> [NodeCommand] {
        let first = Array(bricks.prefix(durability.setSize))
        let rest = Array(bricks.dropFirst(durability.setSize))
        return [self.createVolume(name, durability: durability, bricks: first, force: force)]
            + self.addBrickBatches(name, durability: durability, bricks: rest, force: force)
            + options.map { self.setOption(name, $0) }
            + [self.startVolume(name)]
    }

    /// Sets of bricks per `add-brick` command, as Heketi batches them.
    public static func setsPerAddBrick(_ durability: Durability) -> Int {
        switch durability {
        case .distribute: return 15
        case .replicate, .arbiter: return 5
        case .disperse: return 1
        }
    }

    /// `volume set NAME KEY VALUE`; the value is one argument even when it holds spaces.
    public func setOption(_ name: String, _ option: VolumeOption) -> NodeCommand {
        self.command(["volume", "set", name, option.key, option.value])
    }

    /// `volume reset NAME KEY`: one option back to Gluster's default. Running it again, or for a known option that
    /// was never set, succeeds; gluster refuses `user.*` keys ("Option user.x does not exist").
    public func resetOption(_ name: String, _ key: String) -> NodeCommand {
        self.command(["volume", "reset", name, key])
    }

    /// `volume start NAME`.
    public func startVolume(_ name: String) -> NodeCommand { self.command(["volume", "start", name]) }

    /// `volume stop NAME force`: Heketi stops with force so clients still mounted do not block deletion.
    public func stopVolume(_ name: String) -> NodeCommand { self.command(["volume", "stop", name, "force"]) }

    /// `volume delete NAME`.
    public func deleteVolume(_ name: String) -> NodeCommand { self.command(["volume", "delete", name]) }

    /// `volume rebalance NAME start`, after an expansion.
    public func rebalanceStart(_ name: String) -> NodeCommand {
        self.command(["volume", "rebalance", name, "start"])
    }

    /// `volume replace-brick NAME OLD NEW commit force`: moves one member of a set; self-heal refills it.
    public func replaceBrick(_ name: String, old: BrickAddress, new: BrickAddress) -> NodeCommand {
        self.command(["volume", "replace-brick", name, old.argument, new.argument, "commit", "force"])
    }

    // MARK: - Reports

    /// `volume info [NAME] --xml` (parse with `GlusterVolumeInfo.parse`).
    public func volumeInfo(_ name: String? = nil) -> NodeCommand {
        self.command(["volume", "info"] + (name.map { [$0] } ?? []) + ["--xml"])
    }

    /// `volume status NAME --xml` (parse with `GlusterVolumeStatus.parse`).
    public func volumeStatus(_ name: String) -> NodeCommand {
        self.command(["volume", "status", name, "--xml"])
    }

    /// `volume heal NAME info --xml` (parse with `GlusterHealInfo.parse`).
    public func healInfo(_ name: String) -> NodeCommand {
        self.command(["volume", "heal", name, "info", "--xml"])
    }
}
