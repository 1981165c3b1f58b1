extension VolumeOption {
    /// Gluster option keys use `[a-zA-Z0-9_.-]`, the rule `init(parsing:)` applies to Heketi's `"key value"` form;
    /// checked wherever a key arrives on its own (an option to reset, an option given as key and value).
    public static func validate(key: String, field: String) throws(ValidationError) {
        guard !key.isEmpty else { throw ValidationError(field: field, value: key, problem: .required) }
        guard CharacterRules.allBytes(of: key, alphanumericOr: "_.-") else {
            throw ValidationError(field: field, value: key, problem: .invalidCharacters(allowed: "^[a-zA-Z0-9_.-]+$"))
        }
    }
}
