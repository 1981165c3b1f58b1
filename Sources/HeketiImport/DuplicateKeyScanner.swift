/// Finds a key that appears twice in one JSON object.
///
/// Foundation's decoders keep one of the two values without a word, so an export with an entry filed twice
/// under one id (a hand merge gone wrong) would import half of it silently. This scans the raw bytes once; it
/// assumes JSON the decoder has already accepted.
enum DuplicateKeyScanner {
    /// The first repeated key and the keys leading to its object (`["brickentries"]`), or nil.
    static func firstDuplicate(in bytes: [UInt8]) -> (path: [String], key: String)? {
        struct Frame {
            var isObject: Bool
            var name: String
            var keys: Set<String> = []
            var expectsKey = true
        }
        var stack: [Frame] = []
        var lastKey = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(Frame(isObject: byte == UInt8(ascii: "{"), name: lastKey))
                lastKey = ""
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                if !stack.isEmpty, stack[stack.count - 1].isObject { stack[stack.count - 1].expectsKey = true }
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard let top = stack.last, top.isObject, top.expectsKey else { break }
                let key = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
                if top.keys.contains(key) {
                    return (stack.map(\.name).filter { !$0.isEmpty }, key)
                }
                stack[stack.count - 1].keys.insert(key)
                stack[stack.count - 1].expectsKey = false
                lastKey = key
            default:
                break
            }
            index += 1
        }
        return nil
    }
}
