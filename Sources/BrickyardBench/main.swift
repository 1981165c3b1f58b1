// brickyard-bench: performance scenarios, one JSON line each.
//
//   swift run -c release brickyard-bench allocator [--quick] [--packing-thresholds DEVICE NODE]
//   swift run -c release brickyard-bench api [--quick] [--server PATH] [--volumes N] [--creates N]
//   swift run -c release brickyard-bench reconcile [--quick]
//   swift run -c release brickyard-bench informer [--quick]
import Allocation
import Foundation

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
case "reconcile":
    ReconcileBenchmark(quick: arguments.contains("--quick")).run()
case "informer":
    do {
        try await InformerBenchmark(quick: arguments.contains("--quick")).run()
    } catch {
        FileHandle.standardError.write(Data("brickyard-bench informer: \(error)\n".utf8))
        exit(1)
    }
case "api":
    do {
        try await APIBenchmark(arguments: Array(arguments.dropFirst())).run()
    } catch {
        FileHandle.standardError.write(Data("brickyard-bench api: \(error)\n".utf8))
        if case APIBenchmarkError.usage = error { exit(2) }
        exit(1)
    }
default:
    print("usage: brickyard-bench allocator [--quick] [--packing-thresholds DEVICE NODE]")
    print("       " + APIBenchmark.usage.dropFirst("usage: ".count))
    print("       brickyard-bench reconcile [--quick]")
    print("       brickyard-bench informer [--quick]")
}
