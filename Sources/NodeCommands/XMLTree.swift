import Foundation
import Synchronization

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element as plain values, read once from Foundation's event parser so the parsers walk Swift structs.
struct XMLTree: Sendable {
    var name: String
    var attributes: [String: String]
    /// The element's own text, not its children's.
    var text: String
    var children: [XMLTree]

    /// Parses a whole document; `tool` names the program for the error.
    ///
    /// Uses Foundation's event parser, one document at a time in the process (libxml2 under it is not safe to
    /// enter from parallel tasks), and never hands it empty input (which crashes Foundation's DOM parser).
    static func parse(_ data: Data, tool: String) throws(NodeOutputError) -> XMLTree {
        guard data.contains(where: { $0 == UInt8(ascii: "<") }) else {
            throw .malformed(tool: tool, reason: "not XML: \(String(decoding: data, as: UTF8.self).excerpt)")
        }
        let result: XMLTree? = Self.lock.withLock { _ in
            let builder = XMLTreeBuilder()
            let parser = XMLParser(data: data)
            parser.delegate = builder
            parser.shouldResolveExternalEntities = false
            return parser.parse() ? builder.root : nil
        }
        guard let result else {
            throw .malformed(tool: tool, reason: "not XML: \(String(decoding: data, as: UTF8.self).excerpt)")
        }
        return result
    }

    private static let lock = Mutex(())

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
        self.text = ""
        self.children = []
    }

    /// The first child element with this name.
    func child(_ name: String) -> XMLTree? {
        self.children.first { $0.name == name }
    }

    /// Every child element with this name, in document order.
    func children(_ name: String) -> [XMLTree] {
        self.children.filter { $0.name == name }
    }

    /// The trimmed text of the first child with this name.
    func value(_ name: String) -> String? {
        self.child(name).map { $0.text.trimmingSpacesAndNewlines() }
    }

    /// The child at a path of names (`volInfo`, `volumes`).
    func descendant(_ path: String...) -> XMLTree? {
        var node: XMLTree? = self
        for name in path {
            node = node?.child(name)
        }
        return node
    }
}

/// Collects parser events into an `XMLTree`.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLTree] = []
    private(set) var root: XMLTree?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        self.stack.append(XMLTree(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !self.stack.isEmpty else { return }
        self.stack[self.stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        guard let element = self.stack.popLast() else { return }
        if self.stack.isEmpty {
            self.root = element
        } else {
            self.stack[self.stack.count - 1].children.append(element)
        }
    }
}
