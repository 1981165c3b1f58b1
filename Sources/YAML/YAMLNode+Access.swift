/// Typed reads of a node, resolved by the YAML 1.2 core schema; each is `nil` when the node is of another type.
extension YAMLNode {
    /// The scalar, if this is a scalar node.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self.kind {
            return scalar
        }
        return nil
    }

    /// The text of a scalar that resolves to a string (quoted, block-styled, or plain but not a number, bool or
    /// null).
    public var string: String? {
        guard let scalar = self.scalar, scalar.resolvedTag == YAMLScalar.stringTag else {
            return nil
        }
        return scalar.value
    }

    /// The value of a scalar that resolves to an integer that fits in `Int`.
    public var int: Int? {
        guard let scalar = self.scalar, scalar.resolvedTag == YAMLScalar.intTag else {
            return nil
        }
        return YAMLCoreSchema.integer(scalar.value).flatMap { Int(exactly: $0) }
    }

    /// The value of a scalar that resolves to a float or an integer.
    public var double: Double? {
        guard let scalar = self.scalar,
            scalar.resolvedTag == YAMLScalar.floatTag || scalar.resolvedTag == YAMLScalar.intTag
        else {
            return nil
        }
        return YAMLCoreSchema.double(scalar.value)
    }

    /// The value of a scalar that resolves to a boolean.
    public var bool: Bool? {
        guard let scalar = self.scalar, scalar.resolvedTag == YAMLScalar.boolTag else {
            return nil
        }
        return scalar.value.lowercased() == "true"
    }

    /// Whether this is a scalar that resolves to null.
    public var isNull: Bool {
        self.scalar?.resolvedTag == YAMLScalar.nullTag
    }

    /// The items, if this is a sequence node.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = self.kind {
            return items
        }
        return nil
    }

    /// The key-value pairs in source order, if this is a mapping node.
    public var pairs: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs) = self.kind {
            return pairs
        }
        return nil
    }

    /// The value for the scalar key with text `key` in a mapping node.
    public subscript(key: String) -> YAMLNode? {
        self.pairs?.first { $0.key.scalar?.value == key }?.value
    }

    /// The item at `index` in a sequence node.
    public subscript(index: Int) -> YAMLNode? {
        guard let items = self.items, items.indices.contains(index) else {
            return nil
        }
        return items[index]
    }
}
