import NodeCommands
import Testing

@Suite struct NodeCommandTests {
    @Test func rendersArgvForTheShell() {
        let command = NodeCommand(["mkdir", "-p", "/srv/my bricks"])
        #expect(command.rendered == "mkdir -p '/srv/my bricks'")
        #expect(command.description == command.rendered)
        #expect(command.program == "mkdir")
    }

    @Test func toleratedExitCodesCountAsSuccess() {
        let command = NodeCommand(["mountpoint", "-q", "/x"], toleratedExitCodes: [1])
        #expect(command.succeeded(exitCode: 0))
        #expect(command.succeeded(exitCode: 1))
        #expect(!command.succeeded(exitCode: 32))
    }

    @Test func prefixKeepsTolerance() {
        let command = NodeCommand(["lvs"], toleratedExitCodes: [5]).prefixed(by: ["sudo"])
        #expect(command.argv == ["sudo", "lvs"])
        #expect(command.toleratedExitCodes == [5])
    }
}
