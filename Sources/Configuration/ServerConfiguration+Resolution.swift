extension ServerConfiguration {
    /// Merges a configuration file, the environment and the command line into one validated configuration.
    ///
    /// Precedence, highest first: command line; `BRICKYARD_*` variables; Heketi's `HEKETI_*` variables; the file;
    /// Brickyard's defaults. Nothing is read from the process: the caller passes the file's parsed contents, the
    /// environment and the flags.
    ///
    /// - A file's Heketi `port` alone keeps the host at 127.0.0.1 (Heketi listened on all interfaces), with a
    ///   warning; `--listen`, `BRICKYARD_LISTEN` or a `listen` key choose another host.
    /// - Authentication is on unless `overrides.disableAuth`; the file's `use_auth: false` only earns a warning.
    /// - Without authentication, a non-loopback address needs `overrides.allowUnauthenticatedRemote`.
    ///
    /// - Returns: the configuration and warnings (ignored keys and variables, risky settings), one line each.
    public static func resolve(
        file: ConfigurationFile?, environment: [String: String], overrides: CommandLineOverrides
    ) throws(ConfigurationError) -> (ServerConfiguration, warnings: [String]) {
        var resolver = ConfigurationResolver(file: file, environment: environment, overrides: overrides)
        let configuration = try resolver.resolve()
        return (configuration, warnings: resolver.warnings)
    }
}
