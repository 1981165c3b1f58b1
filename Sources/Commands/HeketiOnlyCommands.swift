/// heketi-cli commands Brickyard does not serve, each refused with one line that says why (exit code 2, before any
/// request), so a script written for heketi-cli stops clearly instead of doing something else.
enum HeketiOnlyCommands {
    static let resources: [ResourceHelp] = [
        ResourceHelp(
            name: "blockvolume", summary: "", verbs: [],
            unsupported: "Brickyard serves no block volumes (gluster-block); only file volumes"),
        ResourceHelp(
            name: "brick", summary: "", verbs: [],
            unsupported: "Brickyard does not evict single bricks; `device remove` or `node remove` moves every brick "
                + "off a device or node"),
        ResourceHelp(
            name: "setup-openshift-heketi-storage", summary: "", verbs: [],
            aliases: ["setup-heketi-db-storage", "setup-kubernetes-heketi-storage"],
            unsupported: "Brickyard keeps its database itself; give its server a persistent volume instead "
                + "(see Charts/)"),
    ]
}
