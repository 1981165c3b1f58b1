/// The arguments of one command: `--name value`, `--name=value`, bare `--flag`s and positionals.
///
/// Every option a command reads is consumed; `finish()` then refuses anything left over, so a typo is an
/// error instead of being silently ignored.
struct ArgumentList {
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private var consumed: Set<String> = []

    /// `flagNames` are the options that take no value.
    init(_ arguments: [String], flagNames: Set<String> = []) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                self.positionals.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                try self.set(String(body[..<equals]), String(body[body.index(after: equals)...]))
            } else if flagNames.contains(String(body)) {
                self.flags.insert(String(body))
            } else {
                guard index < arguments.count else { throw UsageError("option --\(body) needs a value") }
                try self.set(String(body), arguments[index])
                index += 1
            }
        }
    }

    private mutating func set(_ name: String, _ value: String) throws(UsageError) {
        guard self.options[name] == nil else { throw UsageError("option --\(name) given twice") }
        self.options[name] = value
    }

    mutating func flag(_ name: String) -> Bool {
        self.consumed.insert(name)
        return self.flags.contains(name)
    }

    mutating func string(_ name: String) -> String? {
        self.consumed.insert(name)
        return self.options[name]
    }

    mutating func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = self.string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("option --\(name): \"\(text)\" is not a whole number in \(range.lowerBound)...\(range.upperBound)")
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
        let unknown = Set(self.options.keys).union(self.flags).subtracting(self.consumed).sorted()
        if let first = unknown.first { throw UsageError("unknown option --\(first)") }
        if self.positionals.count > maximumPositionals {
            throw UsageError("unexpected argument \"\(self.positionals[maximumPositionals])\"")
        }
    }
}
