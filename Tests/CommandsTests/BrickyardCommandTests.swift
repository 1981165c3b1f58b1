import Commands
import Testing

@Suite struct BrickyardCommandTests {
    func run(_ arguments: [String]) -> (code: Int32, output: [String], errors: [String]) {
        var output: [String] = []
        var errors: [String] = []
        let code = BrickyardCommand.run(arguments, output: { output.append($0) }, errors: { errors.append($0) })
        return (code, output, errors)
    }

    @Test func simulatePlacesUntilTheCountAndSummarises() {
        let result = self.run(["simulate", "--nodes", "6", "--zones", "3", "--device-size", "100", "--volume-size", "20", "--count", "3"])
        #expect(result.code == 0)
        #expect(result.errors.isEmpty)
        #expect(result.output.count == 4)
        #expect(result.output[0].hasPrefix("volume=1 size=\"20 GiB\" durability=\"replica 3\" sets=1"))
        // One brick in each zone.
        for zone in ["z1/", "z2/", "z3/"] { #expect(result.output[0].contains(zone)) }
        #expect(result.output[3].hasPrefix("placed=3 "))
    }

    @Test func simulateStopsWhenFullAndSaysWhy() {
        let result = self.run(["simulate", "--nodes", "3", "--devices-per-node", "1", "--device-size", "50", "--volume-size", "20"])
        #expect(result.code == 0)
        #expect(result.output.last?.hasPrefix("placed=2 ") == true)
        #expect(result.output.last?.contains("stopped=\"no space") == true)
    }

    @Test func simulateIsRepeatableForASeed() {
        let arguments = ["simulate", "--nodes", "12", "--zones", "3", "--count", "5", "--seed", "9"]
        #expect(self.run(arguments).output == self.run(arguments).output)
    }

    @Test(arguments: [
        (["simulate", "--nodes", "0"], "brickyard: option --nodes: \"0\" is not a whole number from 1 to 100000"),
        (["simulate", "--replica", "4"], "brickyard: durability.replicate.replica: 4 is above the maximum 3"),
        (["simulate", "--durability", "mirror"], "brickyard: option --durability: \"mirror\" must be one of none, replicate, arbiter, disperse"),
        (["simulate", "--colour", "red"], "brickyard: unknown option --colour"),
        (["simulate", "--nodes"], "brickyard: option --nodes needs a value"),
        (["simulate", "--nodes", "3", "--nodes=4"], "brickyard: option --nodes given twice"),
        (["simulate", "extra"], "brickyard: unexpected argument \"extra\""),
        (["frobnicate"], "brickyard: unknown command \"frobnicate\" (run `brickyard --help`)"),
        (["serve", "--observe-interval", "0"], "brickyard: --observe-interval must be a whole number of seconds from 1 to 86400, not \"0\""),
    ])
    func badInputIsOneLineAndExitCodeTwo(arguments: [String], message: String) {
        let result = self.run(arguments)
        #expect(result.code == 2)
        #expect(result.errors == [message])
        #expect(result.output.isEmpty)
    }

    @Test func helpAndVersion() {
        #expect(self.run(["--help"]).code == 0)
        #expect(self.run([]).code == 2)
        #expect(self.run(["version"]).output == ["brickyard \(BrickyardCommand.version)"])
        let help = self.run(["simulate", "--help"])
        #expect(help.code == 0)
        #expect(help.output.joined().contains("example: brickyard simulate"))
    }
}
