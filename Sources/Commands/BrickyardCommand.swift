internal import Foundation

/// The `brickyard` command line: finds the subcommand, runs it, and turns failures into one readable line
/// and an exit code (2 for usage errors, 1 for everything else).
public enum BrickyardCommand {
    public static let version = "0.1.0"

    static let help = """
        Brickyard manages GlusterFS volumes: it places bricks across zones, nodes and devices.

        usage: brickyard <command> [options]

        commands:
          serve      run the Heketi-compatible REST server
          observe    print what the nodes actually hold (peers, LVM, bricks, gluster volumes)
          plan       show what a directory of desired-state documents would change
          apply      carry out that plan
          status     each volume, node and device: Ready, Progressing or Degraded, and why
          crds       print (or write) the CustomResourceDefinitions of GlusterCluster, GlusterNode, GlusterVolume
          simulate   place volumes on a synthetic cluster and show where the bricks go
          import-heketi  record a `heketi db export` file's clusters, volumes and bricks in a new database
          recover    rebuild a lost database from what the nodes hold (LVM names, volume options, bricks)
          repair     clear what `db check` reports (stale marks, leaked bricks, sizes), asking the nodes
          version    print the version

        client commands (heketi-cli's commands and flags; talk to a Brickyard or Heketi server):
          brickyard [-s URL] [--user U] [--secret K] [--json | --output text|json|yaml] <resource> <verb> ...
          cluster    create | list | info | delete | setflags
          node       add | info | list | delete | enable | disable | remove | settags | rmtags
          device     add | info | delete | enable | disable | remove | resync | settags | rmtags
          volume     create | list | info | expand | delete | endpoint patch
          topology   load --json FILE | info
          server     operations info|list|cleanup | mode get|set | state examine gluster
          db         dump | check
          loglevel   get | set LEVEL
          completion bash
        The server, user and secret also come from BRICKYARD_SERVER, BRICKYARD_USER, BRICKYARD_SECRET
        (or HEKETI_CLI_SERVER, HEKETI_CLI_USER, HEKETI_CLI_KEY). heketi-cli's blockvolume, brick evict,
        volume clone and setup-openshift-heketi-storage are refused with the reason (exit code 2).

        Run `brickyard <command> --help` for a command's options and an example.
        """

    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code = Self.run(
            arguments, output: { print($0) },
            errors: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        exit(code)
    }

    /// Runs one command line; returns the exit code.
    public static func run(_ arguments: [String], output: (String) -> Void, errors: (String) -> Void) -> Int32 {
        guard let name = arguments.first, !["help", "--help", "-h"].contains(name) else {
            // `brickyard help volume create`, as `heketi-cli help volume create`.
            if arguments.first == "help", let topic = arguments.dropFirst().first, ClientCommand.handles(topic) {
                return Self.run(Array(arguments.dropFirst()) + ["--help"], output: output, errors: errors)
            }
            output(Self.help)
            return arguments.isEmpty ? 2 : 0
        }
        if ClientCommand.handles(name) {
            return ClientCommand.run(
                arguments, environment: ProcessInfo.processInfo.environment, output: output, errors: errors)
        }
        let rest = Array(arguments.dropFirst())
        /// `--help` prints the command's help; otherwise the command runs on the rest of the arguments.
        func command(_ help: String, _ run: () throws(UsageError) -> Int32) throws(UsageError) -> Int32 {
            guard !rest.contains("--help"), !rest.contains("-h") else {
                output(help)
                return 0
            }
            return try run()
        }
        do throws(UsageError) {
            switch name {
            case "version", "--version", "-v":
                output("brickyard \(Self.version)")
            case "serve":
                return try command(ServeCommand.help) { () throws(UsageError) in
                    try ServeCommand(arguments: rest).run(errors: errors)
                }
            case "observe":
                return try command(ObserveCommand.help) { () throws(UsageError) in
                    try ObserveCommand(arguments: rest).run(emit: output, errors: errors)
                }
            case "status":
                return try command(StatusCommand.help) { () throws(UsageError) in
                    try StatusCommand(arguments: rest).run(emit: output, errors: errors)
                }
            case "crds":
                return try command(CRDsCommand.help) { () throws(UsageError) in
                    try CRDsCommand(arguments: rest).run(emit: output, errors: errors)
                }
            case "plan", "apply":
                let mode: DesiredStateCommand.Mode = name == "plan" ? .plan : .apply
                return try command(mode == .plan ? DesiredStateCommand.planHelp : DesiredStateCommand.applyHelp) {
                    () throws(UsageError) in
                    try DesiredStateCommand(mode, arguments: rest).run(emit: output, errors: errors)
                }
            case "import-heketi":
                return try command(ImportHeketiCommand.help) { () throws(UsageError) in
                    try ImportHeketiCommand(arguments: rest).run(emit: output, errors: errors)
                }
            case "recover":
                return try command(RecoverCommand.help) { () throws(UsageError) in
                    try RecoverCommand(arguments: rest).run(emit: output, errors: errors)
                }
            case "repair":
                return try command(RepairCommand.help) { () throws(UsageError) in
                    try RepairCommand(arguments: rest).run(emit: output, errors: errors)
                }
            case "simulate":
                return try command(SimulateCommand.help) { () throws(UsageError) in
                    try SimulateCommand(arguments: rest).run(emit: output)
                    return 0
                }
            default:
                throw UsageError("unknown command \"\(name)\" (run `brickyard --help`)")
            }
            return 0
        } catch {
            errors("brickyard: \(error.description)")
            return 2
        }
    }
}

