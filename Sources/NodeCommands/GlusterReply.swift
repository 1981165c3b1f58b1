import Foundation

/// The envelope of every `gluster … --xml` answer: `<cliOutput>` with `opRet`, `opErrno` and `opErrstr`. A
/// non-zero `opRet` is the command's failure, surfaced as `NodeOutputError.glusterFailed` with gluster's message.
enum GlusterReply {
    static let tool = "gluster"

    /// The `<cliOutput>` element of a successful reply.
    static func parse(_ data: Data) throws(NodeOutputError) -> XMLTree {
        let root = try XMLTree.parse(data, tool: Self.tool)
        guard root.name == "cliOutput" else {
            throw .malformed(tool: Self.tool, reason: "root element is <\(root.name)>, not <cliOutput>")
        }
        guard let opRetText = root.value("opRet"), let opRet = Int(opRetText) else {
            throw .malformed(tool: Self.tool, reason: "no numeric <opRet>")
        }
        if opRet != 0 {
            let opErrno = root.value("opErrno").flatMap { Int($0) } ?? 0
            throw .glusterFailed(opRet: opRet, opErrno: opErrno, message: root.value("opErrstr") ?? "")
        }
        return root
    }

    static func parse(_ text: String) throws(NodeOutputError) -> XMLTree {
        try Self.parse(Data(text.utf8))
    }

    /// A required child's trimmed text.
    static func required(_ name: String, in element: XMLTree) throws(NodeOutputError) -> String {
        guard let value = element.value(name) else {
            throw .malformed(tool: Self.tool, reason: "<\(element.name)> has no <\(name)>")
        }
        return value
    }

    /// A required child's integer value.
    static func integer(_ name: String, in element: XMLTree) throws(NodeOutputError) -> Int {
        let text = try Self.required(name, in: element)
        guard let value = Int(text) else {
            throw .malformed(tool: Self.tool, reason: "<\(name)> is not a number: \(text.excerpt)")
        }
        return value
    }

    /// A required child element.
    static func element(_ name: String, in element: XMLTree) throws(NodeOutputError) -> XMLTree {
        guard let child = element.child(name) else {
            throw .malformed(tool: Self.tool, reason: "<\(element.name)> has no <\(name)>")
        }
        return child
    }
}
