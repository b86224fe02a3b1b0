import ArgumentParser
import NNFSBook

/// `nnfs-book verify [--chapters DIR]`
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Run every chapter in a directory and compare their outputs.")

    @Option(help: "Directory of chapter Markdown files.")
    var chapters = "chapters"

    @Option(
        help: ArgumentHelp(
            "Run only shard I of N (chapters dealt out in turn by file name; for CI matrices). Pair with --junit to get a JUnit XML per shard.",
            valueName: "I/N"))
    var shard: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let s = shard {
            do { _ = try Shard(parsing: s) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() throws {
        let paths: [String]
        do {
            paths = try BookRunner.chapters(in: chapters)
        } catch {
            print("nnfs-book: cannot read the chapters directory \(chapters): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        try common.run(paths, showProgress: true, shard: try shard.map(Shard.init(parsing:)))
    }
}
