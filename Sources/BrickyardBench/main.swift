// brickyard-bench: performance scenarios, one JSON line each.
//
//   swift run -c release brickyard-bench allocator [--quick] [--packing-thresholds DEVICE NODE]
import Allocation

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "allocator":
    var benchmark = AllocatorBenchmark(quick: arguments.contains("--quick"))
    if let index = arguments.firstIndex(of: "--packing-thresholds"), index + 2 < arguments.count,
        let device = Double(arguments[index + 1]), let node = Double(arguments[index + 2])
    {
        benchmark.policy.devicePackingThreshold = device
        benchmark.policy.nodePackingThreshold = node
    }
    benchmark.run()
default:
    print("usage: brickyard-bench allocator [--quick] [--packing-thresholds DEVICE NODE]")
}
