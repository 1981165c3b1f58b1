import NodeCommands
import NodeTransport

/// What one node answered to its observation script: the sections it printed, or why the round trip as a whole
/// failed. Each part of an observation asks for its sections here, so a section that failed is reported under
/// that part's name and the other parts still get theirs.
struct ObservationAnswer {
    let script: NodeObservationScript
    let outputs: [NodeObservationScript.Name: NodeObservationScript.SectionOutput]
    /// Set when the script could not run or did not finish; every section then fails with it.
    let failure: ExecutorFailure?
    let host: String

    init(script: NodeObservationScript, result: Result<CommandResult, ExecutorFailure>, host: String) {
        self.script = script
        self.host = host
        switch result {
        case .success(let result):
            self.outputs = script.sections(stdout: result.stdout, stderr: result.stderr)
            self.failure = nil
        case .failure(let failure):
            self.outputs = [:]
            self.failure = failure
        }
    }

    /// The standard output of a section that succeeded; otherwise a one-line failure in the form a separately run
    /// command gives (`PROGRAM exited CODE: LAST STDERR LINE`).
    func output(_ name: NodeObservationScript.Name) throws(ExecutorFailure) -> String {
        try self.section(name).stdout
    }

    /// A section that succeeded, with both of its streams.
    func section(_ name: NodeObservationScript.Name) throws(ExecutorFailure) -> NodeObservationScript.SectionOutput {
        if let failure = self.failure { throw failure }
        guard let command = self.script.sections.first(where: { $0.name == name })?.command else {
            throw ExecutorFailure(host: self.host, message: "\(name.rawValue) was not asked")
        }
        guard let output = self.outputs[name] else {
            throw ExecutorFailure(host: self.host, message: "no answer for \(name.rawValue) (the script was cut short)")
        }
        guard command.succeeded(exitCode: output.exitCode) else {
            let line = CommandResult(exitCode: output.exitCode, stdout: output.stdout, stderr: output.stderr)
                .lastMessageLine
            throw ExecutorFailure(
                host: self.host,
                message: "\(CommandExecutor.summary(of: command)) exited \(output.exitCode): \(line.isEmpty ? "no output" : line)")
        }
        return output
    }
}
