import Configuration
import Testing

/// Every validation rule, reported against the source that broke it, in one line.
@Suite struct ConfigurationErrorTests {
    static func resolve(
        _ yaml: String?, environment: [String: String] = [:], overrides: CommandLineOverrides = CommandLineOverrides()
    ) throws(ConfigurationError) -> ServerConfiguration {
        let file = try yaml.map { text throws(ConfigurationError) in try ConfigurationFile.parse(text, path: "c.yaml") }
        return try ServerConfiguration.resolve(file: file, environment: environment, overrides: overrides).0
    }

    static func error(
        _ yaml: String?, environment: [String: String] = [:], overrides: CommandLineOverrides = CommandLineOverrides()
    ) -> ConfigurationError? {
        do {
            _ = try Self.resolve(yaml, environment: environment, overrides: overrides)
            return nil
        } catch {
            #expect(!error.description.contains("\n"))
            return error
        }
    }

    static let keyed = "jwt: {admin: {key: a}}\nexecutor: mock\n"

    @Test func missingAdminKeyExplainsTheWaysOut() {
        let error = Self.error("use_auth: true\nexecutor: mock")
        #expect(error == .missingAdminKey)
        #expect(
            error?.description
                == "authentication is on but no admin key is set: set jwt.admin.key in the configuration file, "
                + "HEKETI_ADMIN_KEY or BRICKYARD_ADMIN_KEY in the environment, or --admin-key; or pass --disable-auth "
                + "to run without authentication")
    }

    @Test func anEmptyAdminKeyIsNoKey() {
        #expect(Self.error("jwt: {admin: {key: \"\"}}\nexecutor: mock") == .missingAdminKey)
    }

    @Test func refusesUnauthenticatedRemoteWithoutTheFlag() {
        let error = Self.error(
            nil, environment: ["BRICKYARD_LISTEN": "0.0.0.0:8080"], overrides: CommandLineOverrides(disableAuth: true))
        #expect(
            error
                == .unauthenticatedRemote(
                    listen: ListenAddress(host: "0.0.0.0", port: 8080),
                    source: .environment(variable: "BRICKYARD_LISTEN")))
        #expect(
            error?.description
                == "refusing to listen on 0.0.0.0:8080 (from environment variable BRICKYARD_LISTEN) with "
                + "authentication disabled: anyone who can reach that address could create and delete volumes; listen "
                + "on a loopback address, enable authentication, or pass --allow-unauthenticated-remote to accept the "
                + "risk")
        #expect(
            Self.error(nil, overrides: CommandLineOverrides(listen: "storage.example.com:80", disableAuth: true))
                == .unauthenticatedRemote(
                    listen: ListenAddress(host: "storage.example.com", port: 80), source: .commandLine(flag: "--listen")
                ))
    }

    @Test func brickMinimumAboveMaximum() {
        let error = Self.error(Self.keyed + "glusterfs: {brick_min_size_gb: 200, brick_max_size_gb: 100}")
        #expect(
            error
                == .invalidValue(
                    source: .file(path: "c.yaml", position: FilePosition(line: 3, column: 32)),
                    key: "glusterfs.brick_min_size_gb", value: "200",
                    rule: .notAbove(key: "glusterfs.brick_max_size_gb", limit: 100, isDefault: false)))
        #expect(
            error?.description
                == "c.yaml:3:32: glusterfs.brick_min_size_gb: 200 must not exceed glusterfs.brick_max_size_gb (100)")
    }

    @Test func brickMinimumAboveTheDefaultMaximum() {
        let error = Self.error(Self.keyed + "brick_min_size_gb: 5000")
        #expect(
            error?.description
                == "c.yaml:3:20: brick_min_size_gb: 5000 must not exceed brick_max_size_gb (4096, its default)")
    }

    @Test(arguments: [
        ("brick_min_size_gb: 0", "brick_min_size_gb", "0", ConfigurationRule.positive),
        ("brick_max_size_gb: -5", "brick_max_size_gb", "-5", .positive),
        ("max_bricks_per_volume: 0", "max_bricks_per_volume", "0", .positive),
        ("average_file_size_kb: -64", "average_file_size_kb", "-64", .positive),
        ("max_inflight_operations: 0", "max_inflight_operations", "0", .positive),
        ("max_volumes_per_cluster: 0", "max_volumes_per_cluster", "0", .positiveOrNegativeForUnlimited),
        ("brick_max_size_gb: 9000000000", "brick_max_size_gb", "9000000000", .atMost(8_589_934_591)),
        ("zone_checking: loose", "zone_checking", "loose", .oneOf(["none", "strict"])),
        (
            "loglevel: verbose", "loglevel", "verbose",
            .oneOf(["none", "critical", "error", "warning", "info", "debug"])
        ),
        (
            "pre_request_volume_options: performance.readahead", "pre_request_volume_options", "performance.readahead",
            .volumeOptions
        ),
        ("post_request_volume_options: \"a on, b\"", "post_request_volume_options", "b", .volumeOptions),
        ("executor: docker", "executor", "docker", .oneOf(["mock", "local", "ssh", "kubectl", "kubernetes"])),
        ("port: \"80a\"", "port", "80a", .port(allowsZero: true)),
        ("port: 70000", "port", "70000", .port(allowsZero: true)),
        ("enable_tls: true", "enable_tls", "true", .requires("cert_file")),
        ("listen: 0.0.0.0", "listen", "0.0.0.0", .hostAndPort),
    ])
    func fileValuesBreakingARule(line: String, key: String, value: String, rule: ConfigurationRule) {
        // The key under test comes last, so it wins over the executor line for `executor`.
        let text = "jwt: {admin: {key: a}}\nglusterfs: {}\n" + (key == "executor" ? "" : "executor: mock\n") + line
        let lineNumber = key == "executor" ? 3 : 4
        let column = line.distance(from: line.startIndex, to: line.firstIndex(of: ":")!) + 3
        #expect(
            Self.error(text)
                == .invalidValue(
                    source: .file(path: "c.yaml", position: FilePosition(line: lineNumber, column: column)), key: key,
                    value: value, rule: rule))
    }

    @Test func zeroHintsAtHeketisMeaning() {
        #expect(
            Self.error(Self.keyed + "max_bricks_per_volume: 0")?.description
                == "c.yaml:3:24: max_bricks_per_volume: 0 must be greater than 0 (Heketi read 0 as \"use the "
                + "default\"; remove the key for Brickyard's default)")
    }

    @Test func unknownExecutorFromEachSource() {
        let choices = ConfigurationRule.oneOf(ExecutorKind.acceptedNames)
        #expect(
            Self.error(
                nil, environment: ["BRICKYARD_EXECUTOR": "docker"], overrides: CommandLineOverrides(disableAuth: true))
                == .invalidValue(
                    source: .environment(variable: "BRICKYARD_EXECUTOR"), key: "BRICKYARD_EXECUTOR", value: "docker",
                    rule: choices))
        let fromFlag = Self.error(nil, overrides: CommandLineOverrides(executor: "inject/ssh", disableAuth: true))
        #expect(
            fromFlag
                == .invalidValue(
                    source: .commandLine(flag: "--executor"), key: "--executor", value: "inject/ssh", rule: choices))
        #expect(
            fromFlag?.description
                == "--executor: \"inject/ssh\" must be one of mock, local, ssh, kubectl, kubernetes")
        #expect(
            Self.error(
                nil, environment: ["HEKETI_EXECUTOR": "Docker"], overrides: CommandLineOverrides(disableAuth: true))?
                .description
                == "environment variable HEKETI_EXECUTOR: \"Docker\" must be one of mock, local, ssh, kubectl, kubernetes"
        )
    }

    @Test func sshPortMustBeANumberForTheSSHExecutor() {
        let error = Self.error("jwt: {admin: {key: a}}\nglusterfs: {executor: ssh, sshexec: {port: \"Default is 22\"}}")
        #expect(
            error
                == .invalidValue(
                    source: .file(path: "c.yaml", position: FilePosition(line: 2, column: 44)),
                    key: "glusterfs.sshexec.port", value: "Default is 22", rule: .port(allowsZero: false)))
        #expect(
            error?.description
                == "c.yaml:2:44: glusterfs.sshexec.port: \"Default is 22\" must be a port number from 1 to 65535")
    }

    @Test func heketisSampleWithTheSSHExecutorNeedsARealPort() throws {
        let sample = try ConfigurationFile.parse(HeketiSample.json, path: "heketi.json")
        #expect(
            throws: ConfigurationError.invalidValue(
                source: .file(path: "heketi.json", position: FilePosition(line: 53, column: 15)),
                key: "glusterfs.sshexec.port", value: "Optional: ssh port.  Default is 22",
                rule: .port(allowsZero: false))
        ) {
            try ServerConfiguration.resolve(
                file: sample, environment: ["HEKETI_EXECUTOR": "ssh"], overrides: CommandLineOverrides())
        }
    }

    @Test(arguments: [
        ("", ConfigurationRule.nonEmpty),
        ("8080", .hostAndPort),
        (":8080", .hostAndPort),
        ("::1:8080", .hostAndPort),
        ("[::1]8080", .hostAndPort),
        ("[::1", .hostAndPort),
        ("[example.com]:80", .host),
        ("bad_host!:80", .host),
        ("1.2.3.4:99999", .listenPort),
        ("1.2.3.4:-1", .listenPort),
        ("1.2.3.4:", .listenPort),
        ("1.2.3.4:http", .listenPort),
    ])
    func invalidListenAddresses(text: String, rule: ConfigurationRule) {
        #expect(
            Self.error(nil, overrides: CommandLineOverrides(listen: text, disableAuth: true))
                == .invalidValue(source: .commandLine(flag: "--listen"), key: "--listen", value: text, rule: rule))
    }

    @Test func invalidListenAddressReadsAsOneLine() {
        #expect(
            Self.error(nil, environment: ["BRICKYARD_LISTEN": "::1:8080"])?.description
                == "environment variable BRICKYARD_LISTEN: \"::1:8080\" must be HOST:PORT, with an IPv6 address in "
                + "brackets (such as 127.0.0.1:8080 or [::1]:8080)")
    }

    @Test func emptyFlagsAreErrors() {
        #expect(
            Self.error(nil, overrides: CommandLineOverrides(adminKey: ""))
                == .invalidValue(
                    source: .commandLine(flag: "--admin-key"), key: "--admin-key", value: "", rule: .nonEmpty))
        #expect(
            Self.error(nil, overrides: CommandLineOverrides(databasePath: "", disableAuth: true))?.description
                == "--db: \"\" must not be empty")
    }

    @Test func tlsNeedsItsCertificateAndKey() throws {
        #expect(
            Self.error(Self.keyed + "enable_tls: true\ncert_file: /etc/brickyard/tls.crt")?.description
                == "c.yaml:3:13: enable_tls: \"true\" needs key_file as well")
        let configuration = try Self.resolve(
            Self.keyed + "enable_tls: true\ncert_file: /etc/tls.crt\nkey_file: /etc/tls.key", environment: [:],
            overrides: CommandLineOverrides())
        #expect(configuration.tlsFiles?.certificate == "/etc/tls.crt" && configuration.tlsFiles?.key == "/etc/tls.key")
        let plain = try Self.resolve(
            Self.keyed + "enable_tls: false\ncert_file: /etc/tls.crt", environment: [:], overrides: CommandLineOverrides())
        #expect(plain.tlsFiles == nil)
    }

    @Test func pathsOnTheNodesMustBeAbsolute() throws {
        #expect(
            Self.error(Self.keyed + "localexec: {mount_root: var/lib/bricks}")?.description
                == "c.yaml:3:25: localexec.mount_root: \"var/lib/bricks\" must be an absolute path (starting with /)")
        // A sentence where a path belongs (Heketi's sample has one in fstab) is set aside for the default.
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: try ConfigurationFile.parse("jwt: {admin: {key: a}}\nexecutor: ssh\nsshexec: {keyfile: /k, fstab: fstab}", path: "c.yaml"),
            environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.sshexec.commands.fstab == nil)
        #expect(warnings.contains("ignoring glusterfs.sshexec.fstab \"fstab\": not an absolute path; /etc/fstab is used"))
        #expect(Self.error(Self.keyed + "sshexec: {fstab: \"Optional: Specify fstab file on node\"}") == nil)
    }

    @Test func longValuesAreShortened() {
        let long = String(repeating: "x", count: 200)
        let description = Self.error(Self.keyed + "zone_checking: \(long)")?.description ?? ""
        #expect(description.contains("\"" + String(repeating: "x", count: 77) + "...\" must be one of none, strict"))
    }
}
