/// Prints one benchmark result as a single JSON object on one line.
struct JSONLine {
    private var fields: [(String, String)] = []

    init(scenario: String) {
        self.fields.append(("scenario", "\"\(scenario)\""))
    }

    mutating func add(_ key: String, _ value: Int) { self.fields.append((key, String(value))) }
    mutating func add(_ key: String, _ value: Double, digits: Int = 4) {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        self.fields.append((key, String((value * scale).rounded() / scale)))
    }
    mutating func add(_ key: String, _ value: String) { self.fields.append((key, "\"\(value)\"")) }

    func print() {
        Swift.print("{" + self.fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
    }
}
