/// Counted nouns for messages: `1 node`, `3 nodes`, `0 problems`, so no message says "1 nodes".
enum Plural {
    /// `count` and `noun`, made plural unless the count is one; `plural` names an irregular plural.
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(Self.noun(count, noun, plural: plural))"
    }

    /// The noun alone, as `count` would spell it.
    static func noun(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        count == 1 ? noun : plural ?? noun + "s"
    }
}
