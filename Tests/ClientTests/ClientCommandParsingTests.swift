import HeketiAPI
@testable import Commands
import Testing

/// Command lines to requests, checked before anything is sent; mistakes are one line and exit code 2.
@Suite struct ClientCommandParsingTests {
    func action(_ arguments: [String]) throws -> any ClientAction {
        guard case .action(let action) = try ClientCommand.parse(arguments) else {
            throw UsageError("not an action")
        }
        return action
    }

    func volumeRequest(_ arguments: [String]) throws -> VolumeCreateRequest {
        let command = try #require(try self.action(["volume", "create"] + arguments) as? VolumeCommand)
        guard case .create(let request, _) = command.verb else { throw UsageError("not a create") }
        return request
    }

    /// heketi-cli sends every durability count, its default or as given, an empty name and a disabled snapshot.
    @Test func volumeCreateDefaultsToReplicaThree() throws {
        let request = try self.volumeRequest(["--size", "10"])
        #expect(
            request
                == VolumeCreateRequest(
                    size: 10, name: "",
                    durability: DurabilityMessage(
                        type: "replicate", replicate: .init(replica: 3), disperse: .init(data: 4, redundancy: 2)),
                    snapshot: SnapshotMessage(enable: false, factor: 0)))
    }

    @Test func volumeCreateWithEveryFlag() throws {
        let request = try self.volumeRequest([
            "--size", "5", "--name", "data", "--arbiter", "--snapshot-factor", "1.5", "--gid", "2000", "--clusters",
            "c1, c2", "--gluster-volume-options", "performance.rda-cache-limit 10MB,performance.nl-cache on",
        ])
        #expect(request.name == "data")
        #expect(request.durability?.type == "replicate")
        #expect(request.durability?.replicate == .init(replica: 3))
        #expect(request.glustervolumeoptions == ["performance.rda-cache-limit 10MB", "performance.nl-cache on", "user.heketi.arbiter true"])
        #expect(request.snapshot == SnapshotMessage(enable: true, factor: 1.5))
        #expect(request.gid == 2000)
        #expect(request.clusters == ["c1", "c2"])
    }

    @Test func disperseAndNone() throws {
        #expect(
            try self.volumeRequest(["--size", "1", "--durability", "disperse", "--disperse-data", "8", "--redundancy", "3"])
                .durability
                == DurabilityMessage(type: "disperse", replicate: .init(replica: 3), disperse: .init(data: 8, redundancy: 3)))
        #expect(try self.volumeRequest(["--size", "1", "--durability", "disperse"]).durability?.disperse == .init(data: 4, redundancy: 2))
        #expect(try self.volumeRequest(["--size", "1", "--durability", "none"]).durability?.type == "none")
        #expect(try self.volumeRequest(["--size", "1", "--snapshot-factor", "1"]).snapshot == SnapshotMessage(enable: false, factor: 0))
    }

    /// As in heketi-cli, the durability is `--durability`; counts it does not use are sent but ignored, with a warning.
    @Test func countsTheDurabilityDoesNotUseAreIgnoredWithAWarning() throws {
        let command = try #require(
            try self.action(["volume", "create", "--size", "1", "--disperse-data", "8", "--redundancy", "3"]) as? VolumeCommand)
        guard case .create(let request, _) = command.verb else { throw UsageError("not a create") }
        #expect(request.durability?.type == "replicate")
        #expect(
            command.warnings == [
                "brickyard: warning: --disperse-data and --redundancy are ignored with --durability replicate (heketi-cli ignores them too)"
            ])
        let none = try #require(
            try self.action(["volume", "create", "--size", "1", "--durability", "none", "--replica", "2"]) as? VolumeCommand)
        #expect(none.warnings == ["brickyard: warning: --replica is ignored with --durability none (heketi-cli ignores it too)"])
    }

    @Test(arguments: [
        (["volume", "create", "--size", "1", "--durability", "none", "--arbiter"], "--arbiter needs --durability replicate"),
        (["volume", "create", "--size", "0"], "option --size: \"0\" is not a whole number of GiB from 1 to 4294967296"),
        (["volume", "create", "--size=1", "--block"], "--block makes a block-hosting volume, which Brickyard does not serve"),
        (["volume", "create", "--size=1", "--persistent-volume"], "--persistent-volume needs --persistent-volume-endpoint NAME"),
        (["volume", "create", "--size", "1", "--durability", "mirror"], "option --durability: \"mirror\" must be one of none, replicate, disperse"),
        (["volume", "create", "--size", "1", "--replica", "0"], "option --replica: \"0\" is not a whole number from 1"),
        (["volume", "create", "--size", "1", "--snapshot-factor", "0.5"], "option --snapshot-factor: \"0.5\" must be a number from 1 to 100"),
        (["volume", "create", "--size", "1", "--colour", "red"], "unknown option --colour"),
        (["volume", "expand", "v1"], "option --expand-size is required (GiB, from 1)"),
        (["node", "add", "--cluster", "c", "--management-host-name", "m", "--storage-host-name", "s"], "option --zone is required (a whole number from 1)"),
        (["node", "add", "--zone", "1", "--cluster", "c", "--management-host-name", "m", "--storage-host-name", "s", "--tags", "rack"], "--tags: \"rack\" must be key:value"),
        (["node", "settags", "n1"], "settags needs at least one tag"),
        (["node", "rmtags", "n1"], "rmtags needs at least one tag name, or --all"),
        (["node", "rmtags", "n1", "a", "--all"], "rmtags --all takes no tag names"),
        (["node", "add", "--zone", "0", "--cluster", "c", "--management-host-name", "m", "--storage-host-name", "s"], "option --zone: \"0\" is not a whole number from 1 to 2147483647"),
        (["node", "settags", "n1", "a:1", "--exact=maybe"], "option --exact: \"maybe\" must be true or false"),
        (["node", "settags", "n1", "a:1", "-x"], "unknown option -x"),
        (["topology", "info", "--template", "{{.}}"], "option --template takes a Go template, which brickyard cannot run; use --json (or --output yaml) with a JSON tool instead"),
        (["blockvolume", "create", "--size=1"], "heketi-cli's `blockvolume` is not supported: Brickyard serves no block volumes (gluster-block); only file volumes"),
        (["volume", "clone", "v1"], "heketi-cli's `volume clone` is not supported: Brickyard does not clone volumes"),
        (["cluster", "setflags", "c1"], "cluster setflags needs --file or --block"),
        (["cluster", "create", "--block=maybe"], "option --block: \"maybe\" must be true or false"),
        (["cluster", "info", "a", "b"], "unexpected argument \"b\""),
        (["server", "admin", "state", "set"], "admin state set needs a mode (one of normal, read-only, local-client)"),
        (["db", "dump", "extra"], "unexpected argument \"extra\""),
        (["frob"], "unknown command \"frob\" (run `brickyard --help`)"),
    ])
    func mistakes(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) { _ = try ClientCommand.parse(arguments) }
    }

    @Test func nodeAddAndTags() throws {
        let add = try #require(
            try self.action([
                "node", "add", "--zone", "2", "--cluster", "c1", "--management-host-name", "n1",
                "--storage-host-name", "10.0.0.1", "--tags", "rack:r1,arbiter:supported",
            ]) as? NodeCommand)
        #expect(
            add.verb
                == .add(
                    NodeAddRequest(
                        zone: 2, hostnames: HostnamesMessage(manage: ["n1"], storage: ["10.0.0.1"]), cluster: "c1",
                        tags: ["rack": "r1", "arbiter": "supported"])))
        let tags = try #require(try self.action(["node", "settags", "n1", "a:1", "b:", "--exact"]) as? NodeCommand)
        #expect(tags.verb == .tags("n1", TagsChangeRequest(changeType: "set", tags: ["a": "1", "b": ""])))
        let remove = try #require(try self.action(["device", "rmtags", "d1", "a", "b"]) as? DeviceCommand)
        #expect(remove.verb == .tags("d1", TagsChangeRequest(changeType: "delete", tags: ["a": "", "b": ""])))
        let state = try #require(try self.action(["device", "remove", "d1"]) as? DeviceCommand)
        #expect(state.verb == .state("d1", "failed", skipHealCheck: false))
        let device = try #require(
            try self.action(["device", "add", "--node", "n1", "--name", "/dev/sdb", "--destroy-existing-data"]) as? DeviceCommand)
        #expect(device.verb == .add(DeviceAddRequest(node: "n1", name: "/dev/sdb", destroydata: true)))
    }

    @Test func multiWordVerbs() throws {
        let set = try #require(try self.action(["server", "admin", "state", "set", "local-client"]) as? ServerCommand)
        #expect(set.verb == .setState("local-client"))
        let operations = try #require(try self.action(["server", "operations", "info"]) as? ServerCommand)
        #expect(operations.verb == .operations)
    }

    /// Every verb of every resource answers `--help` with its usage and an example, and so does each resource; a
    /// heketi-cli verb Brickyard refuses answers with the reason instead.
    @Test func helpEverywhere() throws {
        for resource in ClientCommand.resources where resource.unsupported == nil {
            guard case .help(let text) = try ClientCommand.parse([resource.name, "--help"]) else {
                Issue.record("\(resource.name) --help")
                continue
            }
            #expect(text.contains("example: brickyard \(resource.name)"))
            for verb in resource.served {
                let words = [resource.name] + verb.name.split(separator: " ").map(String.init) + ["--help"]
                guard case .help(let verbText) = try ClientCommand.parse(words) else {
                    Issue.record("\(words) is not help")
                    continue
                }
                #expect(verbText.hasPrefix("usage: brickyard [global options] \(resource.name) \(verb.name)"))
                #expect(verbText.contains("example: "), "\(words)")
                #expect(verbText.contains("--output FORMAT"))
            }
        }
    }

    @Test func theTopLevelSendsClientCommandsHere() {
        var output: [String] = []
        var errors: [String] = []
        let code = BrickyardCommand.run(
            ["--output", "json", "volume", "create", "--size", "0"], output: { output.append($0) },
            errors: { errors.append($0) })
        #expect(code == 2)
        #expect(errors == ["brickyard: option --size: \"0\" is not a whole number of GiB from 1 to 4294967296"])
        #expect(output.isEmpty)
        var help: [String] = []
        #expect(BrickyardCommand.run(["--help"], output: { help.append($0) }, errors: { _ in }) == 0)
        #expect(help.joined().contains("topology   load --json FILE | info"))
        #expect(help.joined().contains("loglevel   get | set LEVEL"))
    }

    @Test func completionListsResourcesVerbsAndFlags() throws {
        guard case .text(let script) = try ClientCommand.parse(["completion", "bash"]) else {
            Issue.record("completion bash is not text")
            return
        }
        #expect(script.hasSuffix("complete -F _brickyard brickyard"))
        #expect(script.contains("\"\") words=\"create list info delete setflags\" ;;"))
        #expect(script.contains("\"admin state\") words=\"get set\" ;;"))
        #expect(script.contains("\"admin state set\") words=\"normal read-only local-client --help\" ;;"))
        #expect(script.contains("--snapshot-factor"))
        #expect(script.contains("\"mode set\") words=\"normal read-only local-client --help\" ;;"))
        #expect(script.contains("cluster node device volume topology server db loglevel completion serve"))
        #expect(script.contains("--json --insecure-tls"))
        // Refused heketi-cli commands are not offered.
        #expect(!script.contains("blockvolume"))
        #expect(!script.contains("clone"))
    }
}

/// The argument reader heketi-cli's flag parser implies: flags anywhere, `=` or a separate value, short forms,
/// booleans with `=false`, and `--` ending the options.
@Suite struct ArgumentListTests {
    @Test func spellings() throws {
        var list = try ArgumentList(
            ["id1", "-e", "--all=false", "-jfile.json", "--name=a=b", "--zone", "-1", "--", "--not-an-option"],
            flagNames: ["exact", "all"], shortNames: ["e": "exact", "j": "json"])
        let exact = list.flag("exact")
        #expect(exact)
        #expect(list.optionalFlag("all") == false)
        #expect(list.string("json") == "file.json")
        #expect(list.string("name") == "a=b")
        #expect(list.string("zone") == "-1")
        #expect(list.positionals == ["id1", "--not-an-option"])
        try list.finish(maximumPositionals: 2)
        var spaced = try ArgumentList(["--block", "false", "c1", "-j=x"], flagNames: ["block"], shortNames: ["j": "json"])
        #expect(spaced.optionalFlag("block") == false)
        #expect(spaced.string("json") == "x")
        #expect(spaced.positionals == ["c1"])
    }

    @Test func mistakes() {
        #expect(throws: UsageError("unknown option -q")) { try ArgumentList(["-q"]) }
        #expect(throws: UsageError("option -j needs a value")) { try ArgumentList(["-j"], shortNames: ["j": "json"]) }
        #expect(throws: UsageError("option --all: \"yes\" must be true or false")) {
            try ArgumentList(["--all=yes"], flagNames: ["all"])
        }
        #expect(throws: UsageError("unknown option --exact")) { try ArgumentList(["--exact"], flagNames: ["exact"]).finish() }
    }
}
