import DesiredState
import Foundation
import Testing
import YAML

/// The committed CRDs are what the descriptions render, and they are structurally valid for the apiserver.
@Suite struct CustomResourceDefinitionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: ["Manifests/crds", "Charts/brickyard/crds"])
    func committedManifestsAreTheGeneratedOnes(directory: String) throws {
        for file in try CustomResourceRenderer.files() {
            let path = Self.root.appendingPathComponent(directory).appendingPathComponent(file.name)
            let committed = try? String(contentsOf: path, encoding: .utf8)
            #expect(
                committed == file.text,
                "\(directory)/\(file.name) differs from the descriptions: run `swift run brickyard crds --output Manifests/crds` and `swift run brickyard crds --output Charts/brickyard/crds`")
        }
    }

    @Test func renderingIsReproducible() throws {
        #expect(try CustomResourceRenderer.stream() == CustomResourceRenderer.stream())
        let parsed = try YAMLParser.parseDocuments(try CustomResourceRenderer.stream())
        #expect(parsed.map { $0["metadata"]?["name"]?.string } == BrickyardResources.all.map(\.crdName))
    }

    @Test func quantityRulesOnlyForApiserversThatCompileThem() throws {
        #expect(!(try CustomResourceRenderer.stream()).contains("quantity("))
        #expect(try CustomResourceRenderer.stream(kubernetesMinor: ValidationRule.quantityLibraryMinor).contains("size may only grow"))
    }

    @Test func namesAreKubernetesOnesAndClashWithNoBuiltIn() {
        #expect(BrickyardResources.all.map(\.plural) == ["glusterclusters", "glusternodes", "glustervolumes"])
        #expect(BrickyardResources.all.map(\.singular) == ["glustercluster", "glusternode", "glustervolume"])
        #expect(BrickyardResources.all.map(\.listKind) == ["GlusterClusterList", "GlusterNodeList", "GlusterVolumeList"])
        // `kubectl api-resources` of Kubernetes 1.30 (core, apps, batch, autoscaling, networking, policy, rbac,
        // storage, certificates, scheduling, discovery, apiextensions).
        let builtIn: Set<String> = [
            "cs", "cm", "ep", "ev", "limits", "ns", "no", "pvc", "pv", "po", "podtemplates", "rc", "quota", "sa", "svc",
            "crd", "crds", "ds", "deploy", "rs", "sts", "hpa", "cj", "csr", "ing", "netpol", "pdb", "psp", "pc", "sc",
            "ingressclass", "ipaddresses", "vac", "ep", "eps", "lease", "priorityclass",
        ]
        for kind in BrickyardResources.all {
            for name in kind.shortNames { #expect(!builtIn.contains(name), "\(kind.kind) short name \(name)") }
        }
        #expect(Set(BrickyardResources.all.flatMap(\.shortNames)) == ["gcl", "gn", "gv"])
    }

    @Test(arguments: BrickyardResources.all)
    func schemasAreStructural(kind: CustomResourceKind) {
        Self.walk(kind.schema, path: kind.kind) { schema, path in
            switch schema.shape {
            case .quantity:
                #expect(schema.enumValues.isEmpty && schema.minimum == nil, "\(path): an int-or-string has no type-bound keywords")
            case .object(let properties, let required):
                let names = Set(properties.map(\.name))
                #expect(names.count == properties.count, "\(path): a property given twice")
                for name in required { #expect(names.contains(name), "\(path): required \(name) is no property") }
            case .array(let items):
                for key in schema.listMapKeys {
                    #expect(items.properties.contains { $0.name == key }, "\(path): list map key \(key)")
                    #expect(items.shape.isObject && (items[property: key].map { _ in true } ?? false))
                }
            default:
                break
            }
            #expect(!schema.description.isEmpty, "\(path) has no description")
            if let value = schema.defaultValue { Self.checkDefault(value, of: schema, at: path) }
        }
    }

    @Test(arguments: BrickyardResources.all)
    func renderedSchemasHaveTypesWhereTheApiserverNeedsThem(kind: CustomResourceKind) throws {
        let crd = CustomResourceRenderer.definition(kind, kubernetesMinor: 99)
        let schema = try #require(crd["spec"]?["versions"]?[0]?["schema"]?["openAPIV3Schema"])
        func visit(_ node: YAMLNode, _ path: String) {
            if node["x-kubernetes-int-or-string"] != nil {
                #expect(node["type"] == nil, "\(path): int-or-string with a type")
            } else {
                #expect(node["type"]?.string != nil, "\(path): no type")
            }
            if node["properties"] != nil || node["additionalProperties"] != nil {
                #expect(node["type"]?.string == "object", "\(path)")
            }
            for (key, value) in node["properties"]?.pairs ?? [] { visit(value, "\(path).\(key.string ?? "")") }
            if let items = node["items"] { visit(items, "\(path)[]") }
            if let values = node["additionalProperties"] { visit(values, "\(path){}") }
        }
        visit(schema, kind.kind)
    }

    @Test(arguments: BrickyardResources.all)
    func printerColumnsPointAtFieldsTheSchemaHas(kind: CustomResourceKind) {
        for column in kind.printerColumns {
            // `.status.conditions[?(@.type=="Ready")].status` walks into the list's items.
            var path = column.jsonPath
            while let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]") {
                path.replaceSubrange(open...close, with: "")
            }
            var schema: ResourceSchema? = kind.schema
            for part in path.split(separator: ".") {
                if case .array(let items)? = schema?.shape { schema = items }
                if part == "metadata" { schema = nil; break }
                schema = schema?[property: String(part)]
                #expect(schema != nil, "\(kind.kind) column \(column.name): \(column.jsonPath) has no \(part)")
            }
            #expect(["string", "integer", "number", "boolean", "date"].contains(column.type))
        }
    }

    @Test func volumePhasesAreTheStatusVocabulary() {
        #expect(GlusterVolumeResource.kind.status[property: "phase"]?.enumValues == GlusterVolumeResource.phases)
    }

    static func checkDefault(_ value: ResourceSchema.DefaultValue, of schema: ResourceSchema, at path: String) {
        switch (value, schema.shape) {
        case (.string(let text), .string):
            #expect(schema.enumValues.isEmpty || schema.enumValues.contains(text), "\(path): default \(text)")
        case (.integer(let number), .integer):
            #expect(schema.minimum.map { Double(number) >= $0 } ?? true, "\(path): default below minimum")
            #expect(schema.maximum.map { Double(number) <= $0 } ?? true, "\(path): default above maximum")
        case (.boolean, .boolean), (.emptyObject, .object):
            break
        default:
            Issue.record("\(path): default of another type")
        }
    }

    static func walk(_ schema: ResourceSchema, path: String, _ body: (ResourceSchema, String) -> Void) {
        body(schema, path)
        switch schema.shape {
        case .object(let properties, _):
            for property in properties { Self.walk(property.schema, path: "\(path).\(property.name)", body) }
        case .map(let values): Self.walk(values, path: "\(path){}", body)
        case .array(let items): Self.walk(items, path: "\(path)[]", body)
        default: break
        }
    }
}

extension ResourceSchema.Shape {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
