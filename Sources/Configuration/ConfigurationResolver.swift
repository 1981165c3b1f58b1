import Allocation
import StorageModel

/// The steps of `ServerConfiguration.resolve`: each setting picked from its sources by precedence, then checked
/// against its rules, with warnings collected on the way.
struct ConfigurationResolver {
    /// A raw value with where it came from, so that a rule it breaks is reported against that place.
    struct Candidate {
        var text: String
        var source: ConfigurationSource
        var key: String
    }

    typealias Flag = CommandLineOverrides.Flag

    let file: ConfigurationFile?
    let environment: [String: String]
    let overrides: CommandLineOverrides
    private(set) var warnings: [String]

    init(file: ConfigurationFile?, environment: [String: String], overrides: CommandLineOverrides) {
        self.file = file
        self.environment = environment
        self.overrides = overrides
        self.warnings = file?.warnings ?? []
    }

    mutating func resolve() throws(ConfigurationError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.tlsFiles = try self.tlsFiles()
        configuration.allocationPolicy = try self.allocationPolicy()
        configuration.preRequestVolumeOptions = try self.volumeOptions(self.file?.preRequestVolumeOptions)
        configuration.postRequestVolumeOptions = try self.volumeOptions(self.file?.postRequestVolumeOptions)
        configuration.maxInflightOperations = try self.maxInflightOperations()
        configuration.logLevel = try self.logLevel()
        configuration.executor = try self.executor()
        configuration.sshexec = try self.sshSettings(executor: configuration.executor)
        configuration.kubeexec = self.file?.kubeexec ?? KubernetesExecutorSettings()
        configuration.localexec = self.file?.localexec ?? LocalExecutorSettings()
        self.checkFstab(&configuration)
        configuration.databasePath = try self.databasePath()
        let listenSource: ConfigurationSource
        (configuration.listen, listenSource) = try self.listen()
        configuration.adminKey = try self.key(
            self.overrides.adminKey, flag: .adminKey, .brickyardAdminKey, .heketiAdminKey, file: self.file?.adminKey)
        configuration.userKey = try self.key(
            self.overrides.userKey, flag: .userKey, .brickyardUserKey, .heketiUserKey, file: self.file?.userKey)
        try self.authentication(&configuration, listenSource: listenSource)
        for name in self.environment.keys.sorted() where EnvironmentVariable.isUnreadHeketiVariable(name) {
            if self.environment[name]?.isEmpty == false {
                self.warnings.append(
                    "environment variable \(name) is a Heketi setting Brickyard does not read; ignored")
            }
        }
        return configuration
    }

    // MARK: Sources

    /// `cert_file` and `key_file` when `enable_tls` is true; both are then required.
    private func tlsFiles() throws(ConfigurationError) -> ServerConfiguration.TLSFiles? {
        guard let tls = self.file?.enableTLS, tls.value else { return nil }
        guard let certificate = self.file?.certificateFile else {
            throw .invalidValue(source: self.source(of: tls), key: tls.key, value: "true", rule: .requires("cert_file"))
        }
        guard let key = self.file?.keyFile else {
            throw .invalidValue(source: self.source(of: tls), key: tls.key, value: "true", rule: .requires("key_file"))
        }
        return ServerConfiguration.TLSFiles(certificate: certificate.value, key: key.value)
    }

    func source<Value>(of value: FileValue<Value>) -> ConfigurationSource {
        .file(path: self.file?.path ?? "", position: value.position)
    }

    func location<Value>(of value: FileValue<Value>) -> String {
        "\(self.source(of: value))"
    }

    func commandLine(_ text: String?, _ flag: Flag) throws(ConfigurationError) -> Candidate? {
        guard let text else {
            return nil
        }
        guard !text.isEmpty else {
            throw .invalidValue(
                source: .commandLine(flag: flag.rawValue), key: flag.rawValue, value: "", rule: .nonEmpty)
        }
        return Candidate(text: text, source: .commandLine(flag: flag.rawValue), key: flag.rawValue)
    }

    func environment(_ variable: EnvironmentVariable) -> Candidate? {
        guard let text = self.environment[variable.rawValue], !text.isEmpty else {
            return nil
        }
        return Candidate(text: text, source: .environment(variable: variable.rawValue), key: variable.rawValue)
    }

    /// The Brickyard variable, else the Heketi one; a warning when both are set and differ.
    mutating func environment(_ brickyard: EnvironmentVariable, _ heketi: EnvironmentVariable) -> Candidate? {
        let preferred = self.environment(brickyard)
        let fallback = self.environment(heketi)
        if let preferred, let fallback, preferred.text != fallback.text {
            self.warnings.append(
                "environment variables \(brickyard.rawValue) and \(heketi.rawValue) differ; using \(brickyard.rawValue)"
            )
        }
        return preferred ?? fallback
    }

    func candidate(_ value: FileValue<String>?) -> Candidate? {
        value.map { Candidate(text: $0.value, source: self.source(of: $0), key: $0.key) }
    }

    // MARK: Settings

    mutating func executor() throws(ConfigurationError) -> ExecutorKind {
        var chosen = try self.commandLine(self.overrides.executor, .executor)
        if chosen == nil {
            chosen = self.environment(.brickyardExecutor, .heketiExecutor) ?? self.candidate(self.file?.executor)
        }
        guard let chosen else {
            if let file = self.file {
                self.warnings.append(
                    "\(file.path): no executor set, so using mock, which runs no commands (Heketi used ssh when "
                        + "glusterfs.executor was empty); set glusterfs.executor, BRICKYARD_EXECUTOR or --executor")
            }
            return ServerConfiguration.defaultExecutor
        }
        guard let kind = ExecutorKind(configurationName: chosen.text) else {
            throw .invalidValue(
                source: chosen.source, key: chosen.key, value: chosen.text, rule: .oneOf(ExecutorKind.acceptedNames))
        }
        return kind
    }

    mutating func databasePath() throws(ConfigurationError) -> String {
        if let chosen = try self.commandLine(self.overrides.databasePath, .databasePath) {
            return chosen.text
        }
        return self.environment(.brickyardDatabasePath, .heketiDatabasePath)?.text ?? self.file?.databasePath?.value
            ?? ServerConfiguration.defaultDatabasePath
    }

    mutating func key(
        _ commandLine: String?, flag: Flag, _ brickyard: EnvironmentVariable, _ heketi: EnvironmentVariable,
        file: FileValue<String>?
    ) throws(ConfigurationError) -> String? {
        if let chosen = try self.commandLine(commandLine, flag) {
            return chosen.text
        }
        return self.environment(brickyard, heketi)?.text ?? file?.value
    }

    /// `--listen`, `BRICKYARD_LISTEN`, the file's `listen`, the file's `port` on 127.0.0.1, or the default.
    mutating func listen() throws(ConfigurationError) -> (ListenAddress, ConfigurationSource) {
        var explicit = try self.commandLine(self.overrides.listen, .listen)
        if explicit == nil {
            explicit = self.environment(.brickyardListen) ?? self.candidate(self.file?.listen)
        }
        let filePort = self.file?.port
        if let explicit {
            let address = try self.listenAddress(explicit)
            if let filePort, filePort.value != String(address.port) {
                self.warnings.append(
                    "\(self.location(of: filePort)): ignoring port \(filePort.value): \(explicit.source) sets the "
                        + "listen address \(address)")
            }
            return (address, explicit.source)
        }
        guard let filePort else {
            return (ServerConfiguration.defaultListen, .defaults)
        }
        guard let port = ListenAddress.port(filePort.value, allowsZero: true) else {
            throw .invalidValue(
                source: self.source(of: filePort), key: filePort.key, value: filePort.value,
                rule: .port(allowsZero: true))
        }
        let address = ListenAddress(host: ServerConfiguration.defaultListen.host, port: port)
        self.warnings.append(
            "\(self.location(of: filePort)): port \(port): listening on \(address) only, where Heketi listened on "
                + "all interfaces; pass --listen 0.0.0.0:\(port) or set BRICKYARD_LISTEN to listen on all interfaces")
        return (address, self.source(of: filePort))
    }

    func listenAddress(_ candidate: Candidate) throws(ConfigurationError) -> ListenAddress {
        do throws(RuleViolation) {
            return try ListenAddress.parse(candidate.text)
        } catch {
            throw .invalidValue(source: candidate.source, key: candidate.key, value: candidate.text, rule: error.rule)
        }
    }

    mutating func authentication(
        _ configuration: inout ServerConfiguration, listenSource: ConfigurationSource
    ) throws(ConfigurationError) {
        configuration.authEnabled = !self.overrides.disableAuth
        configuration.allowUnauthenticatedRemote = self.overrides.allowUnauthenticatedRemote
        guard configuration.authEnabled else {
            if !configuration.listen.isLoopback && !configuration.allowUnauthenticatedRemote {
                throw .unauthenticatedRemote(listen: configuration.listen, source: listenSource)
            }
            self.warnings.append(
                "authentication is disabled (\(Flag.disableAuth.rawValue)): every request is served as admin")
            return
        }
        if let useAuth = self.file?.useAuth, !useAuth.value {
            self.warnings.append(
                "\(self.location(of: useAuth)): ignoring use_auth false: Brickyard requires authentication unless "
                    + "started with \(Flag.disableAuth.rawValue)")
        }
        guard let adminKey = configuration.adminKey else {
            throw .missingAdminKey
        }
        if configuration.allowUnauthenticatedRemote {
            self.warnings.append(
                "\(Flag.allowUnauthenticatedRemote.rawValue) has no effect while authentication is on")
        }
        if adminKey == Self.heketiSampleKey {
            self.warnings.append(
                "the admin key is Heketi's sample value \"\(Self.heketiSampleKey)\"; choose a secret of your own")
        }
        if adminKey == configuration.userKey {
            self.warnings.append(
                "the admin and user keys are equal, so anyone holding the user key can act as admin; make them differ")
        }
    }

    /// The secret in Heketi's sample heketi.json, public and therefore no secret.
    static let heketiSampleKey = "My Secret"

    // MARK: File-only settings

    func allocationPolicy() throws(ConfigurationError) -> AllocationPolicy {
        var policy = AllocationPolicy()
        guard let file = self.file else {
            return policy
        }
        if let minimum = file.brickMinSizeGB {
            policy.minimumBrickSize = try self.size(minimum, unit: ByteCount.gibibyte)
        }
        if let maximum = file.brickMaxSizeGB {
            policy.maximumBrickSize = try self.size(maximum, unit: ByteCount.gibibyte)
        }
        // Only a configured minimum can exceed the maximum: the default minimum (1 GiB) is below any valid maximum.
        if let minimum = file.brickMinSizeGB, policy.minimumBrickSize > policy.maximumBrickSize {
            throw .invalidValue(
                source: self.source(of: minimum), key: minimum.key, value: String(minimum.value),
                rule: .notAbove(
                    key: file.brickMaxSizeGB?.key ?? "brick_max_size_gb",
                    limit: Int(policy.maximumBrickSize.gibibytes), isDefault: file.brickMaxSizeGB == nil))
        }
        if let bricks = file.maxBricksPerVolume {
            policy.maximumBricksPerVolume = try self.positive(bricks)
        }
        if let average = file.averageFileSizeKB {
            policy.averageFileSize = try self.size(average, unit: ByteCount.kibibyte)
        }
        if let zoneChecking = file.zoneChecking {
            guard let value = ZoneChecking(rawValue: zoneChecking.value) else {
                throw .invalidValue(
                    source: self.source(of: zoneChecking), key: zoneChecking.key, value: zoneChecking.value,
                    rule: .oneOf(ZoneChecking.allCases.map(\.rawValue)))
            }
            policy.zoneChecking = value
        }
        if let limit = file.maxVolumesPerCluster {
            guard limit.value != 0 else {
                throw .invalidValue(
                    source: self.source(of: limit), key: limit.key, value: "0", rule: .positiveOrNegativeForUnlimited)
            }
            policy.maximumVolumesPerCluster = limit.value > 0 ? limit.value : nil
        }
        return policy
    }

    func size(_ value: FileValue<Int>, unit: Int64) throws(ConfigurationError) -> ByteCount {
        let count = try self.positive(value)
        guard let size = ByteCount.exactly(Int64(count), unit: unit) else {
            throw .invalidValue(
                source: self.source(of: value), key: value.key, value: String(count), rule: .atMost(Int64.max / unit))
        }
        return size
    }

    func positive(_ value: FileValue<Int>) throws(ConfigurationError) -> Int {
        guard value.value >= 1 else {
            throw .invalidValue(
                source: self.source(of: value), key: value.key, value: String(value.value), rule: .positive)
        }
        return value.value
    }

    func volumeOptions(_ value: FileValue<[String]>?) throws(ConfigurationError) -> [VolumeOption] {
        guard let value else {
            return []
        }
        var options: [VolumeOption] = []
        for entry in value.value {
            do throws(ValidationError) {
                options.append(try VolumeOption(parsing: entry, field: value.key))
            } catch {
                throw .invalidValue(source: self.source(of: value), key: value.key, value: entry, rule: .volumeOptions)
            }
        }
        return options
    }

    func maxInflightOperations() throws(ConfigurationError) -> Int {
        guard let value = self.file?.maxInflightOperations else {
            return ServerConfiguration.defaultMaxInflightOperations
        }
        return try self.positive(value)
    }

    func logLevel() throws(ConfigurationError) -> LogLevel? {
        guard let value = self.file?.logLevel else {
            return nil
        }
        guard let level = LogLevel(rawValue: value.value) else {
            throw .invalidValue(
                source: self.source(of: value), key: value.key, value: value.value,
                rule: .oneOf(LogLevel.allCases.map(\.rawValue)))
        }
        return level
    }

    /// The file's `sshexec`, with its port checked: an error when the executor is ssh, a warning otherwise (Heketi's
    /// sample file holds prose there).
    /// An `fstab` that is not an absolute path is set aside, with a warning, for Heketi's default `/etc/fstab`:
    /// Heketi's sample file carries a sentence there, and a deployment started from it never meant that text as a
    /// file on its nodes.
    mutating func checkFstab(_ configuration: inout ServerConfiguration) {
        func check(_ fstab: inout String?, block: String) {
            guard let value = fstab, !value.hasPrefix("/") else { return }
            fstab = nil
            self.warnings.append(
                "ignoring glusterfs.\(block).fstab \"\(value)\": not an absolute path; /etc/fstab is used")
        }
        check(&configuration.sshexec.commands.fstab, block: "sshexec")
        check(&configuration.kubeexec.commands.fstab, block: "kubeexec")
        check(&configuration.localexec.commands.fstab, block: "localexec")
    }

    mutating func sshSettings(executor: ExecutorKind) throws(ConfigurationError) -> SSHExecutorSettings {
        var settings = self.file?.sshexec ?? SSHExecutorSettings()
        guard let port = self.file?.sshPort else {
            return settings
        }
        if let number = ListenAddress.port(port.value, allowsZero: false) {
            settings.port = number
        } else if executor == .ssh {
            throw .invalidValue(
                source: self.source(of: port), key: port.key, value: port.value, rule: .port(allowsZero: false))
        } else {
            self.warnings.append(
                "\(self.location(of: port)): ignoring \(port.key) \"\(port.value)\": not a port number, and the "
                    + "executor is \(executor)")
        }
        return settings
    }
}
