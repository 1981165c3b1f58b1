public import DesiredState
import Foundation

/// Reads a desired-state directory as a team keeps it in git: every `.yaml`, `.yml` and `.json` file below it, in
/// path order, hidden files and directories skipped. One bad document fails the whole read.
public enum DesiredStateDirectory {
    public static func load(_ path: String) throws(DesiredStateError) -> DesiredState {
        let root = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DesiredStateError(SourceLocation(file: path, line: 1, column: 1), "no such file or directory")
        }
        let files: [String]
        if isDirectory.boolValue {
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            var found: [String] = []
            while let url = enumerator?.nextObject() as? URL {
                if ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()) { found.append(url.path) }
            }
            files = found.sorted()
        } else {
            files = [path]
        }
        var parts: [DesiredState] = []
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw DesiredStateError(SourceLocation(file: file, line: 1, column: 1), "cannot be read as UTF-8 text")
            }
            parts.append(try DesiredStateParser.parse(file: Self.relative(file, to: root.path), text: text))
        }
        return try DesiredStateParser.merge(parts)
    }

    /// `file` relative to the directory, as errors show it.
    static func relative(_ file: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }
}
