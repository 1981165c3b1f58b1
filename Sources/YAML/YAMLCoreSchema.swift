/// The YAML 1.2 core schema's rules for plain scalars (spec §10.3.2), written out rather than as regular
/// expressions because they are few and on the hot path of every parse.
enum YAMLCoreSchema {
    /// The tag a plain scalar with `text` resolves to.
    static func resolve(_ text: String) -> String {
        switch text {
        case "", "~", "null", "Null", "NULL": YAMLScalar.nullTag
        case "true", "True", "TRUE", "false", "False", "FALSE": YAMLScalar.boolTag
        case _ where self.isInteger(text): YAMLScalar.intTag
        case _ where self.isFloat(text): YAMLScalar.floatTag
        default: YAMLScalar.stringTag
        }
    }

    /// Strings that YAML 1.1 readers (still common in the Kubernetes world) take as booleans, so the emitter
    /// quotes them even though the core schema reads them as strings.
    static func isYAML11Boolean(_ text: String) -> Bool {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF": true
        default: false
        }
    }

    /// The value of core-schema integer text (`[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`) if it fits in 64 bits.
    static func integer(_ text: String) -> Int64? {
        guard self.isInteger(text) else {
            return nil
        }
        if text.hasPrefix("0x") {
            return Int64(text.dropFirst(2), radix: 16)
        }
        if text.hasPrefix("0o") {
            return Int64(text.dropFirst(2), radix: 8)
        }
        return Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text, radix: 10)
    }

    /// Whether `text` matches one of the core schema's integer forms, whatever its magnitude.
    private static func isInteger(_ text: String) -> Bool {
        if text.hasPrefix("0x") {
            let digits = text.utf8.dropFirst(2)
            return !digits.isEmpty
                && digits.allSatisfy { self.isDigit($0) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }
        }
        if text.hasPrefix("0o") {
            let digits = text.utf8.dropFirst(2)
            return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
        }
        return self.isDecimalInteger(text)
    }

    /// The value of core-schema float text, including `.inf` and `.nan`; integers read as floats too.
    static func double(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        if let integer = self.integer(text) {
            return Double(integer)
        }
        guard self.isFloat(text) || self.isInteger(text) else {
            return nil
        }
        return Double(text)
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        let digits =
            text.utf8.first == UInt8(ascii: "-") || text.utf8.first == UInt8(ascii: "+")
            ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy(self.isDigit)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` or an infinity or NaN spelling.
    private static func isFloat(_ text: String) -> Bool {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        let whole = bytes.prefix(while: self.isDigit)
        bytes = bytes.dropFirst(whole.count)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix(while: self.isDigit).count
            bytes = bytes.dropFirst(fractionDigits)
        }
        guard !whole.isEmpty || fractionDigits > 0 else {
            return false
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            let exponent = bytes.prefix(while: self.isDigit)
            guard !exponent.isEmpty else {
                return false
            }
            bytes = bytes.dropFirst(exponent.count)
        }
        return bytes.isEmpty
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
