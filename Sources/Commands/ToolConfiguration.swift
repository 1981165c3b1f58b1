internal import Configuration
internal import Foundation

/// The configuration a tool command (`observe`, `status`, `plan`, `apply`) reads: the file if given, then the
/// environment, then its flags, exactly as `serve` resolves them, so every command sees the same database and
/// executor.
struct ToolConfiguration {
    var configPath: String?
    var overrides: CommandLineOverrides

    /// `--config`, `--db` and (when `withExecutor`) `--executor` from the argument list.
    init(_ list: inout ArgumentList, withExecutor: Bool = true) {
        self.configPath = list.string("config")
        self.overrides = CommandLineOverrides(
            databasePath: list.string("db"), executor: withExecutor ? list.string("executor") : nil, disableAuth: true)
    }

    /// The resolved configuration, or the one-line error to print.
    func resolve(environment: [String: String]) -> Result<ServerConfiguration, ConfigurationError> {
        do throws(ConfigurationError) {
            let file = try self.configPath.map { path throws(ConfigurationError) in try ConfigurationFile.load(path: path) }
            return .success(try ServerConfiguration.resolve(file: file, environment: environment, overrides: self.overrides).0)
        } catch {
            return .failure(error)
        }
    }
}
