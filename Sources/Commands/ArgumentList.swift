/// The arguments of one command, read as heketi-cli's flag parser reads them: `--name value`, `--name=value`,
/// short forms (`-e`, `-j FILE`, `-jFILE`, `-j=FILE`), bare `--flag`s (`--flag=false` turns one off), positionals
/// anywhere, and `--` ending the options.
///
/// Every option a command reads is consumed; `finish()` then refuses anything left over, so a typo is an
/// error instead of being silently ignored.
struct ArgumentList {
    private var options: [String: String] = [:]
    private(set) var positionals: [String] = []
    private var consumed: Set<String> = []
    private let flagNames: Set<String>

    /// `flagNames` are the options that take no value; `shortNames` maps a one-letter form to its long name.
    init(_ arguments: [String], flagNames: Set<String> = [], shortNames: [Character: String] = [:]) throws(UsageError) {
        self.flagNames = flagNames
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !Self.isOption(argument) {
                self.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let name: String
            var value: String?
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    name = String(body[..<equals])
                    value = String(body[body.index(after: equals)...])
                } else {
                    name = String(body)
                }
            } else {
                let letter = argument[argument.index(after: argument.startIndex)]
                guard let long = shortNames[letter] else { throw UsageError("unknown option \(argument)") }
                name = long
                var rest = argument.dropFirst(2)
                if rest.first == "=" { rest = rest.dropFirst() }
                if !rest.isEmpty || argument.dropFirst(2).first == "=" { value = String(rest) }
            }
            let spelled = argument.hasPrefix("--") ? "--\(name)" : "-" + argument.dropFirst().prefix(1)
            if flagNames.contains(name) {
                if let text = value {
                    guard let parsed = Self.boolean(text) else {
                        throw UsageError("option \(spelled): \"\(text)\" must be true or false")
                    }
                    value = parsed ? "true" : "false"
                } else if index < arguments.count, let parsed = Self.separateBoolean(arguments[index]) {
                    // `--block false`, as earlier Brickyard releases read it: a bare true or false after a flag is
                    // its value (no id is ever spelled that way).
                    value = parsed ? "true" : "false"
                    index += 1
                } else {
                    value = "true"
                }
            } else if value == nil {
                guard index < arguments.count else { throw UsageError("option \(spelled) needs a value") }
                value = arguments[index]
                index += 1
            }
            try self.set(name, value ?? "")
        }
    }

    /// Whether `argument` is an option rather than a positional: `-` alone and negative numbers are positionals.
    static func isOption(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), argument.count > 1 else { return false }
        if argument.hasPrefix("--") { return true }
        let second = argument[argument.index(after: argument.startIndex)]
        return !second.isNumber
    }

    /// Go's `strconv.ParseBool` spellings, which heketi-cli accepts after `=`.
    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": true
        case "0", "f", "F", "false", "FALSE", "False": false
        default: nil
        }
    }

    private static func separateBoolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    private mutating func set(_ name: String, _ value: String) throws(UsageError) {
        guard self.options[name] == nil else { throw UsageError("option --\(name) given twice") }
        self.options[name] = value
    }

    /// A flag's value: false when absent.
    mutating func flag(_ name: String) -> Bool {
        self.optionalFlag(name) ?? false
    }

    /// A flag's value, or nil when it was not given (a flag whose default depends on the server).
    mutating func optionalFlag(_ name: String) -> Bool? {
        self.consumed.insert(name)
        return self.options[name].map { $0 == "true" }
    }

    mutating func string(_ name: String) -> String? {
        self.consumed.insert(name)
        return self.options[name]
    }

    mutating func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = self.string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("option --\(name): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    mutating func choice(_ name: String, default value: String, from choices: [String]) throws(UsageError) -> String {
        let text = self.string(name) ?? value
        guard choices.contains(text) else {
            throw UsageError("option --\(name): \"\(text)\" must be one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// Refuses options and flags no one asked for.
    func finish(maximumPositionals: Int = 0) throws(UsageError) {
        let unknown = Set(self.options.keys).subtracting(self.consumed).sorted()
        if let first = unknown.first { throw UsageError("unknown option --\(first)") }
        if self.positionals.count > maximumPositionals {
            throw UsageError("unexpected argument \"\(self.positionals[maximumPositionals])\"")
        }
    }
}
