import CYAML

/// Writes node trees as YAML text with libyaml's emitter (`yaml_emitter_emit`), in block style.
///
/// Scalars are quoted exactly when their plain text would be read back as another type (including the YAML 1.1
/// booleans `yes`, `no`, `on`, `off`), so a string `"123"` stays a string; other quoting follows the node's style
/// where libyaml allows it. Marks and anchors are not written.
public enum YAMLEmitter {
    /// Returns the documents as one stream; every document after the first starts with `---`.
    public static func emit(_ documents: [YAMLNode]) throws(YAMLError) -> String {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else {
            throw YAMLError(problem: "cannot allocate an emitter", function: "yaml_emitter_initialize")
        }
        defer { yaml_emitter_delete(emitter) }
        let output = Output()
        try withExtendedLifetime(output) { () throws(YAMLError) in
            let context = Unmanaged.passUnretained(output).toOpaque()
            yaml_emitter_set_output(
                emitter,
                { context, buffer, size in
                    guard let context, let buffer else {
                        return 0
                    }
                    Unmanaged<Output>.fromOpaque(context).takeUnretainedValue().bytes
                        .append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                    return 1
                }, context)
            yaml_emitter_set_unicode(emitter, 1)
            yaml_emitter_set_indent(emitter, 2)
            yaml_emitter_set_width(emitter, -1)
            let writer = EventWriter(emitter: emitter)
            try writer.emit("yaml_stream_start_event_initialize") {
                yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING)
            }
            for document in documents {
                try writer.emit("yaml_document_start_event_initialize") {
                    yaml_document_start_event_initialize(&$0, nil, nil, nil, 1)
                }
                try writer.emit(document)
                try writer.emit("yaml_document_end_event_initialize") { yaml_document_end_event_initialize(&$0, 1) }
            }
            try writer.emit("yaml_stream_end_event_initialize") { yaml_stream_end_event_initialize(&$0) }
        }
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// The bytes libyaml writes, collected by the write handler.
    private final class Output {
        var bytes: [UInt8] = []
    }

    /// The gateway to the emitter: builds each event and hands it over, turning either failure into a `YAMLError`.
    private struct EventWriter {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>

        func emit(_ function: String, _ initialize: (inout yaml_event_t) -> Int32) throws(YAMLError) {
            var event = yaml_event_t()
            guard initialize(&event) == 1 else {
                throw YAMLError(problem: "invalid event", function: function)
            }
            // yaml_emitter_emit takes ownership of the event whether or not it succeeds.
            guard yaml_emitter_emit(self.emitter, &event) == 1 else {
                let problem = self.emitter.pointee.problem.map { String(cString: $0) } ?? "unknown error"
                throw YAMLError(problem: problem, function: "yaml_emitter_emit")
            }
        }

        func emit(_ node: YAMLNode) throws(YAMLError) {
            switch node.kind {
            case .scalar(let scalar):
                try self.emit(scalar)
            case .sequence(let items):
                try self.emit("yaml_sequence_start_event_initialize") {
                    yaml_sequence_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
                }
                for item in items {
                    try self.emit(item)
                }
                try self.emit("yaml_sequence_end_event_initialize") { yaml_sequence_end_event_initialize(&$0) }
            case .mapping(let pairs):
                try self.emit("yaml_mapping_start_event_initialize") {
                    yaml_mapping_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
                }
                for pair in pairs {
                    try self.emit(pair.key)
                    try self.emit(pair.value)
                }
                try self.emit("yaml_mapping_end_event_initialize") { yaml_mapping_end_event_initialize(&$0) }
            }
        }

        /// Writes a scalar untagged when its type is implied by its text and style, and tagged otherwise.
        private func emit(_ scalar: YAMLScalar) throws(YAMLError) {
            let resolved = scalar.resolvedTag
            let plainType = YAMLCoreSchema.resolve(scalar.value)
            let isYAML11Boolean = resolved == YAMLScalar.stringTag && YAMLCoreSchema.isYAML11Boolean(scalar.value)
            let readsBackAsPlain = plainType == resolved && !isYAML11Boolean
            let tag: String?
            let plainImplicit: Bool
            let quotedImplicit: Bool
            var style = YAML_ANY_SCALAR_STYLE
            if resolved == YAMLScalar.stringTag {
                // Untagged; libyaml quotes it when plain is not implicit, or when the text needs quoting anyway.
                (tag, plainImplicit, quotedImplicit) = (nil, readsBackAsPlain, true)
                style = Self.style(scalar.style)
            } else if readsBackAsPlain {
                (tag, plainImplicit, quotedImplicit) = (nil, true, false)
                style = YAML_PLAIN_SCALAR_STYLE
            } else {
                (tag, plainImplicit, quotedImplicit) = (resolved, false, false)
            }
            let value = Array(scalar.value.utf8)
            try self.emit("yaml_scalar_event_initialize") { event in
                value.withUnsafeBufferPointer { bytes in
                    Self.withOptionalCString(tag) { tag in
                        yaml_scalar_event_initialize(
                            &event, nil, tag, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(bytes.count),
                            plainImplicit ? 1 : 0, quotedImplicit ? 1 : 0, style)
                    }
                }
            }
        }

        private static func style(_ style: YAMLScalar.Style) -> yaml_scalar_style_t {
            switch style {
            case .plain: YAML_ANY_SCALAR_STYLE
            case .singleQuoted: YAML_SINGLE_QUOTED_SCALAR_STYLE
            case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
            case .literal: YAML_LITERAL_SCALAR_STYLE
            case .folded: YAML_FOLDED_SCALAR_STYLE
            }
        }

        private static func withOptionalCString<R>(
            _ text: String?, _ body: (UnsafePointer<yaml_char_t>?) -> R
        ) -> R {
            guard let text else {
                return body(nil)
            }
            return text.withCString { pointer in
                pointer.withMemoryRebound(to: yaml_char_t.self, capacity: text.utf8.count + 1) { body($0) }
            }
        }
    }
}
