import ArgumentParser
import NNFSBook

/// `nnfs-book verify [--chapters DIR]`
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Run every chapter in a directory and compare their outputs.")

    @Option(help: "Directory of chapter Markdown files.")
    var chapters = "chapters"

    @OptionGroup var common: CommonOptions

    func run() throws {
        let paths: [String]
        do {
            paths = try BookRunner.chapters(in: chapters)
        } catch {
            print("nnfs-book: cannot read the chapters directory \(chapters): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        try common.run(paths, showProgress: true)
    }
}
