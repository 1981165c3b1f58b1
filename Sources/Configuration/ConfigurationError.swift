/// Why a server configuration could not be read or resolved; each case carries the facts (where, which key, what
/// value, which rule) and its description is one readable line.
///
/// Secrets never appear in a case: key values are reported as missing or present, never echoed.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadableFile(path: String, reason: String)
    /// The file is neither YAML nor JSON; `position` is where the parser gave up.
    case syntax(path: String, position: FilePosition?, problem: String)
    /// A known key holds a value of the wrong type, such as `brick_max_size_gb: "big"`. `key` is empty for the
    /// document itself; `value` is the scalar's text, empty for lists and mappings.
    case wrongType(
        source: ConfigurationSource, key: String, expected: [ConfigurationValueKind], found: ConfigurationValueKind,
        value: String)
    /// A value of the right type breaks a rule.
    case invalidValue(source: ConfigurationSource, key: String, value: String, rule: ConfigurationRule)
    /// Authentication is on and no admin key was given anywhere.
    case missingAdminKey
    /// The server would accept unauthenticated requests on an address other hosts can reach, and the risk was not
    /// accepted with `--allow-unauthenticated-remote`.
    case unauthenticatedRemote(listen: ListenAddress, source: ConfigurationSource)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the configuration file: \(reason)"
        case .syntax(let path, let position, let problem):
            let location = position.map { "\(path):\($0)" } ?? path
            return "\(location): not valid JSON or YAML: \(problem)"
        case .wrongType(let source, let key, let expected, let found, let value):
            let shown = value.isEmpty ? "" : " (\(Self.quoted(value)))"
            let expectation = expected.map(\.description).joined(separator: " or ")
            return "\(Self.subject(source, key: key)): expected \(expectation), found \(found)\(shown)"
        case .invalidValue(let source, let key, let value, let rule):
            var text = "\(Self.subject(source, key: key)): \(Self.quoted(value)) \(rule)"
            if case .file = source, value == "0", rule == .positive || rule == .positiveOrNegativeForUnlimited {
                text += " (Heketi read 0 as \"use the default\"; remove the key for Brickyard's default)"
            }
            return text
        case .missingAdminKey:
            return "authentication is on but no admin key is set: set jwt.admin.key in the configuration file, "
                + "\(EnvironmentVariable.heketiAdminKey.rawValue) or \(EnvironmentVariable.brickyardAdminKey.rawValue) "
                + "in the environment, or \(CommandLineOverrides.Flag.adminKey.rawValue); or pass "
                + "\(CommandLineOverrides.Flag.disableAuth.rawValue) to run without authentication"
        case .unauthenticatedRemote(let listen, let source):
            return "refusing to listen on \(listen) (from \(source)) with authentication disabled: anyone who can "
                + "reach that address could create and delete volumes; listen on a loopback address, enable "
                + "authentication, or pass \(CommandLineOverrides.Flag.allowUnauthenticatedRemote.rawValue) to accept "
                + "the risk"
        }
    }

    /// What the message is about: the file position and key, or the variable or flag (which is its own key).
    private static func subject(_ source: ConfigurationSource, key: String) -> String {
        switch source {
        case .file:
            "\(source): \(key.isEmpty ? "the document" : key)"
        case .environment, .commandLine:
            "\(source)"
        case .defaults:
            "default \(key)"
        }
    }

    /// Numbers as written, anything else quoted; long values shortened so the message stays one line.
    private static func quoted(_ value: String) -> String {
        if Int(value) != nil {
            return value
        }
        var shown = value.count > 80 ? String(value.prefix(77)) + "..." : value
        shown = shown.replacingNewlines()
        return "\"\(shown)\""
    }
}

extension String {
    /// The text with line breaks shown as `\n`, so a value never breaks a one-line message.
    fileprivate func replacingNewlines() -> String {
        var result = ""
        for character in self {
            switch character {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\r\n": result += "\\r\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
