/// heketi-cli's command tree, transcribed from its cobra definitions (heketi v10, `client/cli/go/cmds/*.go`): every
/// command (aliases as their own entries) with the flags it declares, long and short. The compatibility tests check
/// that each of them is exercised.
enum HeketiCLICommandTree {
    struct Command: Sendable {
        var path: [String]
        var flags: [String]
    }

    static func command(_ path: String, _ flags: String...) -> Command {
        Command(path: path.split(separator: " ").map(String.init), flags: flags)
    }

    /// The root's persistent flags, valid after any command, and its own `--version`.
    static let globalFlags = [
        "--server", "-s", "--secret", "--user", "--json", "--insecure-tls", "-I", "--tls-cert", "-C", "--version", "-v",
    ]

    static let commands: [Command] = [
        command("cluster create", "--block", "--file"),
        command("cluster delete"),
        command("cluster info"),
        command("cluster list"),
        command("cluster setflags", "--block", "--file"),
        command("node add", "--zone", "--cluster", "--management-host-name", "--storage-host-name"),
        command("node delete"),
        command("node info"),
        command("node enable"),
        command("node disable"),
        command("node list"),
        command("node remove"),
        command("node settags", "--exact", "-e"),
        command("node rmtags", "--all"),
        command("node deltags", "--all"),
        command("node removetags", "--all"),
        command("device add", "--name", "--node", "--destroy-existing-data"),
        command("device delete", "--force-forget"),
        command("device remove", "--expert-option-disable-heal-check"),
        command("device info"),
        command("device enable"),
        command("device disable"),
        command("device resync", "--cluster"),
        command("device settags", "--exact", "-e"),
        command("device rmtags", "--all"),
        command("device deltags", "--all"),
        command("device removetags", "--all"),
        command(
            "volume create", "--size", "--gid", "--name", "--durability", "--replica", "--disperse-data", "--redundancy",
            "--snapshot-factor", "--clusters", "--gluster-volume-options", "--persistent-volume",
            "--persistent-volume-file", "--persistent-volume-endpoint", "--block"),
        command("volume delete"),
        command("volume expand", "--expand-size", "--volume"),
        command("volume info"),
        command("volume list"),
        command("volume set-block-hosting-restriction locked"),
        command("volume set-block-hosting-restriction unlocked"),
        command("volume endpoint patch"),
        command("volume clone", "--name"),
        command("topology load", "--json", "-j"),
        command("topology info", "--template", "-T"),
        command("server operations info"),
        command("server operations list"),
        command("server operations cleanup"),
        command("server mode get"),
        command("server mode set"),
        command("server state examine gluster"),
        command("db dump"),
        command("db check"),
        command("loglevel get"),
        command("loglevel set"),
        command("blockvolume create", "--size", "--ha", "--auth", "--name", "--clusters"),
        command("blockvolume delete"),
        command("blockvolume info"),
        command("blockvolume list"),
        command("blockvolume expand", "--new-size", "--blockvolume"),
        command("brick evict", "--expert-option-disable-heal-check"),
        command(
            "setup-openshift-heketi-storage", "--listfile", "--image", "--durability", "--replica",
            "--gluster-volume-options", "--append-volume-options", "--node-selector"),
        command("setup-heketi-db-storage"),
        command("setup-kubernetes-heketi-storage"),
    ]
}
