import Configuration
import Foundation
import Testing

@Suite struct ConfigurationFileTests {
    @Test func readsHeketiSampleJSON() throws {
        let file = try ConfigurationFile.parse(HeketiSample.json, path: "heketi.json")
        #expect(file.port == FileValue("8080", key: "port", position: FilePosition(line: 3, column: 11)))
        #expect(file.useAuth?.value == false)
        #expect(file.enableTLS?.value == false)
        #expect(file.adminKey?.value == "My Secret")
        #expect(file.adminKey?.key == "jwt.admin.key")
        #expect(file.userKey?.value == "My Secret")
        #expect(
            file.executor == FileValue("mock", key: "glusterfs.executor", position: FilePosition(line: 47, column: 17)))
        #expect(file.databasePath?.value == "/var/lib/heketi/heketi.db")
        #expect(file.logLevel?.value == "debug")
        // Empty strings are "not set", as Go's zero value was for Heketi.
        #expect(file.preRequestVolumeOptions == nil)
        #expect(file.postRequestVolumeOptions == nil)
        #expect(file.sshexec.keyFile == "path/to/private_key")
        #expect(file.sshexec.user == "sshuser")
        #expect(file.sshexec.port == nil)
        #expect(file.sshPort?.value == "Optional: ssh port.  Default is 22")
        #expect(file.sshexec.commands.fstab == "Optional: Specify fstab file on node.  Default is /etc/fstab")
        #expect(file.sshexec.commands.backupLVMMetadata == false)
        #expect(file.sshexec.commands.debugUmountFailures == true)
        #expect(file.kubeexec.host == "https://kubernetes.host:8443")
        #expect(file.kubeexec.certificateFile == "/path/to/crt.file")
        #expect(file.kubeexec.insecure == false)
        #expect(file.kubeexec.password == "password for kubernetes user")
        #expect(file.kubeexec.namespace == "OpenShift project or Kubernetes namespace")
        #expect(file.kubeexec.commands.debugUmountFailures == true)
    }

    @Test func warnsAboutEveryIgnoredKeyOfTheSample() throws {
        let file = try ConfigurationFile.parse(HeketiSample.json, path: "heketi.json")
        #expect(file.warnings.contains("heketi.json:2:3: ignoring comment key _port_comment"))
        #expect(file.warnings.contains("heketi.json:20:5: ignoring comment key jwt._admin"))
        #expect(file.warnings.contains("heketi.json:38:5: ignoring comment key glusterfs._executor_comment"))
        #expect(
            file.warnings.contains(
                "heketi.json:31:3: ignoring backup_db_to_kube_secret: a Heketi setting Brickyard does not use"))
        #expect(
            file.warnings.contains(
                "heketi.json:95:5: ignoring glusterfs.block_hosting_volume_options: a Heketi setting Brickyard does "
                    + "not use"))
        let comments = file.warnings.filter { $0.contains("ignoring comment key") }
        #expect(comments.count == 23)
        #expect(!file.warnings.contains { $0.contains("unknown key") })
    }

    @Test func readsTheSameKeysInYAML() throws {
        let json = try ConfigurationFile.parse(HeketiSample.json, path: "heketi.json")
        let yaml = try ConfigurationFile.parse(HeketiSample.yaml, path: "heketi.yaml")
        #expect(yaml.port == FileValue("8080", key: "port", position: FilePosition(line: 2, column: 7)))
        #expect(yaml.useAuth?.value == json.useAuth?.value)
        #expect(yaml.adminKey?.value == json.adminKey?.value)
        #expect(yaml.userKey?.value == json.userKey?.value)
        #expect(yaml.executor?.value == json.executor?.value)
        #expect(yaml.databasePath?.value == json.databasePath?.value)
        #expect(yaml.logLevel?.value == json.logLevel?.value)
        #expect(yaml.sshexec == json.sshexec)
        #expect(yaml.sshPort?.value == json.sshPort?.value)
        #expect(yaml.kubeexec.host == json.kubeexec.host)
        #expect(yaml.kubeexec.namespace == json.kubeexec.namespace)
        #expect(yaml.warnings.isEmpty)
    }

    @Test func readsJSONAsWrittenByHandAndByTools() throws {
        // Tab indentation, a byte order mark, no space after colons, escapes, numbers and booleans.
        let text =
            "\u{FEFF}{\n\t\"port\":\"8081\",\n\t\"use_auth\":true,\n\t\"glusterfs\":{\n"
            + "\t\t\"db\":\"\\/srv\\/h\\u00e9keti.db\",\n\t\t\"brick_max_size_gb\":2048,\n"
            + "\t\t\"max_volumes_per_cluster\":-1,\n\t\t\"kubeexec\":{\"insecure\":true}\n\t}\n}\n"
        let file = try ConfigurationFile.parse(text, path: "h.json")
        #expect(file.port == FileValue("8081", key: "port", position: FilePosition(line: 2, column: 9)))
        #expect(file.useAuth?.value == true)
        #expect(file.databasePath?.value == "/srv/h\u{e9}keti.db")
        #expect(
            file.brickMaxSizeGB
                == FileValue(2048, key: "glusterfs.brick_max_size_gb", position: FilePosition(line: 6, column: 23)))
        #expect(file.maxVolumesPerCluster?.value == -1)
        #expect(file.kubeexec.insecure == true)
        #expect(file.warnings.isEmpty)
    }

    @Test func reportsAWrongTypeWithLineAndColumn() {
        let text = """
            {
              "glusterfs": {
                "brick_max_size_gb": "big"
              }
            }
            """
        #expect(
            throws: ConfigurationError.wrongType(
                source: .file(path: "/etc/heketi/heketi.json", position: FilePosition(line: 3, column: 26)),
                key: "glusterfs.brick_max_size_gb", expected: [.integer], found: .string, value: "big")
        ) {
            try ConfigurationFile.parse(text, path: "/etc/heketi/heketi.json")
        }
        do {
            _ = try ConfigurationFile.parse(text, path: "/etc/heketi/heketi.json")
        } catch {
            #expect(
                error.description
                    == "/etc/heketi/heketi.json:3:26: glusterfs.brick_max_size_gb: expected an integer, found a "
                    + "string (\"big\")")
        }
    }

    @Test(arguments: [
        ("use_auth: yes\n", "use_auth", ConfigurationValueKind.boolean, ConfigurationValueKind.string, 1, 11),
        ("jwt: secret\n", "jwt", .mapping, .string, 1, 6),
        ("glusterfs:\n  executor: 3\n", "glusterfs.executor", .string, .integer, 2, 13),
        ("glusterfs:\n  sshexec:\n    sudo: \"true\"\n", "glusterfs.sshexec.sudo", .boolean, .string, 3, 11),
        ("max_inflight_operations: 1.5\n", "max_inflight_operations", .integer, .float, 1, 26),
        ("kubeexec:\n  insecure: null\n  token: [a]\n", "kubeexec.token", .string, .sequence, 3, 10),
        ("jwt:\n  admin:\n    key: 42\n", "jwt.admin.key", .string, .integer, 3, 10),
        ("glusterfs:\n  db: !secret x\n", "glusterfs.db", .string, .tagged("!secret"), 2, 7),
    ])
    func reportsWrongTypesInYAML(
        text: String, key: String, expected: ConfigurationValueKind, found: ConfigurationValueKind, line: Int,
        column: Int
    ) {
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse(text, path: "c.yaml") }
        do {
            _ = try ConfigurationFile.parse(text, path: "c.yaml")
        } catch {
            guard case .wrongType(let source, let errorKey, let expectedKinds, let foundKind, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(source == .file(path: "c.yaml", position: FilePosition(line: line, column: column)))
            #expect(errorKey == key)
            #expect(expectedKinds == [expected])
            #expect(foundKind == found)
        }
    }

    @Test func acceptsAPortAsTextOrNumberButNothingElse() throws {
        #expect(try ConfigurationFile.parse(#"{"port": 9000}"#, path: "h.json").port?.value == "9000")
        #expect(try ConfigurationFile.parse(#"{"port": "9000"}"#, path: "h.json").port?.value == "9000")
        #expect(
            throws: ConfigurationError.wrongType(
                source: .file(path: "h.json", position: FilePosition(line: 1, column: 10)), key: "port",
                expected: [.string, .integer], found: .boolean, value: "true")
        ) {
            try ConfigurationFile.parse(#"{"port": true}"#, path: "h.json")
        }
    }

    @Test func rejectsADocumentThatIsNotAMapping() {
        #expect(
            throws: ConfigurationError.wrongType(
                source: .file(path: "h.json", position: FilePosition(line: 1, column: 1)), key: "",
                expected: [.mapping],
                found: .sequence, value: "")
        ) {
            try ConfigurationFile.parse("[1, 2]", path: "h.json")
        }
    }

    @Test func reportsInvalidJSONWithItsPosition() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationFile.parse(HeketiSample.missingComma, path: "h.json")
        }
        do {
            _ = try ConfigurationFile.parse(HeketiSample.missingComma, path: "h.json")
        } catch {
            guard case .syntax(let path, let position, let problem) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "h.json")
            // libyaml stops at the next key's colon, as JSON parsers stop at the next key.
            #expect(position == FilePosition(line: 7, column: 26))
            #expect(problem.contains("did not find expected ',' or '}'"))
            #expect(error.description.hasPrefix("h.json:7:26: not valid JSON or YAML: did not find expected"))
        }
    }

    @Test func fallsBackToPlainJSONWhereTheYAMLReaderDisagrees() throws {
        // Valid JSON that libyaml rejects: a key whose colon is on the next line, and a repeated key.
        let split = try ConfigurationFile.parse(
            "{\"glusterfs\": {\"db\"\n: \"/srv/b.db\", \"brick_max_size_gb\": 10}}", path: "h.json")
        #expect(split.databasePath == FileValue("/srv/b.db", key: "glusterfs.db"))
        #expect(split.brickMaxSizeGB == FileValue(10, key: "glusterfs.brick_max_size_gb"))
        #expect(split.warnings.count == 1)
        #expect(split.warnings[0].hasPrefix("h.json: read as plain JSON because the YAML reader rejected it"))
        let repeated = try ConfigurationFile.parse(
            #"{"_comment": "a", "_comment": "b", "port": "8081"}"#, path: "h.json")
        #expect(repeated.port?.value == "8081")
        #expect(repeated.port?.position == nil)
    }

    @Test func rejectsSeveralYAMLDocuments() {
        #expect(
            throws: ConfigurationError.syntax(
                path: "c.yaml", position: FilePosition(line: 3, column: 1),
                problem: "found 2 YAML documents; a configuration file holds one")
        ) {
            try ConfigurationFile.parse("port: 1\n---\nport: 2\n", path: "c.yaml")
        }
    }

    @Test func readsAnEmptyFileAsNoSettings() throws {
        #expect(try ConfigurationFile.parse("", path: "c.yaml") == ConfigurationFile(path: "c.yaml"))
        #expect(try ConfigurationFile.parse("# nothing yet\n", path: "c.yaml") == ConfigurationFile(path: "c.yaml"))
        #expect(try ConfigurationFile.parse("{}", path: "h.json") == ConfigurationFile(path: "h.json"))
        let nulls = try ConfigurationFile.parse(
            #"{"port": null, "glusterfs": {"db": null}, "jwt": null}"#, path: "h.json")
        #expect(nulls == ConfigurationFile(path: "h.json"))
    }

    @Test func prefersTheGlusterfsSectionOverTheTopLevel() throws {
        let text = """
            executor: ssh
            brick_max_size_gb: 100
            glusterfs:
              executor: mock
            """
        let file = try ConfigurationFile.parse(text, path: "c.yaml")
        #expect(
            file.executor == FileValue("mock", key: "glusterfs.executor", position: FilePosition(line: 4, column: 13)))
        #expect(
            file.brickMaxSizeGB == FileValue(100, key: "brick_max_size_gb", position: FilePosition(line: 2, column: 20))
        )
        #expect(
            file.warnings == ["c.yaml:1:1: ignoring top-level executor: glusterfs.executor (at 4:3) takes precedence"])
    }

    @Test func readsEveryGlusterfsKeyAtTheTopLevel() throws {
        let text = """
            executor: kubernetes
            db: /srv/brickyard.db
            loglevel: info
            brick_min_size_gb: 2
            brick_max_size_gb: 1024
            max_bricks_per_volume: 16
            average_file_size_kb: 128
            zone_checking: strict
            max_volumes_per_cluster: -1
            max_inflight_operations: 4
            pre_request_volume_options: performance.rda-cache-limit 10MB
            post_request_volume_options: [cluster.lookup-optimize on, "server.tcp-user-timeout 42"]
            sshexec: {user: root, port: 2222, sudo: true, snapshot_limit: 14}
            kubeexec: {namespace: storage, use_pod_names: true, max_connections: 32, gluster_daemonset: true}
            """
        let file = try ConfigurationFile.parse(text, path: "c.yaml")
        #expect(file.executor?.value == "kubernetes")
        #expect(file.databasePath?.value == "/srv/brickyard.db")
        #expect(file.logLevel?.value == "info")
        #expect(file.brickMinSizeGB?.value == 2)
        #expect(file.brickMaxSizeGB?.value == 1024)
        #expect(file.maxBricksPerVolume?.value == 16)
        #expect(file.averageFileSizeKB?.value == 128)
        #expect(file.zoneChecking?.value == "strict")
        #expect(file.maxVolumesPerCluster?.value == -1)
        #expect(file.maxInflightOperations?.value == 4)
        #expect(file.preRequestVolumeOptions?.value == ["performance.rda-cache-limit 10MB"])
        #expect(file.postRequestVolumeOptions?.value == ["cluster.lookup-optimize on", "server.tcp-user-timeout 42"])
        #expect(file.sshexec.user == "root")
        #expect(file.sshPort?.value == "2222")
        #expect(file.sshexec.commands.sudo == true)
        #expect(file.sshexec.commands.snapshotLimit == 14)
        #expect(file.kubeexec.namespace == "storage")
        #expect(file.kubeexec.usePodNames == true)
        #expect(file.kubeexec.maxConnections == 32)
        #expect(file.kubeexec.glusterDaemonSet == true)
        #expect(file.warnings.isEmpty)
    }

    @Test func splitsHeketisCommaSeparatedOptions() throws {
        let text =
            #"{"glusterfs": {"pre_request_volume_options": " performance.readdir-ahead on ,cluster.eager-lock off,, "}}"#
        let file = try ConfigurationFile.parse(text, path: "h.json")
        #expect(file.preRequestVolumeOptions?.value == ["performance.readdir-ahead on", "cluster.eager-lock off"])
        #expect(file.preRequestVolumeOptions?.key == "glusterfs.pre_request_volume_options")
    }

    @Test func warnsAboutUnknownKeysAtEveryLevel() throws {
        let text = """
            colour: blue
            jwt:
              admin: {key: k, algorithm: HS256}
              root: {key: r}
            glusterfs:
              sshexec: {keyfile: /k, ciphers: aes}
              kubeexec: {host: h, context: c}
            """
        let file = try ConfigurationFile.parse(text, path: "c.yaml")
        #expect(
            file.warnings == [
                "c.yaml:1:1: ignoring unknown key colour",
                "c.yaml:3:19: ignoring unknown key jwt.admin.algorithm",
                "c.yaml:4:3: ignoring unknown key jwt.root",
                "c.yaml:6:26: ignoring unknown key glusterfs.sshexec.ciphers",
                "c.yaml:7:23: ignoring unknown key glusterfs.kubeexec.context",
            ])
        #expect(file.adminKey?.value == "k")
        #expect(file.sshexec.keyFile == "/k")
        #expect(file.kubeexec.host == "h")
    }

    @Test func checksExecutorCountsWhenReading() {
        #expect(
            throws: ConfigurationError.invalidValue(
                source: .file(path: "c.yaml", position: FilePosition(line: 1, column: 29)),
                key: "kubeexec.max_connections", value: "0", rule: .positive)
        ) {
            try ConfigurationFile.parse("kubeexec: {max_connections: 0}", path: "c.yaml")
        }
    }

    @Test func loadsAFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("brickyard-\(UUID()).json").path
        try Data(HeketiSample.json.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try ConfigurationFile.load(path: path)
        #expect(file.path == path)
        #expect(file.executor?.value == "mock")
    }

    @Test func reportsAnUnreadableFile() {
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.load(path: "/nonexistent/heketi.json") }
        do {
            _ = try ConfigurationFile.load(path: "/nonexistent/heketi.json")
        } catch {
            guard case .unreadableFile(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "/nonexistent/heketi.json")
            #expect(error.description.hasPrefix("/nonexistent/heketi.json: cannot read the configuration file: "))
        }
    }
}
