/// Columns aligned with two spaces between them, for listings people read at a glance; the last column is not padded
/// so lines carry no trailing blanks.
struct TextTable: Sendable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) {
        self.header = header
    }

    mutating func add(_ row: [String]) {
        self.rows.append(row)
    }

    /// The header and rows, each prefixed with `indent`.
    func lines(indent: String = "") -> [String] {
        let all = [self.header] + self.rows
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(widths[index])
            }
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// `Key:  value` lines with the values aligned, for one object's details.
enum FieldList {
    static func lines(_ fields: [(String, String)], indent: String = "") -> [String] {
        let width = (fields.map(\.0.count).max() ?? 0) + 1
        return fields.map { indent + ($0.0 + ":").padding(width) + " " + $0.1 }
    }
}
