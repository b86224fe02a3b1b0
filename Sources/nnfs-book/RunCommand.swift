import ArgumentParser

/// `nnfs-book run <chapter.md...>`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the given chapters and compare their outputs.")

    @Argument(help: "Chapter Markdown files.")
    var chapters: [String]

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if chapters.isEmpty {
            throw ValidationError("give at least one chapter, e.g. `nnfs-book run chapters/02-coding-our-first-neurons.md`")
        }
    }

    func run() throws {
        try common.run(chapters, showProgress: chapters.count > 1)
    }
}
