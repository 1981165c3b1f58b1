/// Where a setting came from, so that an error names the place to fix it.
public enum ConfigurationSource: Sendable, Hashable, CustomStringConvertible {
    /// A configuration file, at a position when known.
    case file(path: String, position: FilePosition?)
    /// An environment variable, such as `BRICKYARD_LISTEN`.
    case environment(variable: String)
    /// A command-line flag, such as `--listen`.
    case commandLine(flag: String)
    /// Brickyard's built-in default.
    case defaults

    /// `heketi.json:12:27`, `environment variable BRICKYARD_LISTEN`, `--listen` or `the default`.
    public var description: String {
        switch self {
        case .file(let path, let position): position.map { "\(path):\($0)" } ?? path
        case .environment(let variable): "environment variable \(variable)"
        case .commandLine(let flag): flag
        case .defaults: "the default"
        }
    }
}
