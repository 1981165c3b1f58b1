import StorageModel
import Testing

@Suite struct TagsTests {
    @Test(arguments: ["a", "rack", "arbiter", "os_version", "zone.name", "a-b", String(repeating: "x", count: 32)])
    func acceptsValidNames(name: String) throws {
        let tags = try Tags(validating: [name: "v"])
        #expect(tags[name] == "v")
    }

    @Test(arguments: [
        ("", ValidationError.Problem.tooShort(minimum: 1)),
        (String(repeating: "x", count: 33), .tooLong(maximum: 32)),
        ("rack 7", .invalidCharacters(allowed: "^[a-zA-Z0-9_.-]+$")),
        ("rack=7", .invalidCharacters(allowed: "^[a-zA-Z0-9_.-]+$")),
        ("räck", .invalidCharacters(allowed: "^[a-zA-Z0-9_.-]+$")),
    ])
    func refusesInvalidNames(name: String, problem: ValidationError.Problem) {
        #expect(throws: ValidationError(field: "tags name", value: name, problem: problem)) {
            try Tags(validating: [name: "v"])
        }
    }

    @Test func limitsValueLengthAndCount() throws {
        _ = try Tags(validating: ["k": String(repeating: "v", count: 64)])
        #expect(throws: ValidationError.self) { try Tags(validating: ["k": String(repeating: "v", count: 65)]) }
        let thirtyTwo = Dictionary(uniqueKeysWithValues: (0..<32).map { ("t\($0)", "v") })
        _ = try Tags(validating: thirtyTwo)
        var thirtyThree = thirtyTwo
        thirtyThree["t32"] = "v"
        #expect(throws: ValidationError(field: "tags", value: "33", problem: .tooMany(maximum: 32))) {
            try Tags(validating: thirtyThree)
        }
    }

    @Test func changesSetUpdateAndDelete() throws {
        let tags: Tags = ["arbiter": "supported", "rack": "7"]
        #expect(try tags.applying(.set, ["disk": "ssd"]).values == ["disk": "ssd"])
        #expect(try tags.applying(.update, ["rack": "8", "disk": "ssd"]).values == ["arbiter": "supported", "rack": "8", "disk": "ssd"])
        #expect(try tags.applying(.delete, ["rack": "ignored", "absent": ""]).values == ["arbiter": "supported"])
    }

    @Test func updateThatExceedsTheLimitIsRefused() {
        let full = Tags(unchecked: Dictionary(uniqueKeysWithValues: (0..<32).map { ("t\($0)", "v") }))
        #expect(throws: ValidationError.self) { try full.applying(.update, ["one-more": "v"]) }
    }

    @Test func deviceTagsOverrideNodeTags() {
        let node: Tags = ["arbiter": "disabled", "rack": "1"]
        let merged = node.overlaid(by: ["arbiter": "required"])
        #expect(merged.values == ["arbiter": "required", "rack": "1"])
    }

    @Test func tagRulesParseAndMatch() throws {
        let equal = try TagRule(parsing: "disk=ssd")
        let notEqual = try TagRule(parsing: "disk!=hdd")
        #expect(equal.matches(["disk": "ssd"]))
        #expect(!equal.matches(["disk": "hdd"]))
        #expect(!equal.matches([:]))
        #expect(notEqual.matches(["disk": "ssd"]))
        #expect(notEqual.matches([:]))
        #expect(!notEqual.matches(["disk": "hdd"]))
        #expect(equal.description == "disk=ssd")
        #expect(notEqual.description == "disk!=hdd")
        #expect(try TagRule(parsing: "k=").matches(["k": ""]))
    }

    @Test(arguments: ["disk", "=ssd", "!=ssd", "bad name=x"])
    func tagRulesRefuseMalformedText(text: String) {
        #expect(throws: ValidationError.self) { try TagRule(parsing: text) }
    }
}
