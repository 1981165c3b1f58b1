import Foundation

/// The recorded Heketi export, as bytes or as a JSON object to break in one place.
enum ExportFixture {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // HeketiImportTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/heketi/db-export-small.json")

    static func data() throws -> Data {
        try Data(contentsOf: Self.url)
    }

    /// The export with the value at `path` replaced (or removed, for nil).
    static func editing(_ path: [String], to value: Any?) throws -> Data {
        let object = try JSONSerialization.jsonObject(with: Self.data())
        let edited = Self.set(object, path[...], to: value)
        return try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys])
    }

    private static func set(_ object: Any, _ path: ArraySlice<String>, to value: Any?) -> Any {
        guard let key = path.first else { return value as Any }
        var dictionary = object as? [String: Any] ?? [:]
        if path.count == 1 {
            dictionary[key] = value
        } else {
            dictionary[key] = Self.set(dictionary[key] ?? [String: Any](), path.dropFirst(), to: value)
        }
        return dictionary
    }
}
