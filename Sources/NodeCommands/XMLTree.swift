import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element as plain values, read once from Foundation's DOM so the parsers walk Swift structs.
struct XMLTree: Sendable {
    var name: String
    var attributes: [String: String]
    /// The element's own text, not its children's.
    var text: String
    var children: [XMLTree]

    /// Parses a whole document; `tool` names the program for the error.
    static func parse(_ data: Data, tool: String) throws(NodeOutputError) -> XMLTree {
        let document: XMLDocument
        do {
            document = try XMLDocument(data: data, options: [])
        } catch {
            let text = String(decoding: data, as: UTF8.self)
            throw .malformed(tool: tool, reason: "not XML: \(text.excerpt)")
        }
        guard let root = document.rootElement() else {
            throw .malformed(tool: tool, reason: "an XML document without a root element")
        }
        return XMLTree(root)
    }

    init(_ element: XMLElement) {
        self.name = element.name ?? ""
        var attributes: [String: String] = [:]
        for attribute in element.attributes ?? [] {
            if let name = attribute.name {
                attributes[name] = attribute.stringValue ?? ""
            }
        }
        self.attributes = attributes
        var text = ""
        var children: [XMLTree] = []
        for node in element.children ?? [] {
            if let child = node as? XMLElement {
                children.append(XMLTree(child))
            } else if node.kind == .text {
                text += node.stringValue ?? ""
            }
        }
        self.text = text
        self.children = children
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
