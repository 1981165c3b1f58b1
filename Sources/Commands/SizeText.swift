internal import StorageModel

/// Sizes in human units (`1.5 GiB`, `500 GiB`) from the units Heketi's JSON uses: KiB for devices and bricks, GiB
/// for volumes.
enum SizeText {
    static func kibibytes(_ count: Int64) -> String {
        ByteCount.kibibytes(count).description
    }

    static func gibibytes(_ count: Int64) -> String {
        ByteCount.gibibytes(count).description
    }

    /// Tags as `key=value` pairs in key order, or `-` when there are none.
    static func tags(_ tags: [String: String]?) -> String {
        guard let tags, !tags.isEmpty else { return "-" }
        return tags.keys.sorted().map { "\($0)=\(tags[$0] ?? "")" }.joined(separator: ",")
    }

    static func yesNo(_ value: Bool) -> String {
        value ? "yes" : "no"
    }
}
