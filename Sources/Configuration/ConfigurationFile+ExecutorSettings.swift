import YAML

extension ConfigurationFile {
    /// Reads `sshexec`: Heketi's `SshConfig` (`keyfile`, `user`, `port`) and the shared command keys.
    mutating func readSSH(
        _ node: YAMLNode, keyPath: String, with reader: inout ConfigurationFileReader
    ) throws(ConfigurationError) {
        for entry in try reader.mapping(node, key: keyPath) ?? [] {
            let key = "\(keyPath).\(entry.key)"
            switch entry.key {
            case "keyfile": self.sshexec.keyFile = try reader.string(entry.value, key: key)?.value
            case "user": self.sshexec.user = try reader.string(entry.value, key: key)?.value
            case "port": self.sshPort = try reader.port(entry.value, key: key)
            default:
                if try !self.sshexec.commands.read(entry, keyPath: key, with: reader) {
                    reader.ignore(entry, keyPath: key)
                }
            }
        }
    }

    /// Reads `localexec`: per-node `PATH` directories, `force_bricks`, `mount_root`, and the shared command keys.
    mutating func readLocal(
        _ node: YAMLNode, keyPath: String, with reader: inout ConfigurationFileReader
    ) throws(ConfigurationError) {
        for entry in try reader.mapping(node, key: keyPath) ?? [] {
            let key = "\(keyPath).\(entry.key)"
            switch entry.key {
            case "nodes":
                for host in try reader.mapping(entry.value, key: key) ?? [] {
                    for setting in try reader.mapping(host.value, key: "\(key).\(host.key)") ?? [] {
                        let settingKey = "\(key).\(host.key).\(setting.key)"
                        if setting.key == "path", let path = try reader.string(setting.value, key: settingKey) {
                            self.localexec.nodePaths[host.key] = path.value
                        } else {
                            reader.ignore(setting, keyPath: settingKey)
                        }
                    }
                }
            case "force_bricks": self.localexec.forceBricks = try reader.boolean(entry.value, key: key)?.value
            case "mount_root": self.localexec.mountRoot = try reader.absolutePath(entry.value, key: key)
            default:
                if try !self.localexec.commands.read(entry, keyPath: key, with: reader) {
                    reader.ignore(entry, keyPath: key)
                }
            }
        }
    }

    /// Reads `kubeexec`: every key Heketi's `KubeConfig` has had, and the shared command keys.
    mutating func readKubernetes(
        _ node: YAMLNode, keyPath: String, with reader: inout ConfigurationFileReader
    ) throws(ConfigurationError) {
        for entry in try reader.mapping(node, key: keyPath) ?? [] {
            let key = "\(keyPath).\(entry.key)"
            let value = entry.value
            switch entry.key {
            case "host": self.kubeexec.host = try reader.string(value, key: key)?.value
            case "cert": self.kubeexec.certificateFile = try reader.string(value, key: key)?.value
            case "insecure": self.kubeexec.insecure = try reader.boolean(value, key: key)?.value
            case "user": self.kubeexec.user = try reader.string(value, key: key)?.value
            case "password": self.kubeexec.password = try reader.string(value, key: key)?.value
            case "token": self.kubeexec.token = try reader.string(value, key: key)?.value
            case "token_file": self.kubeexec.tokenFile = try reader.string(value, key: key)?.value
            case "namespace": self.kubeexec.namespace = try reader.string(value, key: key)?.value
            case "namespace_file": self.kubeexec.namespaceFile = try reader.string(value, key: key)?.value
            case "use_secrets": self.kubeexec.useSecrets = try reader.boolean(value, key: key)?.value
            case "use_pod_names": self.kubeexec.usePodNames = try reader.boolean(value, key: key)?.value
            case "gluster_daemonset": self.kubeexec.glusterDaemonSet = try reader.boolean(value, key: key)?.value
            case "max_connections": self.kubeexec.maxConnections = try reader.positiveInteger(value, key: key)
            case "disable_timeout_prefix":
                self.kubeexec.disableTimeoutPrefix = try reader.boolean(value, key: key)?.value
            default:
                if try !self.kubeexec.commands.read(entry, keyPath: key, with: reader) {
                    reader.ignore(entry, keyPath: key)
                }
            }
        }
    }
}

extension NodeCommandSettings {
    /// Reads one of Heketi's `CmdConfig` keys; `false` when `entry` is not one of them.
    mutating func read(
        _ entry: ConfigurationFileReader.Entry, keyPath key: String, with reader: ConfigurationFileReader
    ) throws(ConfigurationError) -> Bool {
        let value = entry.value
        switch entry.key {
        case "fstab": self.fstab = try reader.string(value, key: key)?.value
        case "sudo": self.sudo = try reader.boolean(value, key: key)?.value
        case "snapshot_limit": self.snapshotLimit = try reader.positiveInteger(value, key: key)
        case "rebalance_on_expansion": self.rebalanceOnExpansion = try reader.boolean(value, key: key)?.value
        case "backup_lvm_metadata": self.backupLVMMetadata = try reader.boolean(value, key: key)?.value
        case "gluster_cli_timeout": self.glusterCLITimeoutSeconds = try reader.positiveInteger(value, key: key)
        case "pv_data_alignment": self.pvDataAlignment = try reader.string(value, key: key)?.value
        case "vg_physicalextentsize": self.vgPhysicalExtentSize = try reader.string(value, key: key)?.value
        case "lv_chunksize": self.lvChunkSize = try reader.string(value, key: key)?.value
        case "xfs_sw": self.xfsStripeWidth = try reader.positiveInteger(value, key: key)
        case "xfs_su": self.xfsStripeUnit = try reader.positiveInteger(value, key: key)
        case "debug_umount_failures": self.debugUmountFailures = try reader.boolean(value, key: key)?.value
        case "block_prealloc": self.blockPreallocation = try reader.string(value, key: key)?.value
        default: return false
        }
        return true
    }
}
