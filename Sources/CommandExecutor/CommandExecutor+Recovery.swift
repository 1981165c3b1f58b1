public import Executor
import NodeCommands
import NodeTransport
public import StorageModel

extension CommandExecutor {
    /// The free space of each of `paths` on `node` that is a mounted directory (others are left out), in one round
    /// trip: what `brickyard recover` adopts as directory devices.
    public func mountedDirectories(_ paths: [String], on node: Node) async throws(ExecutorError) -> [String: ByteCount] {
        guard !paths.isEmpty else { return [:] }
        do throws(ExecutorFailure) {
            let result = try await self.execute(PathProbe.mountedDirectories(paths), on: node)
            do throws(NodeOutputError) {
                return try PathProbe.parseMountedDirectories(result.stdout, paths: paths).mapValues(\.available)
            } catch {
                throw ExecutorFailure(host: node.manageHostname, message: error.description)
            }
        } catch {
            throw ExecutorError(action: "measure_directories", host: error.host, message: error.message)
        }
    }
}
