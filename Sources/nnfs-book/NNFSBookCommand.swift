import ArgumentParser

@main
struct NNFSBookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnfs-book",
        abstract: "Run the chapters of Neural Networks from Scratch as golden tests.",
        discussion: "Chapters are Markdown files whose ```swift cells run against NNFS and whose ```output blocks hold what the book prints. See docs/chapter-format.md.",
        subcommands: [RunCommand.self, VerifyCommand.self, ServeCommand.self, PredictCommand.self, RestoreCommand.self])
}
