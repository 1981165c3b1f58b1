/// Why the output of a node tool could not be turned into facts. Parsers throw this, never crash: a node may
/// print anything (a half-written reply, a message from a wrapper, an older tool's format).
public enum NodeOutputError: Error, Hashable, Sendable {
    /// gluster answered with a non-zero `opRet`: the command failed, and `message` is its `opErrstr`.
    case glusterFailed(opRet: Int, opErrno: Int, message: String)
    /// The output is not in the expected format; `reason` says what was wrong.
    case malformed(tool: String, reason: String)
}

extension NodeOutputError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .glusterFailed(let opRet, let opErrno, let message):
            return "gluster failed (opRet \(opRet), opErrno \(opErrno)): \(message)"
        case .malformed(let tool, let reason):
            return "unexpected \(tool) output: \(reason)"
        }
    }
}

extension String {
    /// The first 200 characters, quoted, for error messages about output that could be long.
    var excerpt: String {
        let head = self.prefix(200)
        return "\"\(head)\(head.endIndex < self.endIndex ? "…" : "")\""
    }

    func trimmingSpacesAndNewlines() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = self.firstIndex(where: { !isBlank($0) }),
            let last = self.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[first...last])
    }
}
