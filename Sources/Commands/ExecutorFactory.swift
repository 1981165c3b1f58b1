internal import CommandExecutor
internal import Configuration
internal import EventLog
internal import Executor
internal import NodeCommands
internal import NodeTransport
internal import Controller
internal import StorageModel

/// Builds the executor `serve` runs actions with, from the resolved configuration (Heketi's executor keys).
enum ExecutorFactory {
    static func make(_ configuration: ServerConfiguration, environment: [String: String], log: Logger)
        throws(ServeCommand.StartupError) -> any NodeExecutor
    {
        let executor = try Self.makeExecutor(configuration, environment: environment, log: log)
        // Fault injection for crash tests: the process dies right after the N-th action takes effect.
        if let text = environment["BRICKYARD_CRASH_AFTER_ACTIONS"], let count = Int(text), count > 0 {
            log.warning("fault_injection", ("crash_after_actions", count))
            return CrashingExecutor(wrapping: executor, crashAfter: count)
        }
        return executor
    }

    private static func makeExecutor(_ configuration: ServerConfiguration, environment: [String: String], log: Logger)
        throws(ServeCommand.StartupError) -> any NodeExecutor
    {
        switch configuration.executor {
        case .mock:
            let size = Int64(environment["BRICKYARD_MOCK_DEVICE_SIZE_GIB"] ?? "") ?? 500
            let delay = Int(environment["BRICKYARD_MOCK_DELAY_MS"] ?? "") ?? 0
            guard size > 0, size < 1 << 30, delay >= 0 else {
                throw ServeCommand.StartupError(
                    message: "BRICKYARD_MOCK_DEVICE_SIZE_GIB must be positive and BRICKYARD_MOCK_DELAY_MS not negative")
            }
            return MockExecutor(
                deviceSize: .gibibytes(size), delay: .milliseconds(delay), recordsCalls: false,
                stateFile: environment["BRICKYARD_MOCK_STATE"])
        case .local, .ssh, .kubectl:
            guard let executor = Self.commandExecutor(configuration, environment: environment, log: log) else {
                preconditionFailure("every executor but the mock runs commands")
            }
            return executor
        }
    }

    /// The executor that runs real commands (local, ssh or kubectl exec); nil for the mock.
    static func commandExecutor(_ configuration: ServerConfiguration, environment: [String: String], log: Logger)
        -> CommandExecutor?
    {
        switch configuration.executor {
        case .mock:
            return nil
        case .local:
            let local = configuration.localexec
            let transport = LocalTransport(
                nodes: local.nodePaths.mapValues { ["PATH": $0] }, baseEnvironment: environment)
            var settings = Self.settings(local.commands, configuration, log: log)
            settings.forceGlusterBricks = local.forceBricks ?? false
            return CommandExecutor(transport: transport, settings: settings, log: log)
        case .ssh:
            let ssh = configuration.sshexec
            var sshSettings = SSHTransport.Settings(
                user: ssh.user ?? "heketi", port: ssh.port ?? 22, keyFile: ssh.keyFile ?? Self.defaultKey(environment),
                sudo: ssh.commands.sudo ?? false)
            if let program = environment["BRICKYARD_SSH"] { sshSettings.program = program }
            return CommandExecutor(
                transport: SSHTransport(settings: sshSettings), settings: Self.settings(ssh.commands, configuration, log: log),
                log: log)
        case .kubectl:
            let kube = configuration.kubeexec
            let selection: KubectlTransport.PodSelection =
                kube.usePodNames == true ? .podName : kube.glusterDaemonSet == true ? .daemonSet : .label
            var kubectl = KubectlTransport.Settings(
                namespace: kube.namespace ?? environment["HEKETI_KUBE_NAMESPACE"] ?? "default",
                container: environment["BRICKYARD_KUBE_CONTAINER"], kubeconfig: environment["KUBECONFIG"],
                context: environment["BRICKYARD_KUBE_CONTEXT"], selection: selection)
            if let program = environment["BRICKYARD_KUBECTL"] { kubectl.program = program }
            var settings = Self.settings(kube.commands, configuration, log: log)
            if let connections = kube.maxConnections { settings.perNodeConcurrency = connections }
            return CommandExecutor(transport: KubectlTransport(settings: kubectl), settings: settings, log: log)
        }
    }

    /// Heketi's shared command keys as tool settings, with the configuration's brick mount root.
    private static func settings(
        _ commands: NodeCommandSettings, _ configuration: ServerConfiguration, log: Logger
    ) -> CommandExecutorSettings {
        var settings = CommandExecutorSettings()
        settings.storage.mountRoot = configuration.brickMountRoot
        if let fstab = commands.fstab { settings.storage.fstab = fstab }
        if let alignment = commands.pvDataAlignment { settings.storage.dataAlignment = alignment }
        if let extent = commands.vgPhysicalExtentSize { settings.storage.physicalExtentSize = extent }
        if let chunk = commands.lvChunkSize { settings.storage.chunkSize = chunk }
        if let backup = commands.backupLVMMetadata { settings.storage.backupMetadata = backup }
        settings.storage.xfsStripeUnit = commands.xfsStripeUnit
        settings.storage.xfsStripeWidth = commands.xfsStripeWidth
        if let timeout = commands.glusterCLITimeoutSeconds { settings.gluster.timeoutSeconds = timeout }
        if let rebalance = commands.rebalanceOnExpansion { settings.rebalanceOnExpansion = rebalance }
        return settings
    }

    private static func defaultKey(_ environment: [String: String]) -> String? {
        environment["HOME"].map { "\($0)/.ssh/id_rsa" }
    }
}

/// Lets the reconcile loop look at the nodes through the command executor, for drift detection.
struct CommandExecutorObserver: StateObserver {
    let executor: CommandExecutor

    func observe(_ topology: Topology) async -> ObservedState {
        await self.executor.observe(topology)
    }
}
