// swift-tools-version: 6.0
//
// Brickyard: a reconciling GlusterFS volume manager.
//
// Targets are listed in layer order; a target may depend only on targets above it.
// The product depends on no Swift packages: Foundation, Dispatch and five C libraries from Debian.
import PackageDescription

/// Settings applied to every Swift target.
let swiftSettings: [SwiftSetting] = [
    // No C type leaks out of a wrapper: an import is internal unless marked `public import`.
    .enableUpcomingFeature("InternalImportsByDefault"),
    // `any` is spelled out, so existential costs are visible.
    .enableUpcomingFeature("ExistentialAny"),
    // Members of a type are not implicitly visible across files unless imported.
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Brickyard",
    products: [
        // The embeddable core: model and allocator (libStorage's "embedded" architecture).
        .library(name: "BrickyardCore", targets: ["StorageModel", "Allocation"]),
        .executable(name: "brickyard", targets: ["BrickyardMain"]),
        .executable(name: "brickyard-bench", targets: ["BrickyardBench"]),
    ],
    dependencies: [],
    targets: [
        // MARK: - C libraries (module.modulemap + shim.h only)

        // libcurl: HTTP client for the Kubernetes API and the command-line client.
        .systemLibrary(
            name: "CCurl", path: "Sources/C/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        // libyaml: parsing and emitting YAML documents.
        .systemLibrary(
            name: "CYAML", path: "Sources/C/CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // libmicrohttpd: the HTTP server under the REST API and /metrics.
        .systemLibrary(
            name: "CMicroHTTPD", path: "Sources/C/CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),
        // SQLite: the embedded store.
        .systemLibrary(
            name: "CSQLite", path: "Sources/C/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // OpenSSL libcrypto: SHA-256 and HMAC for JWT.
        .systemLibrary(
            name: "CCrypto", path: "Sources/C/CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // glibc's malloc.h (part of libc): lets a long-running server hand freed heap pages back to the kernel.
        .systemLibrary(name: "CMalloc", path: "Sources/C/CMalloc"),

        // MARK: - Wrappers (each owns one C library; no domain imports)

        // Header fields shared by the HTTP client and server wrappers (no C library of its own).
        .target(name: "HTTPTypes", swiftSettings: swiftSettings),
        // An HTTP client over libcurl.
        .target(name: "Curl", dependencies: ["CCurl", "HTTPTypes"], swiftSettings: swiftSettings),
        // A YAML node tree with source marks, parsed and emitted by libyaml.
        .target(name: "YAML", dependencies: ["CYAML"], swiftSettings: swiftSettings),
        // An HTTP server over libmicrohttpd with async handlers.
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "HTTPTypes"], swiftSettings: swiftSettings),
        // A SQLite connection, statements and transactions.
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: swiftSettings),
        // SHA-256 and HMAC-SHA256/384/512 over libcrypto.
        .target(name: "Crypto", dependencies: ["CCrypto"], swiftSettings: swiftSettings),

        // Structured one-line-per-event logging with levels.
        .target(name: "EventLog", swiftSettings: swiftSettings),

        // MARK: - Pure core (no I/O, no Dispatch, no C)

        // IDs, byte sizes, topology, volumes, durability and their validation.
        .target(
            name: "StorageModel", swiftSettings: swiftSettings,
            // Rounding of byte counts uses libm, which Foundation would otherwise link.
            linkerSettings: [.linkedLibrary("m")]),
        // Brick placement: where the bricks of a volume go.
        .target(name: "Allocation", dependencies: ["StorageModel"], swiftSettings: swiftSettings),
        // What the store records and the planners produce, as values: operations, their journal and holds, the
        // changes a commit applies, the consistency problems found, the store's errors. Pure.
        .target(name: "StoreRecords", dependencies: ["StorageModel"], swiftSettings: swiftSettings),

        // Prometheus counters, histograms and scrape-time gauges, rendered in the text format.
        .target(name: "Metrics", swiftSettings: swiftSettings),

        // Planning, the engine's pure half: actions with their undo, plans with rollback, intents, the planners of
        // every operation (volumes, nodes and devices, heals, store repairs), the finalizer, and the errors a
        // request is refused with.
        .target(
            name: "Planning", dependencies: ["StorageModel", "Allocation", "StoreRecords"],
            swiftSettings: swiftSettings),
        // What runs on a node, as argv and `sh -c` scripts (LVM, XFS, mount, gluster), and parsers of what the
        // tools print (gluster --xml, LVM JSON reports). Pure: builds and reads text, runs nothing.
        .target(name: "NodeCommands", dependencies: ["StorageModel"], swiftSettings: swiftSettings),
        // Desired state from documents (Heketi's topology.json, volume claims), validated with file:line:column.
        .target(name: "DesiredState", dependencies: ["StorageModel", "YAML"], swiftSettings: swiftSettings),
        // Reconcile planning: desired state against the stored topology (the steps an apply takes), the store against
        // what the nodes report (drift), and each object's status. Pure.
        .target(
            name: "ReconcilePlanning", dependencies: ["DesiredState", "StorageModel", "Planning"], swiftSettings: swiftSettings),
        // The Kubernetes API client's pure half: configuration resolved to an endpoint, requests built per verb,
        // list pages, watch streams and Status errors decoded; the transport sends what it builds.
        .target(name: "KubernetesAPI", dependencies: ["YAML"], swiftSettings: swiftSettings),
        // Heketi's REST request and response messages, and their conversion to the model (the REST edge).
        .target(name: "HeketiAPI", dependencies: ["StorageModel", "Metrics"], swiftSettings: swiftSettings),
        // `heketi db export` JSON converted to model values with Heketi's ids kept (the migration path, pure).
        .target(name: "HeketiImport", dependencies: ["StorageModel"], swiftSettings: swiftSettings),
        // A lost store rebuilt from what the nodes hold (Heketi's LVM names, `user.heketi.id`, brick paths): pure.
        .target(
            name: "Recovery", dependencies: ["StorageModel", "HeketiImport", "Allocation", "Planning"],
            swiftSettings: swiftSettings),

        // MARK: - Adapters

        // The embedded store: the SQLite adapter that keeps topology, operations, journal and holds, schema under
        // migrations.
        .target(name: "Store", dependencies: ["SQLite", "StorageModel", "StoreRecords"], swiftSettings: swiftSettings),
        // Server configuration from heketi.json-compatible JSON or YAML files and the environment.
        .target(
            name: "Configuration", dependencies: ["YAML", "StorageModel", "Allocation"], swiftSettings: swiftSettings),

        // The Kubernetes API client: what KubernetesAPI builds, sent over libcurl with credentials, a rate limit and
        // timeouts; watches read as they stream; informer caches (list, then watch) and events.
        .target(
            name: "KubernetesClient", dependencies: ["KubernetesAPI", "Curl", "HTTPTypes", "EventLog"],
            swiftSettings: swiftSettings),

        // Runs argv on a node and reports exit, stdout and stderr: locally, over ssh, or with kubectl exec.
        .target(name: "NodeTransport", dependencies: ["NodeCommands"], swiftSettings: swiftSettings),

        // Runs the engine's actions on Gluster nodes: the executor protocol and the mock.
        .target(name: "Executor", dependencies: ["Planning", "StorageModel"], swiftSettings: swiftSettings),

        // The executor on real nodes: the engine's actions as node commands, run through a transport.
        .target(
            name: "CommandExecutor",
            dependencies: ["Executor", "Planning", "StorageModel", "Allocation", "NodeCommands", "NodeTransport", "EventLog"],
            swiftSettings: swiftSettings),

        // MARK: - Behaviour

        // The engine: plans against the store, records intent and journal, applies through the executor step by
        // journaled step, recovers interrupted operations, and admits a bounded number at once.
        .target(
            name: "Operations",
            dependencies: ["StorageModel", "Planning", "Store", "StoreRecords", "Executor", "EventLog"],
            swiftSettings: swiftSettings),

        // The controller: desired-state sources, the keyed work queue and the reconcile loop that carries plans out
        // through the engine and heals drift.
        .target(
            name: "Controller",
            dependencies: [
                "DesiredState", "ReconcilePlanning", "Operations", "Store", "StoreRecords", "StorageModel", "EventLog",
                "Executor", "Planning", "Metrics",
            ],
            swiftSettings: swiftSettings),

        // Brickyard as a Kubernetes operator: GlusterVolume status, finalizers and events from the reconcile core's
        // claim statuses, over the Kubernetes client.
        .target(
            name: "KubernetesOperator",
            dependencies: [
                "KubernetesAPI", "KubernetesClient", "ReconcilePlanning", "DesiredState", "Controller", "Operations",
                "EventLog",
            ],
            swiftSettings: swiftSettings),

        // Heketi-compatible JWT: verification for the REST API, signing for clients.
        .target(name: "Authentication", dependencies: ["Crypto"], swiftSettings: swiftSettings),

        // A typed client for Heketi's REST API: signed requests, async operations followed to the end, topology load.
        .target(
            name: "Client",
            dependencies: ["Curl", "HTTPTypes", "Authentication", "Crypto", "HeketiAPI"],
            swiftSettings: swiftSettings),

        // The REST API: the route table, request handling and Heketi's async operation protocol.
        .target(
            name: "RESTAPI",
            dependencies: [
                "StorageModel", "HeketiAPI", "Store", "StoreRecords", "Authentication", "Operations", "Planning",
                "HTTPServer", "HTTPTypes", "Metrics", "EventLog",
            ],
            swiftSettings: swiftSettings),

        // MARK: - Entry

        // Command-line parsing and wiring of concrete dependencies.
        .target(
            name: "Commands",
            dependencies: [
                "StorageModel", "Allocation", "Configuration", "Store", "StoreRecords", "Executor", "Operations",
                "Planning", "RESTAPI", "HTTPServer", "Metrics", "EventLog", "CMalloc", "CommandExecutor",
                "NodeTransport", "NodeCommands", "YAML", "DesiredState", "ReconcilePlanning", "Controller",
                "Client", "Curl", "HeketiAPI", "HeketiImport", "Recovery", "KubernetesAPI",
            ],
            swiftSettings: swiftSettings),
        // The `brickyard` executable: hands argv to Commands.
        .executableTarget(name: "BrickyardMain", dependencies: ["Commands"], swiftSettings: swiftSettings),
        // The `brickyard-bench` executable: performance scenarios, one JSON line each.
        .executableTarget(
            name: "BrickyardBench",
            dependencies: [
                "StorageModel", "Allocation", "Curl", "HTTPTypes", "HeketiAPI", "DesiredState", "ReconcilePlanning",
                "HTTPServer", "KubernetesAPI", "KubernetesClient",
            ],
            swiftSettings: swiftSettings),

        // MARK: - Tests (one target per module)

        // What several test targets share: the gated executor, waiting on conditions, the store-against-nodes audit, a fake
        // Kubernetes API server.
        .target(
            name: "TestSupport",
            dependencies: [
                "Executor", "Planning", "StorageModel", "Store", "StoreRecords", "KubernetesAPI", "HTTPServer", "HTTPTypes",
            ],
            path: "Tests/TestSupport", swiftSettings: swiftSettings),

        .testTarget(name: "HTTPTypesTests", dependencies: ["HTTPTypes"], swiftSettings: swiftSettings),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "HTTPServer", "HTTPTypes"], swiftSettings: swiftSettings),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HTTPServerTests", dependencies: ["HTTPServer", "Curl", "HTTPTypes", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"], swiftSettings: swiftSettings),
        .testTarget(name: "StorageModelTests", dependencies: ["StorageModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AllocationTests", dependencies: ["Allocation", "StorageModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HeketiAPITests", dependencies: ["HeketiAPI", "StorageModel", "Metrics"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StoreTests", dependencies: ["Store", "StoreRecords", "StorageModel", "SQLite", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AuthenticationTests", dependencies: ["Authentication", "Crypto"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlanningTests", dependencies: ["Planning", "StorageModel", "StoreRecords", "Allocation"],
            swiftSettings: swiftSettings),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RESTAPITests",
            dependencies: [
                "RESTAPI", "StorageModel", "Curl", "HTTPServer", "HTTPTypes", "Operations", "Executor", "Store",
                "StoreRecords", "Authentication", "Metrics", "HeketiAPI", "HeketiImport", "Planning", "EventLog",
                "TestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "Executor", "Planning", "Store", "StoreRecords", "StorageModel", "TestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "NodeCommandsTests", dependencies: ["NodeCommands", "StorageModel"],
            swiftSettings: swiftSettings),
        .testTarget(name: "NodeTransportTests", dependencies: ["NodeTransport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CommandExecutorTests",
            dependencies: ["CommandExecutor", "Executor", "Planning", "NodeTransport", "StorageModel"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DesiredStateTests", dependencies: ["DesiredState", "StorageModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ReconcilePlanningTests", dependencies: ["ReconcilePlanning", "DesiredState", "StorageModel", "Planning"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ControllerTests",
            dependencies: [
                "Controller", "ReconcilePlanning", "DesiredState", "StorageModel", "Operations", "Store",
                "StoreRecords", "Executor", "EventLog", "Metrics", "Planning", "TestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog"], swiftSettings: swiftSettings),
        .testTarget(name: "KubernetesAPITests", dependencies: ["KubernetesAPI"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KubernetesOperatorTests",
            dependencies: [
                "KubernetesOperator", "KubernetesAPI", "KubernetesClient", "ReconcilePlanning", "DesiredState",
                "StorageModel", "HTTPServer", "HTTPTypes", "TestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "KubernetesClientTests", dependencies: ["KubernetesClient", "KubernetesAPI", "HTTPServer", "HTTPTypes", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TestSupportTests", dependencies: ["TestSupport", "KubernetesAPI", "Curl", "HTTPTypes"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HeketiImportTests", dependencies: ["HeketiImport", "HeketiAPI", "StorageModel"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "RecoveryTests", dependencies: ["Recovery", "HeketiImport", "StorageModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ClientTests",
            dependencies: ["Client", "Commands", "Curl", "HTTPTypes", "HeketiAPI", "Authentication", "YAML"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CommandsTests",
            dependencies: [
                "Commands", "Curl", "HTTPTypes", "HeketiAPI", "Store", "StoreRecords", "StorageModel", "NodeTransport",
                "NodeCommands", "CommandExecutor", "Executor", "Planning", "Operations", "TestSupport",
            ],
            swiftSettings: swiftSettings),
    ]
)
