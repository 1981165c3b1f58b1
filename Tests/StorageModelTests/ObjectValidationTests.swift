import StorageModel
import Testing

@Suite struct ObjectValidationTests {
    @Test(arguments: ["vol_1", "a", "my-volume", "A_b-9", String(repeating: "v", count: 128)])
    func acceptsVolumeNames(name: String) throws {
        try Volume.validate(name: name)
    }

    @Test(arguments: [
        ("", ValidationError.Problem.required), ("has space", .invalidCharacters(allowed: "^[a-zA-Z0-9_-]+$")),
        ("dot.name", .invalidCharacters(allowed: "^[a-zA-Z0-9_-]+$")),
        ("semi;colon", .invalidCharacters(allowed: "^[a-zA-Z0-9_-]+$")),
        (String(repeating: "v", count: 129), .tooLong(maximum: 128)),
    ])
    func refusesVolumeNames(name: String, problem: ValidationError.Problem) {
        #expect(throws: ValidationError(field: "name", value: name, problem: problem)) { try Volume.validate(name: name) }
    }

    @Test func defaultNameIsHeketis() throws {
        let id = try VolumeID(parsing: "70927734601288237463aa0000000000")
        #expect(Volume.defaultName(for: id) == "vol_70927734601288237463aa0000000000")
        try Volume.validate(name: Volume.defaultName(for: id))
    }

    @Test(arguments: [Int64(0), 1000, 2_147_483_647])
    func acceptsGids(gid: Int64) throws { try Volume.validate(gid: gid) }

    @Test(arguments: [Int64(-1), 2_147_483_648, Int64.max])
    func refusesGids(gid: Int64) {
        #expect(throws: ValidationError.self) { try Volume.validate(gid: gid) }
    }

    @Test func volumesAreAtLeastOneGiB() throws {
        try Volume.validate(size: .gibibytes(1))
        #expect(throws: ValidationError(field: "size", value: "1023 MiB", problem: .belowMinimum("1 GiB"))) {
            try Volume.validate(size: .mebibytes(1023))
        }
    }

    @Test func parsesGlusterOptions() throws {
        let option = try VolumeOption(parsing: "  performance.rda-cache-limit 10MB ")
        #expect(option == VolumeOption(key: "performance.rda-cache-limit", value: "10MB"))
        #expect(try VolumeOption(parsing: "auth.allow 10.0.0.1, 10.0.0.2").value == "10.0.0.1, 10.0.0.2")
        #expect(throws: ValidationError.self) { try VolumeOption(parsing: "novalue") }
        #expect(throws: ValidationError.self) { try VolumeOption(parsing: "bad;key value") }
    }

    @Test(arguments: ["/dev/sdb", "/dev/disk/by-id/wwn-0x5000c500a0b1c2d3", "/srv/brickyard-testbed/n1/d1", "/dev/mapper/a:b"])
    func acceptsDeviceNames(name: String) throws { try Device.validate(name: name) }

    @Test(arguments: ["", "sdb", "/", "/dev/sd b", "/dev/$(reboot)", "/dev/sdb;rm"])
    func refusesDeviceNames(name: String) {
        #expect(throws: ValidationError.self) { try Device.validate(name: name) }
    }

    @Test(arguments: ["node1.example.com", "127.1.1.1", "localhost", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "node-1"])
    func acceptsHostnames(host: String) { #expect(Hostname.isValid(host)) }

    @Test(arguments: ["", "-node", "node-", "a..b", "999.1.1.1", "1.2.3", "no space", "x:y", String(repeating: "a", count: 64)])
    func refusesHostnames(host: String) { #expect(!Hostname.isValid(host)) }

    @Test func nodesNeedZoneOneOrMore() throws {
        var generator = SeededGenerator(seed: 3)
        var node = Node(
            id: .random(using: &generator), cluster: .random(using: &generator), zone: 1, manageHostname: "a.example",
            storageHostname: "127.0.0.1")
        try node.validate()
        node.zone = 0
        #expect(throws: ValidationError(field: "zone", value: "0", problem: .belowMinimum("1"))) { try node.validate() }
        node.zone = 2
        node.storageHostname = "bad host"
        #expect(throws: ValidationError(field: "hostnames.storage", value: "bad host", problem: .notAHostname)) {
            try node.validate()
        }
    }

    @Test func statesParse() throws {
        #expect(try OperationalState(validating: "failed") == .failed)
        #expect(throws: ValidationError(field: "state", value: "broken", problem: .notOneOf(["online", "offline", "failed"]))) {
            try OperationalState(validating: "broken")
        }
    }

    @Test func errorsReadAsOneLine() {
        let error = ValidationError(field: "zone", value: "0", problem: .belowMinimum("1"))
        #expect(error.description == "zone: 0 is below the minimum 1")
        #expect(!error.description.contains("\n"))
    }
}
