import Foundation
import NodeCommands
import Testing

@Suite struct NodeScriptTests {
    @Test func rendersEachKindOfStep() {
        let script = NodeScript([
            .run(NodeCommand(["mkdir", "-p", "/a b"])),
            .tolerate(NodeCommand(["umount", "/a b"])),
            .when(.succeeds(NodeCommand(["mountpoint", "-q", "/m"])), NodeCommand(["umount", "/m"])),
            .when(.isDirectory("/d"), NodeCommand(["rmdir", "/d"])),
            .when(.not(.exists("/e")), NodeCommand(["touch", "/e"])),
            .when(.outputEquals(NodeCommand(["lvs", "vg/tp"]), "0"), NodeCommand(["lvremove", "vg/tp"])),
            .run(NodeCommand(["mountpoint", "-q", "/m"], toleratedExitCodes: [32, 1])),
            .appendLine("dev /m xfs rw 1 2", file: "/etc/fstab"),
            .removeLine("dev /m xfs rw 1 2", file: "/etc/fstab"),
            .removeMountEntry(mountPoint: "/m", file: "/etc/fstab"),
        ])
        #expect(
            script.text == """
                set -e
                mkdir -p '/a b'
                umount '/a b' || true
                if mountpoint -q /m >/dev/null 2>&1; then umount /m; fi
                if [ -d /d ]; then rmdir /d; fi
                if ! [ -e /e ]; then touch /e; fi
                if [ "$(lvs vg/tp 2>/dev/null | tr -d ' \\t')" = 0 ]; then lvremove vg/tp; fi
                mountpoint -q /m || { rc=$?; case $rc in 1|32) ;; *) exit $rc ;; esac; }
                { flock 9; printf '%s\\n' 'dev /m xfs rw 1 2' >> /etc/fstab; } 9>>/etc/fstab
                if [ -e /etc/fstab ]; then ( flock 9; tmp=$(mktemp /etc/fstab.brickyard.XXXXXX); { grep -v -x -F -e 'dev /m xfs rw 1 2' -- /etc/fstab || [ $? -eq 1 ]; } > "$tmp" || { rm -f "$tmp"; exit 1; }; cat "$tmp" > /etc/fstab; rm -f "$tmp" ) 9>>/etc/fstab; fi
                if [ -e /etc/fstab ]; then ( flock 9; tmp=$(mktemp /etc/fstab.brickyard.XXXXXX); MP=/m awk '$1 ~ /^#/ || $2 != ENVIRON["MP"]' /etc/fstab > "$tmp" || { rm -f "$tmp"; exit 1; }; cat "$tmp" > /etc/fstab; rm -f "$tmp" ) 9>>/etc/fstab; fi

                """)
        #expect(script.command.argv == ["sh", "-c", script.text])
    }

    @Test func stopsAtTheFirstFailure() throws {
        let script = NodeScript([
            .run(NodeCommand(["printf", "one "])),
            .run(NodeCommand(["false"])),
            .run(NodeCommand(["printf", "two"])),
        ])
        let result = try Shell.run(script.text)
        #expect(result.status != 0)
        #expect(result.output == "one ")
    }

    @Test func toleratedStepsAndCodesGoOn() throws {
        let script = NodeScript([
            .tolerate(NodeCommand(["false"])),
            .run(NodeCommand(["sh", "-c", "exit 3"], toleratedExitCodes: [3])),
            .when(.succeeds(NodeCommand(["false"])), NodeCommand(["printf", "never"])),
            .when(.not(.succeeds(NodeCommand(["false"]))), NodeCommand(["printf", "ok"])),
        ])
        let result = try Shell.run(script.text)
        #expect(result.status == 0)
        #expect(result.output == "ok")
    }

    @Test func anUntoleratedCodeEndsTheScriptWithIt() throws {
        let script = NodeScript([
            .run(NodeCommand(["sh", "-c", "exit 4"], toleratedExitCodes: [3])),
            .run(NodeCommand(["printf", "never"])),
        ])
        let result = try Shell.run(script.text)
        #expect(result.status == 4)
        #expect(result.output == "")
    }

    @Test func outputConditionComparesWithoutBlanks() throws {
        let script = NodeScript([
            .when(.outputEquals(NodeCommand(["printf", "  0\n"]), "0"), NodeCommand(["printf", "zero"])),
            .when(.outputEquals(NodeCommand(["false"]), "0"), NodeCommand(["printf", "never"])),
        ])
        #expect(try Shell.run(script.text).output == "zero")
    }

    /// Lines with every character the shell, grep or sed could read specially.
    static let awkwardLines = [
        "/dev/mapper/vg_a-brick_b /var/lib/heketi/mounts/vg_a/brick_b xfs rw,inode64,noatime,nouuid 1 2",
        "with 'single' and \"double\" quotes", "$HOME `id` $(id)", "back\\slash \\n", "regex .* [a-z]+ ^$ /x/",
        "-starts-with-dash", "ünïcödé 🧱", "  leading and trailing  ",
    ]

    @Test(arguments: Self.awkwardLines)
    func appendsAndRemovesExactlyThatLine(line: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let file = directory.path + "/fs tab"
        let others = ["# keep me", "UUID=1 / ext4 defaults 0 1", line + " longer", " " + line]
        try (others.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let append = NodeScript([.appendLine(line, file: file)])
        #expect(try Shell.run(append.text).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (others + [line]).joined(separator: "\n") + "\n")

        let remove = NodeScript([.removeLine(line, file: file)])
        #expect(try Shell.run(remove.text).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == others.joined(separator: "\n") + "\n")

        // Removing again, or from a file that does not exist, is not an error.
        #expect(try Shell.run(remove.text).status == 0)
        #expect(try Shell.run(NodeScript([.removeLine(line, file: file + ".missing")]).text).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".brickyard.") }.isEmpty)
    }

    /// Heketi's and Brickyard's lines for a mount point go, whatever their device or options; others stay.
    @Test func aMountEntryIsRemovedByItsMountPoint() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let file = directory.path + "/fstab"
        let kept = ["UUID=1 / ext4 defaults 0 1", "/dev/x /m2 xfs rw 1 2", "# /m in a comment"]
        try (kept + ["/dev/mapper/vg-b /m xfs rw,inode64 1 2", "/dev/other  /m  xfs defaults 0 0"])
            .joined(separator: "\n").appending("\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Shell.run(NodeScript([.removeMountEntry(mountPoint: "/m", file: file)]).text).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == kept.joined(separator: "\n") + "\n")
        #expect(try Shell.run(NodeScript([.removeMountEntry(mountPoint: "/m", file: file + ".missing")]).text).status == 0)
    }

    /// Appends and removals racing on one file never lose a line or another's edit.
    @Test func concurrentEditsKeepEveryLine() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let file = directory.path + "/fstab"
        try "base / ext4 defaults 0 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let appends = (0..<20).map { NodeScript([.appendLine("dev\($0) /m\($0) xfs rw 1 2", file: file)]).text }
        let removals = (0..<20).map { NodeScript([.removeMountEntry(mountPoint: "/gone\($0)", file: file)]).text }
        // xargs runs them sixteen at a time (a shell's own `&` and `wait` can hang under the test runner's
        // inherited signal mask).
        let words = zip(appends, removals).flatMap { [$0, $1] }.map(ShellQuote.quote).joined(separator: " ")
        let script = "printf '%s\\0' \(words) | xargs -0 -P 16 -n 1 sh -c"
        #expect(try Shell.run(script).status == 0)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 21)
        #expect(Set(lines) == Set(["base / ext4 defaults 0 1"] + (0..<20).map { "dev\($0) /m\($0) xfs rw 1 2" }))
    }

    @Test func removingTheOnlyLineLeavesAnEmptyFile() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let file = directory.path + "/fstab"
        try "only\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Shell.run(NodeScript([.removeLine("only", file: file)]).text).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "")
    }
}
