public import StorageModel

/// Kubernetes quantities for byte counts (`10Gi`, `1.5Ti`, `500M`, or a bare integer of bytes), the subset that
/// makes sense for storage: no sign, no exponent, no milli/micro/nano suffixes.
///
/// `pattern` is what the CRD's schema gives the apiserver; `bytes(in:)` reads exactly that grammar, so a size one
/// side accepts the other does too.
public enum Quantity {
    /// The CRD's `pattern` for quantity fields (applies to the string form; an integer is bytes).
    public static let pattern = "^(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[kMGTPE])?$"

    /// The suffixes and their multipliers: binary (`Ki` … `Ei`) and decimal (`k` … `E`).
    static let multipliers: [(suffix: String, factor: Int64)] = [
        ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40), ("Pi", 1 << 50), ("Ei", 1 << 60),
        ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
        ("P", 1_000_000_000_000_000), ("E", 1_000_000_000_000_000_000),
    ]

    /// The byte count a quantity string stands for, rounded up to a whole byte; nil when the text is not a
    /// quantity or does not fit in 63 bits.
    public static func bytes(in text: String) -> Int64? {
        var number = Substring(text)
        var factor: Int64 = 1
        if let match = Self.multipliers.first(where: { text.hasSuffix($0.suffix) }) {
            number = number.dropLast(match.suffix.count)
            factor = match.factor
        }
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        // Trailing zeros of the fraction change nothing; more than 18 significant places cannot be exact anyway.
        let digits = String(fraction.reversed().drop { $0 == "0" }.reversed())
        guard digits.count <= 18, let wholeValue = Int64(whole.isEmpty ? "0" : String(whole)) else { return nil }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        guard !digits.isEmpty, let fractionValue = Int64(digits) else { return scaled }
        let divisor = (0..<digits.count).reduce(Int64(1)) { product, _ in product * 10 }
        // fraction × factor / 10^places, rounded up, without overflowing: split the factor by the divisor.
        let (quotient, remainder) = factor.quotientAndRemainder(dividingBy: divisor)
        let (high, highOverflow) = fractionValue.multipliedReportingOverflow(by: quotient)
        let (low, lowOverflow) = fractionValue.multipliedReportingOverflow(by: remainder)
        guard !highOverflow, !lowOverflow else { return nil }
        let part = high + (low + divisor - 1) / divisor
        let (total, totalOverflow) = scaled.addingReportingOverflow(part)
        return totalOverflow ? nil : total
    }

    /// The largest size read (1 EiB): far above any cluster, and small enough that no sum of sizes overflows.
    public static let maximumBytes: Int64 = 1 << 60

    /// A size as Kubernetes provisioners allocate it: rounded up to whole GiB (`1500Mi` is 2 GiB).
    public static func roundedUpToGibibytes(bytes: Int64) -> ByteCount {
        .gibibytes(bytes / ByteCount.gibibyte + (bytes % ByteCount.gibibyte == 0 ? 0 : 1))
    }
}
