/// The entry point of the `brickyard` executable.
public enum BrickyardCommand {
    public static func main() {}
}
