import YAML

extension DocumentReader {
    /// Checks `node` against a resource's schema as the apiserver would before Brickyard maps it to the model:
    /// unknown keys, types, enums, bounds and required fields, each an error at its line and column naming the field's
    /// path (`spec.durability.type`). A null value counts as absent. Patterns and CEL rules are the model's
    /// validations, which the mapping runs.
    func check(_ node: YAMLNode, against schema: ResourceSchema, at path: String) throws(DesiredStateError) {
        switch schema.shape {
        case .string:
            guard let text = node.string else { throw self.error(node, "\(path) must be a string") }
            if !schema.enumValues.isEmpty, !schema.enumValues.contains(text) {
                throw self.error(node, "\(path) must be one of \(schema.enumValues.joined(separator: ", ")) (not \"\(text)\")")
            }
            if let minimum = schema.minLength, text.count < minimum {
                throw self.error(node, "\(path) must have at least \(minimum) character\(minimum == 1 ? "" : "s")")
            }
            if let maximum = schema.maxLength, text.count > maximum {
                throw self.error(node, "\(path) must have at most \(maximum) characters")
            }
        case .integer:
            guard let value = node.int else { throw self.error(node, "\(path) must be an integer") }
            try self.checkBounds(Double(value), schema, node, path)
        case .number:
            guard let value = node.double else { throw self.error(node, "\(path) must be a number") }
            try self.checkBounds(value, schema, node, path)
        case .boolean:
            guard node.bool != nil else { throw self.error(node, "\(path) must be true or false") }
        case .quantity:
            _ = try self.quantity(node, path)
        case .object(let properties, let required):
            let fields = try self.mapping(node, path, allowed: Set(properties.map(\.name)))
            for name in required where fields[name].map({ $0.node.isNull }) ?? true {
                throw self.error(node, "\(path): \"\(name)\" is required")
            }
            for property in properties {
                guard let field = fields[property.name], !field.node.isNull else { continue }
                try self.check(field.node, against: property.schema, at: "\(path).\(property.name)")
            }
        case .map(let values):
            guard let pairs = node.pairs else { throw self.error(node, "\(path) must be a mapping") }
            if let maximum = schema.maxCount, pairs.count > maximum {
                throw self.error(node, "\(path) has \(pairs.count) entries; at most \(maximum) are allowed")
            }
            var seen: Set<String> = []
            for (key, value) in pairs {
                guard let name = key.string else { throw self.error(key, "\(path): keys must be strings") }
                guard seen.insert(name).inserted else { throw self.error(key, "\(path): \"\(name)\" is given twice") }
                try self.check(value, against: values, at: "\(path).\(name)")
            }
        case .array(let items):
            let list = try self.sequence(node, path)
            if let maximum = schema.maxCount, list.count > maximum {
                throw self.error(node, "\(path) has \(list.count) items; at most \(maximum) are allowed")
            }
            for (index, item) in list.enumerated() { try self.check(item, against: items, at: "\(path)[\(index)]") }
        case .opaqueObject:
            guard node.pairs != nil else { throw self.error(node, "\(path) must be a mapping") }
        }
    }

    /// The bytes a quantity field holds: an integer of bytes or a quantity string (`1500Mi`), at most 1 EiB.
    func quantity(_ node: YAMLNode, _ path: String) throws(DesiredStateError) -> Int64 {
        let bytes: Int64?
        if let value = node.int {
            bytes = value >= 0 ? Int64(value) : nil
        } else if let text = node.string {
            bytes = Quantity.bytes(in: text)
        } else {
            bytes = nil
        }
        guard let bytes else {
            throw self.error(node, "\(path) must be a quantity such as 10Gi or 1.5Ti, or an integer of bytes")
        }
        guard bytes <= Quantity.maximumBytes else { throw self.error(node, "\(path) is larger than 1Ei") }
        return bytes
    }

    private func checkBounds(_ value: Double, _ schema: ResourceSchema, _ node: YAMLNode, _ path: String)
        throws(DesiredStateError)
    {
        if let minimum = schema.minimum, value < minimum {
            throw self.error(node, "\(path) must be at least \(CustomResourceRenderer.number(minimum))")
        }
        if let maximum = schema.maximum, value > maximum {
            throw self.error(node, "\(path) must be at most \(CustomResourceRenderer.number(maximum))")
        }
    }
}
