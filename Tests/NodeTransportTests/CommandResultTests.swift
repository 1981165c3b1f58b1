import NodeTransport
import Testing

@Suite struct CommandResultTests {
    @Test func theMessageIsTheLastLineThatSaysSomething() {
        #expect(CommandResult(exitCode: 1, stdout: "out\n", stderr: "first\n  last  \n\n").lastMessageLine == "last")
        #expect(CommandResult(exitCode: 1, stdout: "only out\n", stderr: "").lastMessageLine == "only out")
        #expect(CommandResult(exitCode: 1, stdout: "", stderr: "").lastMessageLine == "")
    }

    /// Gluster's guess after an unknown option is not the error; a guess alone is still quoted.
    @Test func glustersGuessIsPassedOver() {
        let reset = CommandResult(
            exitCode: 1, stdout: "",
            stderr: "volume reset: failed: Option user.app does not exist\nDid you mean cluster.nufa?\n")
        #expect(reset.lastMessageLine == "volume reset: failed: Option user.app does not exist")
        #expect(
            CommandResult(exitCode: 1, stdout: "", stderr: "Did you mean x?\n").lastMessageLine == "Did you mean x?")
    }
}
