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
                printf '%s\\n' 'dev /m xfs rw 1 2' >> /etc/fstab
                if grep -q -x -F -e 'dev /m xfs rw 1 2' -- /etc/fstab; then { grep -v -x -F -e 'dev /m xfs rw 1 2' -- /etc/fstab > /etc/fstab.brickyard-tmp || [ $? -eq 1 ]; }; cat /etc/fstab.brickyard-tmp > /etc/fstab; rm -f /etc/fstab.brickyard-tmp; fi

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
        #expect(!FileManager.default.fileExists(atPath: file + ".brickyard-tmp"))
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
