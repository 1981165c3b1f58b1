import Allocation
import Configuration
import StorageModel
import Testing

@Suite struct ServerConfigurationTests {
    static func sample() throws -> ConfigurationFile {
        try ConfigurationFile.parse(HeketiSample.json, path: "heketi.json")
    }

    static func file(_ yaml: String) throws -> ConfigurationFile {
        try ConfigurationFile.parse(yaml, path: "c.yaml")
    }

    @Test func resolvesHeketisSample() throws {
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: Self.sample(), environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.databasePath == "/var/lib/heketi/heketi.db")
        #expect(configuration.executor == .mock)
        #expect(configuration.adminKey == "My Secret")
        #expect(configuration.userKey == "My Secret")
        #expect(configuration.authEnabled)
        #expect(!configuration.allowUnauthenticatedRemote)
        #expect(configuration.allocationPolicy == AllocationPolicy())
        #expect(configuration.preRequestVolumeOptions.isEmpty)
        #expect(configuration.postRequestVolumeOptions.isEmpty)
        #expect(configuration.maxInflightOperations == 8)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.sshexec.user == "sshuser")
        #expect(configuration.sshexec.port == nil)
        #expect(configuration.kubeexec.host == "https://kubernetes.host:8443")

        let notes = warnings.filter { !$0.contains("ignoring comment key") && !$0.contains("Brickyard does not use") }
        #expect(
            notes == [
                "heketi.json:53:15: ignoring glusterfs.sshexec.port \"Optional: ssh port.  Default is 22\": not a "
                    + "port number, and the executor is mock",
                "ignoring glusterfs.sshexec.fstab \"Optional: Specify fstab file on node.  Default is /etc/fstab\": not "
                    + "an absolute path; /etc/fstab is used",
                "ignoring glusterfs.kubeexec.fstab \"Optional: Specify fstab file on node.  Default is /etc/fstab\": not "
                    + "an absolute path; /etc/fstab is used",
                "heketi.json:3:11: port 8080: listening on 127.0.0.1:8080 only, where Heketi listened on all "
                    + "interfaces; pass --listen 0.0.0.0:8080 or set BRICKYARD_LISTEN to listen on all interfaces",
                "heketi.json:16:15: ignoring use_auth false: Brickyard requires authentication unless started with "
                    + "--disable-auth",
                "the admin key is Heketi's sample value \"My Secret\"; choose a secret of your own",
                "the admin and user keys are equal, so anyone holding the user key can act as admin; make them differ",
            ])
        #expect(warnings.contains("heketi.json:2:3: ignoring comment key _port_comment"))
    }

    @Test func resolvesTheYAMLSampleToTheSameConfiguration() throws {
        let fromJSON = try ServerConfiguration.resolve(
            file: Self.sample(), environment: [:], overrides: CommandLineOverrides()
        ).0
        var fromYAML = try ServerConfiguration.resolve(
            file: ConfigurationFile.parse(HeketiSample.yaml, path: "heketi.yaml"), environment: [:],
            overrides: CommandLineOverrides()
        ).0
        // The YAML sample leaves out the kubeexec credentials.
        fromYAML.kubeexec = fromJSON.kubeexec
        #expect(fromYAML == fromJSON)
    }

    @Test func environmentOverridesTheFile() throws {
        let environment = [
            "BRICKYARD_LISTEN": "0.0.0.0:9090", "BRICKYARD_DB": "/srv/brickyard.db", "HEKETI_EXECUTOR": "kubernetes",
            "BRICKYARD_ADMIN_KEY": "env-admin", "HEKETI_USER_KEY": "env-user",
        ]
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: Self.sample(), environment: environment, overrides: CommandLineOverrides())
        #expect(configuration.listen == ListenAddress(host: "0.0.0.0", port: 9090))
        #expect(configuration.databasePath == "/srv/brickyard.db")
        #expect(configuration.executor == .kubectl)
        #expect(configuration.adminKey == "env-admin")
        #expect(configuration.userKey == "env-user")
        #expect(
            warnings.contains(
                "heketi.json:3:11: ignoring port 8080: environment variable BRICKYARD_LISTEN sets the listen address "
                    + "0.0.0.0:9090"))
        #expect(!warnings.contains { $0.contains("sample value") || $0.contains("keys are equal") })
    }

    @Test func commandLineOverridesTheEnvironment() throws {
        let environment = [
            "BRICKYARD_LISTEN": "0.0.0.0:9090", "BRICKYARD_DB": "/srv/env.db", "BRICKYARD_EXECUTOR": "kubectl",
            "BRICKYARD_ADMIN_KEY": "env-admin", "BRICKYARD_USER_KEY": "env-user", "HEKETI_ADMIN_KEY": "heketi-admin",
        ]
        let overrides = CommandLineOverrides(
            listen: "[::1]:7070", databasePath: "cli.db", executor: "local", adminKey: "cli-admin",
            userKey: "cli-user")
        let (configuration, _) = try ServerConfiguration.resolve(
            file: Self.sample(), environment: environment, overrides: overrides)
        #expect(configuration.listen == ListenAddress(host: "::1", port: 7070))
        #expect(configuration.databasePath == "cli.db")
        #expect(configuration.executor == .local)
        #expect(configuration.adminKey == "cli-admin")
        #expect(configuration.userKey == "cli-user")
    }

    @Test func brickyardVariablesWinOverHeketiOnes() throws {
        let environment = [
            "BRICKYARD_ADMIN_KEY": "b", "HEKETI_ADMIN_KEY": "h", "BRICKYARD_EXECUTOR": "ssh", "HEKETI_EXECUTOR": "ssh",
            "BRICKYARD_DB": "b.db", "HEKETI_DB_PATH": "h.db",
        ]
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: nil, environment: environment, overrides: CommandLineOverrides())
        #expect(configuration.adminKey == "b")
        #expect(configuration.executor == .ssh)
        #expect(configuration.databasePath == "b.db")
        #expect(
            warnings == [
                "environment variables BRICKYARD_DB and HEKETI_DB_PATH differ; using BRICKYARD_DB",
                "environment variables BRICKYARD_ADMIN_KEY and HEKETI_ADMIN_KEY differ; using BRICKYARD_ADMIN_KEY",
            ])
    }

    @Test func heketiVariablesOverrideTheFile() throws {
        let environment = ["HEKETI_ADMIN_KEY": "h-admin", "HEKETI_DB_PATH": "/var/lib/brickyard/b.db"]
        let (configuration, _) = try ServerConfiguration.resolve(
            file: Self.sample(), environment: environment, overrides: CommandLineOverrides())
        #expect(configuration.adminKey == "h-admin")
        #expect(configuration.userKey == "My Secret")
        #expect(configuration.databasePath == "/var/lib/brickyard/b.db")
    }

    @Test func emptyVariablesCountAsUnset() throws {
        let environment = ["BRICKYARD_LISTEN": "", "BRICKYARD_EXECUTOR": "", "HEKETI_ADMIN_KEY": ""]
        let (configuration, _) = try ServerConfiguration.resolve(
            file: Self.sample(), environment: environment, overrides: CommandLineOverrides())
        #expect(configuration.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(configuration.executor == .mock)
        #expect(configuration.adminKey == "My Secret")
    }

    @Test func defaultsNeedAnAdminKey() {
        #expect(throws: ConfigurationError.missingAdminKey) {
            try ServerConfiguration.resolve(file: nil, environment: [:], overrides: CommandLineOverrides())
        }
    }

    @Test func defaultsWithoutAuthentication() throws {
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: nil, environment: [:], overrides: CommandLineOverrides(disableAuth: true))
        #expect(configuration == ServerConfiguration(authEnabled: false))
        #expect(configuration.listen.description == "127.0.0.1:8080")
        #expect(configuration.databasePath == "brickyard.db")
        #expect(configuration.executor == .mock)
        #expect(configuration.maxInflightOperations == 8)
        #expect(warnings == ["authentication is disabled (--disable-auth): every request is served as admin"])
    }

    @Test func defaultsWithAnAdminKeyOnly() throws {
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: nil, environment: ["HEKETI_ADMIN_KEY": "s3cret"], overrides: CommandLineOverrides())
        #expect(configuration == ServerConfiguration(adminKey: "s3cret"))
        #expect(warnings.isEmpty)
    }

    @Test(arguments: [
        ("mock", ExecutorKind.mock), ("local", .local), ("ssh", .ssh), ("kubectl", .kubectl), ("kubernetes", .kubectl),
        ("kube", .kubectl), ("Kubernetes", .kubectl),
    ])
    func mapsExecutorNames(name: String, kind: ExecutorKind) throws {
        let file = try Self.file("glusterfs: {executor: \(name), sshexec: {port: 22}}\njwt: {admin: {key: a}}")
        let (configuration, _) = try ServerConfiguration.resolve(
            file: file, environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.executor == kind)
    }

    /// The brick mount root is decided once: `localexec.mount_root` for the local executor, Heketi's otherwise.
    @Test(arguments: [
        ("local", "localexec: {mount_root: /srv/bricks}", "/srv/bricks"),
        ("local", "localexec: {force_bricks: true}", BrickLocation.heketiMountRoot),
        ("ssh", "localexec: {mount_root: /srv/bricks}", BrickLocation.heketiMountRoot),
        ("mock", "localexec: {mount_root: /srv/bricks}", BrickLocation.heketiMountRoot),
    ])
    func theBrickMountRootComesFromTheLocalExecutorOnly(executor: String, block: String, root: String) throws {
        let file = try Self.file("glusterfs: {executor: \(executor), \(block)}\njwt: {admin: {key: a}}")
        let (configuration, _) = try ServerConfiguration.resolve(
            file: file, environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.brickMountRoot == root)
    }

    @Test func warnsWhenAFileNamesNoExecutor() throws {
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: Self.file("jwt: {admin: {key: a}}"), environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.executor == .mock)
        #expect(
            warnings == [
                "c.yaml: no executor set, so using mock, which runs no commands (Heketi used ssh when "
                    + "glusterfs.executor was empty); set glusterfs.executor, BRICKYARD_EXECUTOR or --executor"
            ])
    }

    @Test func buildsTheAllocationPolicy() throws {
        let text = """
            jwt: {admin: {key: a}}
            glusterfs:
              executor: mock
              brick_min_size_gb: 2
              brick_max_size_gb: 1024
              max_bricks_per_volume: 16
              average_file_size_kb: 128
              zone_checking: strict
              max_volumes_per_cluster: 100
              max_inflight_operations: 3
            """
        let (configuration, _) = try ServerConfiguration.resolve(
            file: Self.file(text), environment: [:], overrides: CommandLineOverrides())
        var expected = AllocationPolicy()
        expected.minimumBrickSize = .gibibytes(2)
        expected.maximumBrickSize = .gibibytes(1024)
        expected.maximumBricksPerVolume = 16
        expected.averageFileSize = .kibibytes(128)
        expected.zoneChecking = .strict
        expected.maximumVolumesPerCluster = 100
        #expect(configuration.allocationPolicy == expected)
        #expect(configuration.maxInflightOperations == 3)
    }

    @Test func readsHeketisNoLimitForVolumesPerCluster() throws {
        let file = try Self.file(
            "jwt: {admin: {key: a}}\nexecutor: mock\nmax_volumes_per_cluster: -1\nzone_checking: none")
        let (configuration, _) = try ServerConfiguration.resolve(
            file: file, environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.allocationPolicy.maximumVolumesPerCluster == nil)
        #expect(configuration.allocationPolicy.zoneChecking == .preferred)
    }

    @Test func parsesPreAndPostRequestVolumeOptions() throws {
        let text = """
            {
              "jwt": {"admin": {"key": "a"}},
              "glusterfs": {
                "executor": "mock",
                "pre_request_volume_options": "performance.rda-cache-limit 10MB, cluster.lookup-optimize on",
                "post_request_volume_options": "auth.ssl-allow *"
              }
            }
            """
        let (configuration, _) = try ServerConfiguration.resolve(
            file: ConfigurationFile.parse(text, path: "h.json"), environment: [:], overrides: CommandLineOverrides())
        #expect(
            configuration.preRequestVolumeOptions == [
                VolumeOption(key: "performance.rda-cache-limit", value: "10MB"),
                VolumeOption(key: "cluster.lookup-optimize", value: "on"),
            ])
        #expect(configuration.postRequestVolumeOptions == [VolumeOption(key: "auth.ssl-allow", value: "*")])
    }

    @Test func usesTheSSHPortWhenItIsANumber() throws {
        let file = try Self.file(
            "jwt: {admin: {key: a}}\nglusterfs: {executor: ssh, sshexec: {port: \"2222\", user: root}}")
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: file, environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.executor == .ssh)
        #expect(configuration.sshexec.port == 2222)
        #expect(configuration.sshexec.user == "root")
        #expect(warnings.isEmpty)
    }

    @Test func readsAListenKeyBeforeThePort() throws {
        let file = try Self.file("listen: \"[::]:8443\"\nport: 8080\nexecutor: mock\njwt: {admin: {key: a}}")
        let (configuration, warnings) = try ServerConfiguration.resolve(
            file: file, environment: [:], overrides: CommandLineOverrides())
        #expect(configuration.listen == ListenAddress(host: "::", port: 8443))
        #expect(warnings == ["c.yaml:2:7: ignoring port 8080: c.yaml:1:9 sets the listen address [::]:8443"])
    }

    @Test func keepsQuietWhenTheListenFlagRepeatsTheFilePort() throws {
        let (_, warnings) = try ServerConfiguration.resolve(
            file: Self.file("port: 8080\nexecutor: mock\njwt: {admin: {key: a}}"), environment: [:],
            overrides: CommandLineOverrides(listen: "0.0.0.0:8080"))
        #expect(warnings.isEmpty)
    }

    @Test func allowsUnauthenticatedRemoteOnlyWithTheFlag() throws {
        let overrides = CommandLineOverrides(
            listen: "0.0.0.0:8080", disableAuth: true, allowUnauthenticatedRemote: true)
        let (configuration, _) = try ServerConfiguration.resolve(file: nil, environment: [:], overrides: overrides)
        #expect(!configuration.authEnabled)
        #expect(configuration.allowUnauthenticatedRemote)
        #expect(configuration.listen.description == "0.0.0.0:8080")
    }

    @Test(arguments: ["127.0.0.1:8080", "127.1.2.3:1", "localhost:8080", "[::1]:8080"])
    func allowsUnauthenticatedLoopback(listen: String) throws {
        let (configuration, _) = try ServerConfiguration.resolve(
            file: nil, environment: [:], overrides: CommandLineOverrides(listen: listen, disableAuth: true))
        #expect(configuration.listen.isLoopback)
    }

    @Test func warnsThatTheRiskFlagIsMootWithAuthentication() throws {
        let (_, warnings) = try ServerConfiguration.resolve(
            file: nil, environment: ["BRICKYARD_ADMIN_KEY": "a"],
            overrides: CommandLineOverrides(allowUnauthenticatedRemote: true))
        #expect(warnings == ["--allow-unauthenticated-remote has no effect while authentication is on"])
    }

    @Test func namesHeketiVariablesItDoesNotRead() throws {
        let environment = [
            "HEKETI_ZONE_CHECKING": "strict", "HEKETI_CLI_SERVER": "http://h:8080", "HEKETI_SSH_USER": "root",
            "HEKETI_FSTAB": "", "PATH": "/bin",
        ]
        let (_, warnings) = try ServerConfiguration.resolve(
            file: nil, environment: environment, overrides: CommandLineOverrides(disableAuth: true))
        #expect(
            warnings.filter { $0.hasPrefix("environment variable") } == [
                "environment variable HEKETI_SSH_USER is a Heketi setting Brickyard does not read; ignored",
                "environment variable HEKETI_ZONE_CHECKING is a Heketi setting Brickyard does not read; ignored",
            ])
    }

    @Test func neverShowsKeysInItsDescription() throws {
        let configuration = ServerConfiguration(adminKey: "top-secret", userKey: "also-secret")
        #expect(!configuration.description.contains("secret"))
        #expect(
            configuration.description
                == "listen 127.0.0.1:8080, db brickyard.db, executor mock, auth on, admin key set, user key set")
    }
}
