internal import StorageModel

/// One way of cutting a volume into sets: how many sets, and how big their bricks are.
///
/// Heketi's rule: 1, 2, 4, ... sets until a brick is at most the maximum brick size; when space is
/// fragmented, keep doubling until the minimum brick size or the maximum brick count stops it. Brickyard
/// adds one last candidate, the largest set count the brick limit allows, when that is not a power of two
/// (e.g. 10 sets of replica 3 within 32 bricks) — smaller bricks fit where the doubled ones could not.
struct BrickSplit: Hashable {
    var sets: Int
    var brickSize: ByteCount
    var arbiterSize: ByteCount

    static func candidates(for request: PlacementRequest, policy: AllocationPolicy) throws(AllocationError) -> [BrickSplit] {
        let setSize = request.durability.setSize
        let fragments = Int64(request.durability.dataFragments)
        let averageFile = max(request.averageFileSize ?? policy.averageFileSize, .kibibytes(1))
        func split(_ sets: Int) -> BrickSplit {
            let perBrick = (request.size.bytes + fragments * Int64(sets) - 1) / (fragments * Int64(sets))
            let brick = ByteCount(bytes: perBrick).roundedUp(toMultipleOf: BrickSpace.extent)
            // One KiB of arbiter space per expected file on the data brick.
            let files = brick.bytes / averageFile.bytes
            let arbiter = max(ByteCount.kibibytes(files), policy.minimumArbiterBrickSize)
            return BrickSplit(sets: sets, brickSize: brick, arbiterSize: arbiter.roundedUp(toMultipleOf: BrickSpace.extent))
        }
        let maximumSets = max(policy.maximumBricksPerVolume / setSize, 1)
        var sets = 1
        while split(sets).brickSize > policy.maximumBrickSize {
            sets *= 2
            if sets * setSize > policy.maximumBricksPerVolume {
                throw .tooManyBricks(needed: sets * setSize, maximum: policy.maximumBricksPerVolume)
            }
        }
        let first = split(sets)
        if first.brickSize < policy.minimumBrickSize {
            throw .brickTooSmall(size: first.brickSize, minimum: policy.minimumBrickSize)
        }
        var result = [first]
        while true {
            sets *= 2
            let next = split(sets)
            if sets > maximumSets || next.brickSize < policy.minimumBrickSize { break }
            result.append(next)
        }
        let last = split(maximumSets)
        if maximumSets > result[result.count - 1].sets && last.brickSize >= policy.minimumBrickSize {
            result.append(last)
        }
        return result
    }
}
