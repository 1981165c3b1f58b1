extension NodeObservationScript {
    /// What one section's command printed and how it ended.
    public struct SectionOutput: Hashable, Sendable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String

        public init(exitCode: Int32, stdout: String, stderr: String) {
            self.exitCode = exitCode
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The sections of this script found in what it printed. A section is present only when its end marker came
    /// through on standard output (a script cut short leaves its last sections out, never half of one); its
    /// standard error is whatever the same frame holds on the other stream, or empty.
    public func sections(stdout: String, stderr: String) -> [Name: SectionOutput] {
        let errors = Self.split(stderr, token: self.token)
        var result: [Name: SectionOutput] = [:]
        for (name, frame) in Self.split(stdout, token: self.token) {
            guard let known = Name(rawValue: name) else { continue }
            result[known] = SectionOutput(exitCode: frame.exitCode, stdout: frame.text, stderr: errors[name]?.text ?? "")
        }
        return result
    }

    /// One stream cut into its framed sections, by name: the text between a start marker and the end marker of
    /// the same name, exactly as the command printed it.
    ///
    /// Inside a frame only its own end marker (this token, this name, a number) ends it; any other line is
    /// output, even one that looks like a marker. Lines outside frames (a login banner, a wrapper's message) are
    /// ignored. A name framed twice keeps its last frame.
    public static func split(_ stream: String, token: String) -> [String: (exitCode: Int32, text: String)] {
        let startPrefix = "@@brickyard-section \(token) "
        var result: [String: (exitCode: Int32, text: String)] = [:]
        var open: (name: String, endPrefix: String, lines: [Substring])?
        for line in stream.split(separator: "\n", omittingEmptySubsequences: false) {
            if let frame = open {
                if let code = Self.exitCode(in: line, endPrefix: frame.endPrefix) {
                    // The marker's leading newline was the separator before this line, so the lines joined back
                    // are the output byte for byte, with or without its final newline.
                    result[frame.name] = (code, frame.lines.joined(separator: "\n"))
                    open = nil
                } else {
                    open?.lines.append(line)
                }
            } else if line.hasPrefix(startPrefix), line.hasSuffix("@@") {
                let name = String(line.dropFirst(startPrefix.count).dropLast(2))
                guard Self.isSectionName(name) else { continue }
                open = (name, "@@brickyard-end \(token) \(name) ", [])
            }
        }
        return result
    }

    /// The exit code in `line` when it is exactly `ENDPREFIX<digits>@@`.
    private static func exitCode(in line: Substring, endPrefix: String) -> Int32? {
        guard line.hasPrefix(endPrefix), line.hasSuffix("@@") else { return nil }
        let digits = line.dropFirst(endPrefix.count).dropLast(2)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return Int32(digits)
    }

    /// Section names are lower-case words joined by `-`.
    private static func isSectionName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
