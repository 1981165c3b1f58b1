public import Foundation

/// The reply of a changing command run with `--xml` (`peer probe`, `volume create`, ...): gluster writes its
/// failures into the XML and may still exit 0, so success is `opRet` 0, not the exit code.
public struct GlusterCommandReply: Hashable, Sendable {
    /// gluster's errno for a success with a remark, such as 2 for a host already in the peer list.
    public var opErrno: Int
    /// The `<output>` message, if any.
    public var output: String?

    public init(opErrno: Int, output: String?) {
        self.opErrno = opErrno
        self.output = output
    }

    /// Throws `NodeOutputError.glusterFailed` with `opErrstr` when `opRet` is not 0.
    public static func parse(_ data: Data) throws(NodeOutputError) -> GlusterCommandReply {
        let root = try GlusterReply.parse(data)
        return GlusterCommandReply(
            opErrno: root.value("opErrno").flatMap { Int($0) } ?? 0, output: root.value("output"))
    }

    public static func parse(_ text: String) throws(NodeOutputError) -> GlusterCommandReply {
        try Self.parse(Data(text.utf8))
    }
}
