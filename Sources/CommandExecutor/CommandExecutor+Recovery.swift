public import Executor
public import NodeCommands
import NodeTransport
public import StorageModel

extension CommandExecutor {
    /// Where each of `paths` leads on `node` and, for a mounted directory, its free space, in one round trip:
    /// what `brickyard recover` matches documented devices with.
    public func devicePaths(_ paths: [String], on node: Node) async throws(ExecutorError) -> [String: PathProbe.DevicePath] {
        guard !paths.isEmpty else { return [:] }
        do throws(ExecutorFailure) {
            let result = try await self.execute(PathProbe.devicePaths(paths), on: node)
            do throws(NodeOutputError) {
                return try PathProbe.parseDevicePaths(result.stdout, paths: paths)
            } catch {
                throw ExecutorFailure(host: node.manageHostname, message: error.description)
            }
        } catch {
            throw ExecutorError(action: "probe_device_paths", host: error.host, message: error.message)
        }
    }
}
