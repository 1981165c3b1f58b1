/// Options `gluster volume create` sets on its own in Gluster 10 (with these values). A recovered volume leaves
/// them out of its stored options, as a volume Brickyard created never listed them; any other value was set by
/// someone and is kept.
enum GlusterDefaults {
    static let options: [String: String] = [
        "cluster.granular-entry-heal": "on",
        "storage.fips-mode-rchecksum": "on",
        "transport.address-family": "inet",
        "nfs.disable": "on",
        "performance.client-io-threads": "off",
    ]
}
