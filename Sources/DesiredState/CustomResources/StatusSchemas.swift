/// Status fields every kind shares: the standard `metav1.Condition` list and `observedGeneration`.
enum StatusSchemas {
    /// The condition types Brickyard reports (the vocabulary of `brickyard status`).
    static let conditionTypes = ["Ready", "Progressing", "Degraded"]

    static let conditions: ResourceSchema = .array(
        "The latest observations of the object's state (Ready, Progressing, Degraded).",
        of: .object(
            "One condition, in the shape of metav1.Condition.",
            required: ["type", "status", "reason", "message", "lastTransitionTime"],
            [
                .field("type", .string("The condition's type: Ready, Progressing or Degraded.").limited(maxLength: 316)),
                .field("status", .string("True, False or Unknown.").oneOf(["True", "False", "Unknown"])),
                .field(
                    "reason",
                    .string("A CamelCase reason for the last transition.").limited(maxLength: 1024)
                        .matching("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")),
                .field("message", .string("A human-readable message about the transition.").limited(maxLength: 32768)),
                .field(
                    "lastTransitionTime",
                    .string("When the condition last changed status.").formatted("date-time")),
                .field(
                    "observedGeneration",
                    .integer("The metadata.generation the condition was set for.").formatted("int64")
                        .bounded(minimum: 0)),
            ])
    ).uniqueBy("type")

    static let observedGeneration: ResourceSchema = .integer(
        "The metadata.generation the status describes.").formatted("int64").bounded(minimum: 0)

    /// The printer column that shows the Ready condition's status.
    static let readyColumn = CustomResourceKind.PrinterColumn(
        "Ready", type: "string", jsonPath: ".status.conditions[?(@.type==\"Ready\")].status",
        description: "Whether the object is as its spec asks.")
    static let ageColumn = CustomResourceKind.PrinterColumn(
        "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "When the object was created.")
}
