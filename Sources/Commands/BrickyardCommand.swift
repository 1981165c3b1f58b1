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
          simulate   place volumes on a synthetic cluster and show where the bricks go
          import-heketi  record a `heketi db export` file's clusters, volumes and bricks in a new database
          recover    rebuild a lost database from what the nodes hold (LVM names, volume options, bricks)
          version    print the version

        client commands (talk to a server, as heketi-cli does):
          brickyard [--server URL] [--user U] [--secret K] [--output text|json|yaml] <resource> <verb> ...
          cluster    create | list | info | delete | setflags
          node       add | info | list | delete | enable | disable | remove | settags | rmtags
          device     add | info | delete | enable | disable | remove | resync | settags | rmtags
          volume     create | list | info | expand | delete
          topology   load --json FILE | info
          server     operations info | admin state get | admin state set STATE
          db         dump
          completion bash
        The server, user and secret also come from BRICKYARD_SERVER, BRICKYARD_USER, BRICKYARD_SECRET
        (or HEKETI_CLI_SERVER, HEKETI_CLI_USER, HEKETI_CLI_KEY).

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
            output(Self.help)
            return arguments.isEmpty ? 2 : 0
        }
        if ClientCommand.handles(name) {
            return ClientCommand.run(
                arguments, environment: ProcessInfo.processInfo.environment, output: output, errors: errors)
        }
        let rest = Array(arguments.dropFirst())
        do throws(UsageError) {
            switch name {
            case "version", "--version":
                output("brickyard \(Self.version)")
            case "serve":
                if rest.contains("--help") {
                    output(ServeCommand.help)
                    return 0
                }
                return try ServeCommand(arguments: rest).run(errors: errors)
            case "observe":
                if rest.contains("--help") {
                    output(ObserveCommand.help)
                    return 0
                }
                return try ObserveCommand(arguments: rest).run(emit: output, errors: errors)
            case "status":
                if rest.contains("--help") {
                    output(StatusCommand.help)
                    return 0
                }
                return try StatusCommand(arguments: rest).run(emit: output, errors: errors)
            case "plan", "apply":
                let mode: DesiredStateCommand.Mode = name == "plan" ? .plan : .apply
                if rest.contains("--help") {
                    output(mode == .plan ? DesiredStateCommand.planHelp : DesiredStateCommand.applyHelp)
                    return 0
                }
                return try DesiredStateCommand(mode, arguments: rest).run(emit: output, errors: errors)
            case "import-heketi":
                if rest.contains("--help") {
                    output(ImportHeketiCommand.help)
                    return 0
                }
                return try ImportHeketiCommand(arguments: rest).run(emit: output, errors: errors)
            case "recover":
                if rest.contains("--help") {
                    output(RecoverCommand.help)
                    return 0
                }
                return try RecoverCommand(arguments: rest).run(emit: output, errors: errors)
            case "simulate":
                if rest.contains("--help") {
                    output(SimulateCommand.help)
                    return 0
                }
                try SimulateCommand(arguments: rest).run(emit: output)
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

