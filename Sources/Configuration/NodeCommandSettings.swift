/// How commands run on a storage node, shared by the SSH and Kubernetes executors (Heketi's `CmdConfig`, embedded
/// in both `sshexec` and `kubeexec`).
///
/// Every field is what the file said, or `nil` when it said nothing; the executor applies its own default then.
public struct NodeCommandSettings: Sendable, Hashable {
    /// `fstab`: the fstab file brick mounts are written to (Heketi's default: `/etc/fstab`).
    public var fstab: String?
    /// `sudo`: prefix commands with sudo, for a non-root SSH user.
    public var sudo: Bool?
    /// `snapshot_limit`: the most snapshots one volume may have.
    public var snapshotLimit: Int?
    /// `rebalance_on_expansion`: start a rebalance after a volume grows.
    public var rebalanceOnExpansion: Bool?
    /// `backup_lvm_metadata`: keep LVM's metadata backups when creating and deleting bricks.
    public var backupLVMMetadata: Bool?
    /// `gluster_cli_timeout`: seconds a `gluster` command may take.
    public var glusterCLITimeoutSeconds: Int?
    /// `pv_data_alignment`: `pvcreate --dataalignment`, such as `256K`.
    public var pvDataAlignment: String?
    /// `vg_physicalextentsize`: `vgcreate --physicalextentsize`, such as `4M`.
    public var vgPhysicalExtentSize: String?
    /// `lv_chunksize`: the thin pool chunk size, such as `256K`.
    public var lvChunkSize: String?
    /// `xfs_sw`: the XFS stripe width, in stripe units.
    public var xfsStripeWidth: Int?
    /// `xfs_su`: the XFS stripe unit, passed to `mkfs.xfs -d su=` as written (as Heketi does; a bare number is bytes).
    public var xfsStripeUnit: Int?
    /// `debug_umount_failures`: log what holds a mount when unmounting a brick fails.
    public var debugUmountFailures: Bool?
    /// `block_prealloc`: preallocation for gluster-block volumes (`full` or `no`).
    public var blockPreallocation: String?

    public init() {}
}
