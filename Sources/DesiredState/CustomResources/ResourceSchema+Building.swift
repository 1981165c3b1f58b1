/// Short builders for the resource descriptions, so each field reads as one line: its type, its description, then
/// its rules.
extension ResourceSchema {
    public static func string(_ description: String) -> Self { Self(.string, description) }
    public static func integer(_ description: String) -> Self { Self(.integer, description) }
    public static func number(_ description: String) -> Self { Self(.number, description) }
    public static func boolean(_ description: String) -> Self { Self(.boolean, description) }
    public static func quantity(_ description: String) -> Self {
        var schema = Self(.quantity, description)
        schema.pattern = Quantity.pattern
        return schema
    }
    public static func object(
        _ description: String, required: [String] = [], _ properties: [Property]
    ) -> Self {
        Self(.object(properties, required: required), description)
    }
    public static func map(_ description: String, of values: ResourceSchema) -> Self { Self(.map(values), description) }
    public static func array(_ description: String, of items: ResourceSchema) -> Self {
        Self(.array(items), description)
    }

    public func oneOf(_ values: [String]) -> Self { self.with { $0.enumValues = values } }
    public func bounded(minimum: Double? = nil, maximum: Double? = nil) -> Self {
        self.with {
            $0.minimum = minimum
            $0.maximum = maximum
        }
    }
    public func limited(minLength: Int? = nil, maxLength: Int) -> Self {
        self.with {
            $0.minLength = minLength
            $0.maxLength = maxLength
        }
    }
    public func limited(count: Int) -> Self { self.with { $0.maxCount = count } }
    public func matching(_ pattern: String) -> Self { self.with { $0.pattern = pattern } }
    public func formatted(_ format: String) -> Self { self.with { $0.format = format } }
    public func defaulted(_ value: DefaultValue) -> Self { self.with { $0.defaultValue = value } }
    public func validated(_ rules: ValidationRule...) -> Self { self.with { $0.rules += rules } }
    public func uniqueBy(_ keys: String...) -> Self { self.with { $0.listMapKeys = keys } }

    private func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}

extension ResourceSchema.Property {
    /// `name: schema`, as the descriptions list them.
    public static func field(_ name: String, _ schema: ResourceSchema) -> Self { Self(name, schema) }
}
