import NodeCommands
import Testing

@Suite struct ShellQuoteTests {
    static let awkwardWords = [
        "", " ", "two words", "it's", "'", "''", "\"", "say \"hi\"", "$HOME", "${PATH}", "$(id)", "`id`", "a\\b",
        "\\", "line\nbreak", "\n", "tab\there", "*", "?", "[a]", "~", "~root", "a;b", "a&b", "a|b", "<x>", "#comment",
        "!", "a=b", "-n", "--", "%s", "émoji 🧱", "日本語", "\u{7f}", "end\\", "'\"'\"'",
    ]

    @Test func bareWordsStayBare() {
        for word in ["gluster", "--mode=script", "vg_dead/tp_beef", "host:/path/brick", "a@b%c+d,e-f", "256K"] {
            #expect(ShellQuote.quote(word) == word)
        }
    }

    @Test func quotesEverythingElse() {
        #expect(ShellQuote.quote("") == "''")
        #expect(ShellQuote.quote("two words") == "'two words'")
        #expect(ShellQuote.quote("it's") == "'it'\\''s'")
        #expect(ShellQuote.quote("$HOME") == "'$HOME'")
        #expect(ShellQuote.quote("~") == "'~'")
        #expect(ShellQuote.quote("日本語") == "'日本語'")
    }

    @Test func aFirstWordWithEqualsIsNotAnAssignment() {
        #expect(NodeCommand(["a=b", "c=d"]).rendered == "'a=b' c=d")
    }

    @Test(arguments: Self.awkwardWords)
    func theShellReadsBackEachWord(word: String) throws {
        #expect(try Shell.words(of: ShellQuote.quote(word)) == [word])
    }

    @Test func theShellReadsBackAWholeCommandLine() throws {
        let argv = ["x"] + Self.awkwardWords
        let rendered = NodeCommand(argv).rendered
        #expect(try Shell.words(of: rendered) == argv)
    }
}
